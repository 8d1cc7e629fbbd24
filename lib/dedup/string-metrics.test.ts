import { describe, expect, it } from "vitest";
import { diceSets, diceSorted, hashedTokenSet, jaroWinkler, levenshteinRatio } from "./string-metrics";

describe("string metrics", () => {
  // Winkler (1990) worked examples, also in Wikipedia's "Jaro–Winkler distance": MARTHA/MARHTA 0.961, DIXON/DICKSONX 0.813.
  it("jaroWinkler matches the published examples", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.813, 3);
    expect(jaroWinkler("", "a")).toBe(0);
    expect(jaroWinkler("same", "same")).toBe(1);
  });
  it("levenshteinRatio is 1 - distance / longer length", () => {
    expect(levenshteinRatio("kitten", "sitting", 0.5)).toBeCloseTo(1 - 3 / 7, 10);
    expect(levenshteinRatio("abc", "abc")).toBe(1);
    expect(levenshteinRatio("abcdefghij", "zzzzzzzzzz")).toBe(0); // beyond the band: early exit
  });
  it("levenshteinRatio separates titles JW would call equal", () => {
    const a = "effect of drug x on blood pressure in mice";
    const b = "effect of drug x on blood pressure in rats";
    expect(jaroWinkler(a, b)).toBeGreaterThan(0.95);
    expect(levenshteinRatio(a, b)).toBeLessThan(0.92);
  });
  it("diceSets", () => {
    expect(diceSets(new Set(["a", "b"]), new Set(["b", "c"]))).toBeCloseTo(0.5, 10);
    expect(diceSets(new Set(), new Set(["a"]))).toBe(0);
  });
  it("diceSorted on hashed token sets equals diceSets on the words", () => {
    const a = "we measured blood pressure in mice given drug x and drug y over twelve weeks".split(" ");
    const b = "blood pressure was measured in rats given drug x for twelve weeks twelve".split(" ");
    expect(hashedTokenSet(a)).toHaveLength(new Set(a).size);
    expect(diceSorted(hashedTokenSet(a), hashedTokenSet(b))).toBeCloseTo(diceSets(new Set(a), new Set(b)), 12);
    expect(diceSorted(hashedTokenSet([]), hashedTokenSet(["a"]))).toBe(0);
    expect(diceSorted(hashedTokenSet([]), hashedTokenSet([]))).toBe(1);
  });
});
