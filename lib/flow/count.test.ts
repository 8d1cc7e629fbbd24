import { describe, expect, it } from "vitest";
import { checkFlow } from "./checks";
import { composeFlow } from "./compose";
import { classifyOtherSearch, countFlow } from "./count";
import type { FlowSnapshot, SnapshotRecord } from "./model";

const rec = (id: string, searchId: string | null, extra: Partial<SnapshotRecord> = {}): SnapshotRecord => ({
  id, searchId, duplicateGroupId: null, titleAbstract: null, fullText: null, retrieval: null, studyId: null, ...extra,
});
const inc = { outcome: "INCLUDE" as const, reasonId: null };
const exc = (reasonId: string | null = null) => ({ outcome: "EXCLUDE" as const, reasonId });

/**
 * A constructed review: two databases and a register overlapping (a three-way duplicate group),
 * a citation-searched record that duplicates a database record, one report not retrieved and
 * one "full text not available" exclusion, and two reports of one study.
 */
function review(): FlowSnapshot {
  return {
    searches: [
      { id: "pubmed", kind: "DATABASE", database: "PubMed", reportedHits: 5 },
      { id: "embase", kind: "DATABASE", database: "Embase", reportedHits: null },
      { id: "ctgov", kind: "REGISTER", database: "ClinicalTrials.gov", reportedHits: 2 },
      { id: "cites", kind: "OTHER", database: "Citation searching", reportedHits: null },
    ],
    groups: [
      { id: "g1", primaryRecordId: "p1" },
      { id: "g2", primaryRecordId: "p2" },
      { id: "g3", primaryRecordId: "p3" },
    ],
    reasons: [
      { id: "pop", label: "Wrong population" },
      { id: "design", label: "Wrong study design" },
      { id: "ftna", label: "Full text not available" },
    ],
    records: [
      rec("p1", "pubmed", { duplicateGroupId: "g1", titleAbstract: inc, fullText: inc, retrieval: "RETRIEVED", studyId: "S1" }),
      rec("p2", "pubmed", { duplicateGroupId: "g2", titleAbstract: inc, fullText: inc, retrieval: "RETRIEVED", studyId: "S1" }),
      rec("p3", "pubmed", { duplicateGroupId: "g3", titleAbstract: inc, retrieval: "NOT_RETRIEVED" }),
      rec("p4", "pubmed", { titleAbstract: exc("pop") }),
      rec("p5", "pubmed", { titleAbstract: exc() }),
      rec("e1", "embase", { duplicateGroupId: "g1" }),
      rec("e2", "embase", { duplicateGroupId: "g2" }),
      rec("e3", "embase", { titleAbstract: inc, fullText: exc("ftna") }),
      rec("e4", "embase", { titleAbstract: exc("design") }),
      rec("r1", "ctgov", { duplicateGroupId: "g2" }),
      rec("r2", "ctgov", { titleAbstract: inc, fullText: exc("pop"), retrieval: "RETRIEVED" }),
      rec("o1", "cites", { duplicateGroupId: "g3" }),
      rec("o2", "cites", { fullText: inc, retrieval: "RETRIEVED" }),
    ],
  };
}

const n = (flow: ReturnType<typeof countFlow>) => Object.fromEntries(Object.entries(flow.counts).map(([k, v]) => [k, v.n]));

describe("countFlow on a constructed review", () => {
  const flow = countFlow(review(), "/reviews/demo/records");

  it("counts identification per database and register, from reported hits or else imported records", () => {
    expect(flow.lists.database_specific_results.items.map((i) => [i.label, i.n])).toEqual([["PubMed", 5], ["Embase", 4]]);
    expect(flow.lists.register_specific_results.items.map((i) => [i.label, i.n])).toEqual([["ClinicalTrials.gov", 2]]);
    expect(n(flow)).toMatchObject({ database_results: 9, register_results: 2, citations_results: 2, website_results: 0, organisation_results: 0 });
  });

  it("removes every non-primary member of a duplicate group, across databases and registers", () => {
    // e1 (dup of p1), e2 and r1 (dups of p2); o1 duplicates p3 but was found by citation searching,
    // which has no duplicates box in the template.
    expect(n(flow)).toMatchObject({ duplicates: 3, records_screened: 8, records_excluded: 3 });
  });

  it("separates reports not retrieved from reports excluded, including 'full text not available' exclusions", () => {
    expect(n(flow)).toMatchObject({ dbr_sought_reports: 5, dbr_notretrieved_reports: 2, dbr_assessed: 3 });
    expect(flow.lists.dbr_excluded.items.map((i) => [i.label, i.n])).toEqual([["Wrong population", 1]]);
  });

  it("counts studies and reports apart: two reports of one study are one study", () => {
    expect(n(flow)).toMatchObject({ other_sought_reports: 1, other_notretrieved_reports: 0, other_assessed: 1, new_reports: 3, new_studies: 2, total_studies: 2, total_reports: 3 });
    expect(flow.show.other).toBe(true);
  });

  it("passes every check", () => {
    expect(checkFlow(composeFlow(flow, [], "data")).filter((c) => !c.ok)).toEqual([]);
  });

  it("links each box to the records it counts", () => {
    expect(flow.counts.records_screened.href).toBe("/reviews/demo/records?box=records_screened");
    expect(flow.lists.database_specific_results.items[0].href).toBe("/reviews/demo/records?box=database_results&source=PubMed");
    expect(flow.lists.dbr_excluded.items[0].href).toBe("/reviews/demo/records?box=dbr_excluded&reason=pop");
  });

  it("lists exclusion reasons in protocol order, with unrecorded reasons last", () => {
    const s = review();
    s.records.push(rec("p6", "pubmed", { titleAbstract: inc, fullText: exc(null), retrieval: "RETRIEVED" }), rec("p7", "pubmed", { titleAbstract: inc, fullText: exc("design") }));
    s.searches[0].reportedHits = 7;
    expect(countFlow(s).lists.dbr_excluded.items.map((i) => i.label)).toEqual(["Wrong population", "Wrong study design", "Reason not recorded"]);
  });
});

describe("checks and the owner's entries", () => {
  it("fails, without correcting, when reported hits exceed the records imported; entering the removals settles it", () => {
    const s = review();
    s.searches[0].reportedHits = 7; // two records removed by an automation tool before import
    const data = countFlow(s);
    const failing = checkFlow(composeFlow(data, [], "data")).find((c) => c.id === "screened")!;
    expect(failing).toMatchObject({ ok: false, expected: 10, actual: 8 });
    const flow = composeFlow(data, [{ field: "excluded_automatic", n: 2 }], "data");
    expect(flow.counts.excluded_automatic).toEqual({ n: 2, source: "manual" });
    expect(flow.counts.records_screened.n).toBe(8);
    expect(checkFlow(flow).every((c) => c.ok)).toBe(true);
  });

  it("says which records wait for a decision when screening is unfinished", () => {
    const s = review();
    s.records.push(rec("p6", "pubmed"), rec("p7", "pubmed", { titleAbstract: inc }));
    s.searches[0].reportedHits = null;
    const checks = checkFlow(composeFlow(countFlow(s), [], "data"));
    expect(checks.find((c) => c.id === "sought")).toMatchObject({ ok: false, detail: "1 record still awaiting a title/abstract decision." });
    expect(checks.find((c) => c.id === "assessed")).toMatchObject({ ok: false, detail: "1 report sought but not yet assessed or marked not retrieved." });
  });

  it("names records that came from no logged search", () => {
    const s = review();
    s.records.push(rec("x1", null));
    const check = checkFlow(composeFlow(countFlow(s), [], "data")).find((c) => c.id === "screened")!;
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^1 record came from no logged search/);
  });

  it("in data mode takes only the numbers the data cannot know from the owner", () => {
    const flow = composeFlow(countFlow(review()), [{ field: "records_screened", n: 999 }, { field: "previous_studies", n: 4 }, { field: "previous_reports", n: 5 }, { field: "total_studies_ma", n: 3 }], "data");
    expect(flow.counts.records_screened).toMatchObject({ n: 8, source: "data" });
    expect(flow.counts.total_studies).toEqual({ n: 6, source: "manual" });
    expect(flow.counts.total_reports.n).toBe(8);
    expect(flow.show).toEqual({ previous: true, other: true, metaAnalysis: true });
    expect(checkFlow(flow).every((c) => c.ok)).toBe(true);
  });

  it("flags a typed total that disagrees with its parts", () => {
    const flow = composeFlow(null, [{ field: "database_results", n: 10 }, { field: "database_specific_results", items: [{ label: "A", n: 4 }, { label: "B", n: 5 }] }, { field: "total_studies", n: 3 }, { field: "new_studies", n: 2 }], "manual");
    const failed = checkFlow(flow).filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toContain("databases");
    expect(failed).toContain("total-studies");
    expect(failed).toContain("studies-reports");
  });
});

describe("classifyOtherSearch", () => {
  it("sorts other methods into the template's three boxes", () => {
    expect(classifyOtherSearch("Citation searching")).toBe("citations_results");
    expect(classifyOtherSearch("Google Scholar / websites")).toBe("website_results");
    expect(classifyOtherSearch("Contacting experts and organisations")).toBe("organisation_results");
    expect(classifyOtherSearch("Hand-searching")).toBe("citations_results");
  });
});
