import { describe, expect, it } from "vitest";
import { blockingKeys, forEachCandidatePair, MAX_BLOCK } from "./blocking";
import { extractFeatures } from "./features";
import { article, author, record } from "./test-fixtures";

describe("blocking", () => {
  it("keys on identifiers, title prefix and suffix, title words, author+year and volume+page", () => {
    const keys = blockingKeys(extractFeatures(article));
    expect(keys.map((k) => k.split(":")[0])).toEqual(["d", "p", "t", "e", "w", "a", "v"]);
  });
  it("finds a duplicate whose title start differs through another key", () => {
    const f = [article, { ...article, title: `The ${article.title}`, doi: undefined, pmid: undefined }].map(extractFeatures);
    const pairs: [number, number][] = [];
    forEachCandidatePair(f, (i, j) => pairs.push([i, j]));
    expect(pairs).toEqual([[0, 1]]);
  });
  it("stays near-linear in an oversized block (same first author and year)", () => {
    const n = MAX_BLOCK * 10;
    const many = Array.from({ length: n }, (_, i) => record({ title: `Study number ${i} of ${"xyz".repeat(i % 7)} outcomes`, authors: [author("Wang", "Y")], year: 2019 }));
    const count = forEachCandidatePair(many.map(extractFeatures), () => {});
    expect(count).toBeLessThan(n * 20);
  });
  it("in incremental mode visits only pairs with a new record", () => {
    const f = [article, { ...article }, { ...article }].map(extractFeatures);
    const pairs: [number, number][] = [];
    forEachCandidatePair(f, (i, j) => pairs.push([i, j]), 2);
    expect(pairs).toEqual([[0, 2], [1, 2]]);
  });
});
