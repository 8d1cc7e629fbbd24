import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { composeFlow } from "./compose";
import { flowToPrismaCsv, formatPrismaList } from "./prisma-csv";
import { SEED_001_ENTRIES } from "./seed-001-flow";

describe("flowToPrismaCsv", () => {
  const csv = flowToPrismaCsv(composeFlow(null, SEED_001_ENTRIES, "manual"));
  const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
  const n = (data: string) => rows.find((r) => r.data === data)?.n;

  it("keeps the PRISMA2020 package's columns and rows", () => {
    expect(csv.split("\r\n")[0]).toBe("data,node,box,description,boxtext,tooltips,url,n");
    expect(rows).toHaveLength(34);
    expect(rows.filter((r) => r.data !== "NA").map((r) => r.data)).toContain("dbr_notretrieved_reports");
  });

  it("fills n with the flow's counts and 'Label, n; …' lists", () => {
    expect(n("database_results")).toBe("1967");
    expect(n("database_specific_results")).toBe("PubMed, 380; Embase, 436; Web of Science, 1145; Cochrane Library, 6");
    expect(n("duplicates")).toBe("726");
    expect(n("records_screened")).toBe("1241");
    expect(n("dbr_excluded")).toBe("Non-single interventions / unreported outcomes or data extraction issues, 20");
    expect(n("new_studies")).toBe("17");
    expect(n("register_specific_results")).toBe("NA");
  });

  it("keeps commas and semicolons out of labels, since the package splits on them", () => {
    expect(formatPrismaList([{ label: "Reviews, case reports; letters", n: 3 }])).toBe("Reviews / case reports / letters, 3");
  });
});
