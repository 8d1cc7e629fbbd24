import { describe, expect, it } from "vitest";
import type { BibRecord } from "../formats/record";
import { extractFeatures } from "./features";
import { scorePair, THRESHOLDS, tierOf } from "./similarity";
import { article, author, record } from "./test-fixtures";

const score = (a: BibRecord, b: BibRecord) => scorePair(extractFeatures(a), extractFeatures(b));

describe("scorePair: true duplicates are certain", () => {
  it("the same record exported twice", () => {
    const s = score(article, { ...article });
    expect(tierOf(s.score)).toBe("certain");
    expect(s.reasons).toContain("doi match");
  });
  it("a copy with no DOI or PMID, abbreviated journal, initials-only authors, [French] note, 21-8 pages", () => {
    const copy: BibRecord = {
      ...article,
      doi: undefined,
      pmid: undefined,
      title: `[${article.title.toUpperCase()}]. [French]`,
      journal: "J Card Fail",
      journalAbbrev: undefined,
      authors: [author("GARCIA-LOPEZ", "JA"), author("OKONKWO", "N"), author("BERG", "L")],
      pages: "221-8",
    };
    const s = score(article, copy);
    expect(tierOf(s.score)).toBe("certain");
    expect(s.reasons).toContain("pages 221-228 = 221-8");
    expect(s.reasons).toContain("journal same");
  });
  it("an e-pub year one earlier with the same DOI", () => {
    const s = score(article, { ...article, year: 2018, pages: undefined, volume: undefined });
    expect(tierOf(s.score)).toBe("certain");
    expect(s.reasons).toContain("year differs by 1");
  });
});

describe("scorePair: traps are never certain", () => {
  it("an erratum of the article", () => {
    const erratum = { ...article, title: `Erratum: ${article.title}`, doi: undefined, pmid: undefined, year: 2020, volume: "26", pages: "88" };
    const s = score(article, erratum);
    expect(s.score).toBeLessThan(THRESHOLDS.possible);
    expect(s.reasons).toContain("article vs erratum");
  });
  it("a WoS-style correction '(vol 25, pg 221, 2019)' and a comment", () => {
    const correction = { ...article, title: `${article.title} (vol 25, pg 221, 2019)`, doi: undefined, pmid: undefined };
    expect(score(article, correction).score).toBeLessThan(THRESHOLDS.certain);
    const comment = { ...article, title: `Comment on: ${article.title}`, authors: [author("Nakamura", "K")], doi: undefined, pmid: undefined };
    expect(score(article, comment).score).toBeLessThan(THRESHOLDS.possible);
  });
  it("parts of a series", () => {
    const partOne = { ...article, title: "Heart failure in older adults. Part I: epidemiology", doi: undefined, pmid: undefined };
    const partTwo = { ...partOne, title: "Heart failure in older adults. Part II: treatment", pages: "229-240" };
    expect(score(partOne, partTwo).score).toBeLessThan(THRESHOLDS.possible);
    const numbered = { ...partOne, title: "Heart failure in older adults. Part 2: epidemiology" };
    expect(score(partOne, numbered).reasons.some((r) => r.startsWith("numbers in title differ"))).toBe(true);
  });
  it("a conference abstract vs the full paper", () => {
    const abstract = { ...article, doi: undefined, pmid: undefined, year: 2018, volume: "24 (Supplement 1)", issue: undefined, pages: "S45", journal: "Journal of Cardiac Failure. Conference: HFSA Annual Meeting 2018" };
    const s = score(abstract, article);
    expect(tierOf(s.score)).not.toBe("certain");
  });
  it("the same conference abstract with the supplement written differently is still certain", () => {
    const a = { ...article, doi: undefined, pmid: undefined, volume: "24 (Supplement 1)", issue: undefined, pages: "S45" };
    const b = { ...a, volume: "24", issue: "Supplement 1" };
    const c = { ...a, volume: "24", issue: undefined, pages: "45" };
    expect(tierOf(score(a, b).score)).toBe("certain");
    expect(tierOf(score(a, c).score)).toBe("certain");
  });
  it("identical generic titles in other journals or years", () => {
    const intro = record({ title: "Introduction", journal: "Heart", year: 2019, volume: "105", pages: "1", authors: [author("Smith", "A")] });
    expect(tierOf(score(intro, { ...intro, journal: "Thorax", volume: "74" }).score)).toBe("distinct");
    expect(tierOf(score(intro, { ...intro, year: 2020, volume: "106" }).score)).toBe("distinct");
  });
  it("the same long title in another year or journal is at most possible", () => {
    const noIds = { ...article, doi: undefined, pmid: undefined };
    expect(tierOf(score(noIds, { ...noIds, year: 2021, volume: "27", pages: "100-110" }).score)).not.toBe("certain");
    expect(tierOf(score(noIds, { ...noIds, journal: "European Journal of Heart Failure", journalAbbrev: undefined, volume: "21", pages: "5-9" }).score)).not.toBe("certain");
  });
  it("different DOIs are a conflict", () => {
    const s = score(article, { ...article, doi: "10.1016/j.cardfail.2019.09.999" });
    expect(s.conflict).toBe(true);
    expect(tierOf(s.score)).not.toBe("certain");
  });
  it("a shared DOI with an unrelated title (a whole supplement's DOI) is not a match", () => {
    const s = score(article, record({ title: "Prevalence of anaemia in blood donors", doi: article.doi, year: 2019 }));
    expect(tierOf(s.score)).toBe("distinct");
  });
});
