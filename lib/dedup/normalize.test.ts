import { describe, expect, it } from "vitest";
import {
  decodeHtml, journalsCompatible, normalizeAuthor, normalizeDoi, normalizeJournal, normalizePages, normalizeTitle, normalizeVolume,
} from "./normalize";
import { author } from "./test-fixtures";

describe("normalizeTitle", () => {
  it("folds entities, markup, case, punctuation, diacritics and the trailing period", () => {
    expect(normalizeTitle("Über <i>E. coli</i> &amp; the Heart.")).toBe("uber e coli the heart");
  });
  it("spells Greek letters out, whether symbols or entities", () => {
    expect(normalizeTitle("α-Synuclein and &beta;-amyloid")).toBe(normalizeTitle("alpha-synuclein and beta-amyloid"));
    expect(normalizeTitle("TNF-α")).toBe("tnf alpha");
  });
  it("drops translated-title notes and MEDLINE's brackets", () => {
    const plain = normalizeTitle("Effect of diet on weight");
    expect(normalizeTitle("[Effect of diet on weight]. [French]")).toBe(plain);
    expect(normalizeTitle("Effect of diet on weight [Article in German]")).toBe(plain);
    expect(normalizeTitle("Effect of diet on weight (Spanish, English)")).toBe(plain);
  });
  it("keeps brackets that are part of the title", () => {
    expect(normalizeTitle("Outcomes after surgery [a cohort study]")).toBe("outcomes after surgery a cohort study");
  });
});

describe("journals", () => {
  const same = (a: string, b: string) => journalsCompatible(normalizeJournal(a), normalizeJournal(b));
  it("matches ISO abbreviations token by token", () => {
    expect(same("J Neurosci Res", "Journal of Neuroscience Research")).toBe(true);
    expect(same("Proc Natl Acad Sci U S A", "Proceedings of the National Academy of Sciences of the United States of America")).toBe(true);
    expect(same("Am J Physiol Heart Circ Physiol", "American journal of physiology. Heart and circulatory physiology")).toBe(true);
  });
  it("ignores 'the', '&'/'and', places and conference suffixes", () => {
    expect(same("The Lancet", "Lancet (London, England)")).toBe(true);
    expect(same("Heart & Lung", "Heart and lung")).toBe(true);
    expect(same("Circulation. Conference: AHA Scientific Sessions 2017", "Circulation")).toBe(true);
    expect(same("BMJ", "British Medical Journal")).toBe(true);
  });
  it("keeps different journals apart", () => {
    expect(same("J Neurosci", "J Neurosci Res")).toBe(false);
    expect(same("Neurology", "Neuroscience")).toBe(false);
    expect(same("Brain Res", "Brain Research Bulletin")).toBe(false);
  });
});

describe("normalizePages", () => {
  it("expands abbreviated ranges: 21-8 is 21-28", () => {
    expect(normalizePages("21-8")).toEqual({ start: "21", end: "28" });
    expect(normalizePages("1199-203")).toEqual({ start: "1199", end: "1203" });
    expect(normalizePages("21-28")).toEqual(normalizePages("21-8"));
  });
  it("reads supplement and electronic pages", () => {
    expect(normalizePages("S21-S28")).toEqual({ start: "21", end: "28" });
    expect(normalizePages("e123")).toEqual({ start: "e123", end: "" });
    expect(normalizePages("pp. 5–9")).toEqual({ start: "5", end: "9" });
  });
  it("undoes spreadsheet dates", () => {
    expect(normalizePages("Jan-14")).toEqual({ start: "1", end: "14" });
    expect(normalizePages("21-Aug")).toEqual({ start: "21", end: "28" });
  });
  it("uses start/end pages when there is no pages text", () => {
    expect(normalizePages(undefined, "7", "12")).toEqual({ start: "7", end: "12" });
    expect(normalizePages(undefined)).toBeUndefined();
  });
});

describe("identifiers, volumes, authors", () => {
  it("normalises DOIs", () => {
    expect(normalizeDoi("https://dx.doi.org/10.1016/S0735-1097%2813%2962048-3")).toBe("10.1016/s0735-1097(13)62048-3");
    expect(normalizeDoi("doi: 10.1000/XYZ.")).toBe("10.1000/xyz");
    expect(normalizeDoi("NA")).toBe("");
    // SICI DOIs match whole, so two SICI articles of one issue do not share a cut-off prefix.
    expect(normalizeDoi("10.1002/(SICI)1098-2795(199907)53:3<266::AID-MRD2>3.0.CO;2-6"))
      .toBe("10.1002/(sici)1098-2795(199907)53:3<266::aid-mrd2>3.0.co;2-6");
  });
  it("reads the leading volume number and ignores fragments", () => {
    expect(normalizeVolume("38 (Supplement 1)")).toBe("38");
    expect(normalizeVolume("190-191")).toBe("190");
    expect(normalizeVolume("1)")).toBe("");
  });
  it("keys authors by folded family name and first initial", () => {
    expect(normalizeAuthor(author("García-López", "José A."))).toBe("garcialopez j");
    expect(normalizeAuthor(author("GARCIA-LOPEZ", "JA"))).toBe("garcialopez j");
  });
  it("decodes numeric entities", () => {
    expect(decodeHtml("Smith&#39;s &#x3B2;")).toBe("Smith's β");
  });
});
