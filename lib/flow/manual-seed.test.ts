import { describe, expect, it } from "vitest";
import { renderPrismaFlow } from "@/lib/charts/prisma-flow";
import { readSvgBoxes } from "@/lib/charts/svg-inspect";
import { checkFlow } from "./checks";
import { composeFlow } from "./compose";
import { SEED_001_ENTRIES } from "./seed-001-flow";

describe("manual mode: the 001 seed's flow typed by hand", () => {
  const flow = composeFlow(null, SEED_001_ENTRIES, "manual");

  it("reproduces every box of the article's flow", () => {
    expect(flow.counts.database_results).toEqual({ n: 1967, source: "manual" });
    expect(flow.lists.database_specific_results.items.map((i) => [i.label, i.n])).toEqual([["PubMed", 380], ["Embase", 436], ["Web of Science", 1145], ["Cochrane Library", 6]]);
    expect(flow.counts.duplicates.n).toBe(726);
    expect(flow.counts.records_screened.n).toBe(1241);
    expect(flow.counts.records_excluded.n).toBe(1204);
    expect(flow.counts.dbr_assessed.n).toBe(37);
    expect(flow.lists.dbr_excluded.items.reduce((s, i) => s + i.n, 0)).toBe(20);
    expect(flow.counts.new_studies.n).toBe(17);
    expect(flow.counts.total_studies.n).toBe(17);
    expect(flow.show).toEqual({ previous: false, other: false, metaAnalysis: false });
  });

  it("passes every consistency check", () => {
    const failed = checkFlow(flow).filter((c) => !c.ok);
    expect(failed).toEqual([]);
  });

  it("marks every number as typed, and a mistyped number fails its check rather than being corrected", () => {
    expect(Object.values(flow.counts).every((c) => c.source === "manual")).toBe(true);
    const wrong = composeFlow(null, SEED_001_ENTRIES.map((e) => (e.field === "records_screened" ? { ...e, n: 1240 } : e)), "manual");
    expect(wrong.counts.records_screened.n).toBe(1240);
    expect(checkFlow(wrong).filter((c) => !c.ok).map((c) => c.id)).toEqual(["screened", "sought"]);
  });

  it("draws the article's numbers", () => {
    const svg = renderPrismaFlow(flow);
    const boxes = readSvgBoxes(svg);
    expect(boxes.get("database_results")).toBe("Records identified from: Databases (n = 1,967) – PubMed (n = 380) – Embase (n = 436) – Web of Science (n = 1,145) – Cochrane Library (n = 6) Registers (n = 0)");
    expect(boxes.get("duplicates")).toContain("Duplicate records (n = 726)");
    expect(boxes.get("records_screened")).toBe("Records screened (n = 1,241)");
    expect(boxes.get("records_excluded")).toBe("Records excluded (n = 1,204)");
    expect(boxes.get("dbr_sought_reports")).toBe("Reports sought for retrieval (n = 37)");
    expect(boxes.get("dbr_assessed")).toBe("Reports assessed for eligibility (n = 37)");
    expect(boxes.get("dbr_excluded")).toMatch(/^Reports excluded: Non-single .* \(n = 20\)$/);
    expect(boxes.get("new_studies")).toBe("New studies included in review (n = 17) Reports of new included studies (n = 17)");
    expect(svg).toContain("manual mode");
    expect(svg).not.toContain("\u2020");
  });
});
