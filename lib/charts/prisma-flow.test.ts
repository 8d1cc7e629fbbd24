import { describe, expect, it } from "vitest";
import { composeFlow } from "@/lib/flow/compose";
import type { FlowEntry } from "@/lib/flow/model";
import { renderPrismaFlow } from "./prisma-flow";
import { readSvgBoxes } from "./svg-inspect";

const base: FlowEntry[] = [
  { field: "database_specific_results", items: [{ label: "PubMed", n: 120 }, { label: "Embase", n: 80 }] },
  { field: "duplicates", n: 50 },
  { field: "records_screened", n: 150 },
  { field: "records_excluded", n: 130 },
  { field: "dbr_sought_reports", n: 20 },
  { field: "dbr_notretrieved_reports", n: 2 },
  { field: "dbr_assessed", n: 18 },
  { field: "dbr_excluded", items: [{ label: "Wrong population", n: 10 }, { label: "Wrong outcomes", n: 3 }] },
  { field: "new_studies", n: 4 },
  { field: "new_reports", n: 5 },
];

describe("renderPrismaFlow", () => {
  it("draws every box of the databases column with its numbers, as well-formed XML", () => {
    const boxes = readSvgBoxes(renderPrismaFlow(composeFlow(null, base, "manual")));
    expect([...boxes.keys()]).toEqual(["newstud", "database_results", "duplicates", "records_screened", "records_excluded", "dbr_sought_reports", "dbr_notretrieved_reports", "dbr_assessed", "dbr_excluded", "new_studies"]);
    expect(boxes.get("duplicates")).toBe("Records removed before screening: Duplicate records (n = 50) Records marked as ineligible by automation tools (n = 0) Records removed for other reasons (n = 0)");
    expect(boxes.get("dbr_notretrieved_reports")).toBe("Reports not retrieved (n = 2)");
    expect(boxes.get("dbr_excluded")).toBe("Reports excluded: Wrong population (n = 10) Wrong outcomes (n = 3)");
  });

  it("has the side labels and an arrow for every step", () => {
    const svg = renderPrismaFlow(composeFlow(null, base, "manual"));
    for (const label of ["Identification", "Screening", "Included"]) expect(svg).toContain(`>${label}</text>`);
    // 4 down the column, 4 to the right.
    expect(svg.match(/data-role="arrow"/g)).toHaveLength(8);
  });

  it("adds the other-methods and previous-studies columns and the meta-analysis box when they hold numbers", () => {
    const entries: FlowEntry[] = [
      ...base,
      { field: "citations_results", n: 9 },
      { field: "other_sought_reports", n: 3 },
      { field: "other_assessed", n: 3 },
      { field: "other_excluded", items: [{ label: "Not an RCT", n: 1 }] },
      { field: "previous_studies", n: 7 },
      { field: "previous_reports", n: 8 },
      { field: "total_studies_ma", n: 10 },
    ];
    const svg = renderPrismaFlow(composeFlow(null, entries, "manual"));
    const boxes = readSvgBoxes(svg);
    for (const field of ["prevstud", "previous_studies", "othstud", "website_results", "other_sought_reports", "other_notretrieved_reports", "other_assessed", "other_excluded", "total_studies", "total_studies_ma"]) expect(boxes.has(field)).toBe(true);
    expect(boxes.get("website_results")).toContain("Citation searching (n = 9)");
    expect(boxes.get("total_studies")).toBe("Total studies included in review (n = 11) Reports of total included studies (n = 13)");
    // other column 2 down + 2 right + 1 into new studies; previous into total; new → total → meta-analysis.
    expect(svg.match(/data-role="arrow"/g)).toHaveLength(8 + 5 + 1 + 2);
  });

  it("wraps long reason lists inside the box and keeps each count whole", () => {
    const reasons = Array.from({ length: 12 }, (_, i) => ({ label: `Outcome measured with an instrument not validated in the population of interest, variant ${i + 1}`, n: 1000 + i }));
    const svg = renderPrismaFlow(composeFlow(null, [...base.filter((e) => e.field !== "dbr_excluded"), { field: "dbr_excluded", items: reasons }], "manual"));
    const group = /<g data-field="dbr_excluded">(.*?)<\/g>/.exec(svg)![1];
    const rect = /width="(\d+)" height="(\d+)"/.exec(group)!;
    const lines = group.match(/<text /g)!.length;
    expect(lines).toBeGreaterThan(12 * 2);
    expect(Number(rect[2])).toBeGreaterThanOrEqual(lines * 15);
    for (let i = 0; i < 12; i++) expect(group).toContain(`(n = ${(1000 + i).toLocaleString("en-US")})`);
  });

  it("escapes text so labels cannot break the XML", () => {
    const svg = renderPrismaFlow(composeFlow(null, [...base, { field: "dbr_excluded", items: [{ label: `<script>alert("x")</script> & 'quotes'`, n: 1 }] }], "manual"));
    expect(svg).not.toContain("<script>");
    expect(readSvgBoxes(svg).get("dbr_excluded")).toContain(`<script>alert("x")</script> & 'quotes' (n = 1)`);
  });

  it("marks hand-entered numbers in a live diagram with a dagger and a footnote", () => {
    const data = composeFlow(null, base, "manual");
    for (const c of Object.values(data.counts)) c.source = "data";
    for (const l of Object.values(data.lists)) l.source = "data";
    data.mode = "data";
    const live = renderPrismaFlow(composeFlow(data, [{ field: "excluded_automatic", n: 12 }], "data"));
    expect(readSvgBoxes(live).get("duplicates")).toContain("Records marked as ineligible by automation tools (n = 12\u2020)");
    expect(live.match(/\u2020/g)).toHaveLength(2); // the number and the footnote
    expect(live).toContain('data-manual="true"');
    expect(renderPrismaFlow(data)).not.toContain("\u2020");
  });

  it("links boxes and lines to their records only when asked", () => {
    const data = composeFlow(null, base, "manual");
    data.mode = "data";
    data.counts.records_screened = { n: 150, source: "data", href: "/reviews/r/records?box=records_screened" };
    expect(renderPrismaFlow(data, { links: true })).toContain('<a href="/reviews/r/records?box=records_screened">');
    expect(renderPrismaFlow(data)).not.toContain("<a ");
  });
});
