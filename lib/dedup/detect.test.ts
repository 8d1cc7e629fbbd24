import { describe, expect, it } from "vitest";
import type { BibRecord } from "../formats/record";
import { findDuplicates, pairKey } from "./detect";
import { article, author, record, unrelatedTrial as other } from "./test-fixtures";

const copy: BibRecord = { ...article, doi: undefined, journal: "J Card Fail", pages: "221-8" };
const sparse: BibRecord = { ...article, abstract: undefined, issue: undefined, pmid: undefined, doi: undefined };

describe("findDuplicates", () => {
  it("groups certain duplicates and picks the most complete record as primary", () => {
    const { groups, possiblePairs } = findDuplicates([sparse, other, article, copy]);
    expect(groups).toHaveLength(1);
    expect(groups[0].members).toEqual([0, 2, 3]);
    expect(groups[0].primary).toBe(2);
    expect(groups[0].tier).toBe("certain");
    expect(groups[0].score).toBeGreaterThanOrEqual(0.99);
    expect(groups[0].reasons.length).toBeGreaterThan(0);
    expect(possiblePairs).toHaveLength(0);
  });

  it("queues uncertain pairs with reasons instead of merging them", () => {
    const sameTitleOtherJournal = { ...article, doi: undefined, pmid: undefined, journal: "European Journal of Heart Failure", journalAbbrev: undefined, volume: "21", pages: undefined };
    const { groups, possiblePairs } = findDuplicates([{ ...article, doi: undefined, pmid: undefined }, sameTitleOtherJournal]);
    expect(groups).toHaveLength(0);
    expect(possiblePairs).toHaveLength(1);
    expect(possiblePairs[0].reasons.join(" ")).toMatch(/journal/);
  });

  it("never chains a conflict into one group (A~B, B~C certain but A, C have different DOIs)", () => {
    const a = { ...article, doi: "10.1000/a" };
    const b = { ...article, doi: undefined };
    const c = { ...article, doi: "10.1000/c" };
    const { groups, possiblePairs } = findDuplicates([a, b, c]);
    for (const g of groups) expect(g.members.includes(0) && g.members.includes(2)).toBe(false);
    expect(possiblePairs.length).toBeGreaterThan(0);
  });

  it("keeps traps apart: erratum and series parts", () => {
    const erratum = { ...article, title: `Erratum: ${article.title}`, doi: undefined, pmid: undefined, pages: "99" };
    const part1 = record({ title: "Dialysis in older adults. Part I: access", authors: [author("Berg", "L")], year: 2020, journal: "Kidney Int", volume: "97", pages: "10-20" });
    const part2 = { ...part1, title: "Dialysis in older adults. Part II: outcomes", pages: "21-30" };
    const { groups } = findDuplicates([article, erratum, part1, part2]);
    expect(groups).toHaveLength(0);
  });

  describe("incremental mode", () => {
    it("compares new records with old and new ones, never old with old", () => {
      const existing = [article, { ...article }]; // an old, unresolved duplicate pair is not re-reported
      const incoming = [other, copy, { ...other, doi: undefined }];
      const { groups } = findDuplicates(existing, incoming);
      const members = groups.map((g) => g.members);
      expect(members).toContainEqual([0, 1, 3]); // old 0 and 1 join only through new record 3
      expect(members).toContainEqual([2, 4]);
    });
    it("does not re-queue or merge a pair a person decided", () => {
      const keyed = (r: BibRecord, i: number) => `rec-${i}`;
      const near = { ...article, doi: undefined, pmid: undefined, journal: "European Journal of Heart Failure", journalAbbrev: undefined, volume: "21", pages: undefined };
      const first = findDuplicates([article], [near], { recordKey: keyed });
      expect(first.possiblePairs).toHaveLength(1);
      const again = findDuplicates([article], [near], { recordKey: keyed, decidedPairs: [pairKey("rec-1", "rec-0")] });
      expect(again.possiblePairs).toHaveLength(0);
      expect(again.groups).toHaveLength(0);
    });
    it("checks a new record against the whole existing group it would join", () => {
      const noDoi = { ...article, doi: undefined };
      const otherDoi = { ...article, doi: "10.1000/another-article" };
      // Alone, the new record matches the DOI-less old copy for certain...
      expect(findDuplicates([article, noDoi], [otherDoi]).groups.map((g) => g.members)).toContainEqual([1, 2]);
      // ...but that copy is grouped with a record whose DOI contradicts it, so it is queued instead.
      const result = findDuplicates([article, noDoi], [otherDoi], { groups: [[0, 1]] });
      expect(result.groups).toHaveLength(0);
      expect(result.possiblePairs).toHaveLength(1);
    });
    it("never joins two records a person decided differ, even through a third certain match", () => {
      const keyed = (_: BibRecord, i: number) => `rec-${i}`;
      // Both old copies match the new record for certain; a person said the old two differ.
      const result = findDuplicates([article, { ...article }], [{ ...article }], { recordKey: keyed, cannotLink: [pairKey("rec-0", "rec-1")] });
      for (const g of result.groups) expect(g.members.includes(0) && g.members.includes(1)).toBe(false);
      expect(result.groups).toHaveLength(1);
      expect(result.possiblePairs).toHaveLength(1);
      expect(result.possiblePairs[0].reasons).toContain("would join records that conflict");
    });
  });

  it("handles empty input and records without titles", () => {
    expect(findDuplicates([])).toEqual({ groups: [], possiblePairs: [], candidatePairs: 0 });
    expect(findDuplicates([record({}), record({})]).groups).toHaveLength(0);
  });
});
