import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertArm, convertArmUnit, convertUnit, fiveNumberSkewness, sdFromCi95 } from "./arm-conversion";

/**
 * Median-based references: metafor's current conv.fivenum() (commit 71ae8f5) run in R 4 by
 * lib/stats/testdata/r/conv-fivenum-reference.R (its output is pasted at the end of that file).
 * t quantiles: R's qt(0.975, df).
 */
describe("convertArm: mean with SD, SE or CI (Cochrane Handbook 6.5.2.2)", () => {
  it("prefers a reported SD, then SE, then CI", () => {
    const all = { n: 25, mean: 10, sd: 7, se: 2, ciLower: 6, ciUpper: 14 };
    expect(convertArm(all)).toMatchObject({ ok: true, mean: 10, sd: 7, n: 25, from: "SD" });
    expect(convertArm({ ...all, sd: undefined })).toMatchObject({ ok: true, sd: 10, from: "SE", method: "SD = SE·√n (Cochrane Handbook 6.5.2.2)" });
    const ci = convertArm({ ...all, sd: undefined, se: undefined });
    expect(ci).toMatchObject({ ok: true, mean: 10, from: "CI" });
  });
  it("CI → SD uses t with n − 1 df for every n (R: qt(0.975, 5) = 2.5705818356363137, qt(0.975, 99) = 1.9842169515864172)", () => {
    const small = convertArm({ n: 6, mean: 3, ciLower: 1, ciUpper: 5 });
    expect(small.ok && small.sd).toBeCloseTo((Math.sqrt(6) * 4) / (2 * 2.5705818356363137), 12);
    expect(small.ok && small.method).toContain("t₀.₉₇₅,5");
    expect(sdFromCi95(10, 14, 100)).toBeCloseTo((10 * 4) / (2 * 1.9842169515864172), 12);
    // An n = 6 group treated with 1.96 (EPPI-Reviewer) would understate the SD by 24%.
    expect(small.ok && small.sd).toBeLessThan((Math.sqrt(6) * 4) / 3.92);
  });
  it("never guesses: plain reasons for missing or implausible inputs", () => {
    expect(convertArm({ mean: 10, sd: 2 })).toEqual({ ok: false, reason: "n missing" });
    expect(convertArm({ n: 10, mean: 10 })).toEqual({ ok: false, reason: "SD, SE or CI missing" });
    expect(convertArm({ n: 10, mean: 10, ciLower: 8 })).toEqual({ ok: false, reason: "only one CI limit reported" });
    expect(convertArm({ n: 10 })).toEqual({ ok: false, reason: "mean or median missing" });
    expect(convertArm({ n: 10.5, mean: 1, sd: 1 })).toMatchObject({ ok: false, reason: expect.stringContaining("whole number") });
    expect(convertArm({ n: 10, mean: 1, sd: 0 })).toMatchObject({ ok: false, reason: "SD must be > 0 (got 0)" });
    expect(convertArm({ n: 10, mean: 1, se: -1 })).toMatchObject({ ok: false });
    expect(convertArm({ n: 10, mean: 1, ciLower: 3, ciUpper: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining("upper") });
    expect(convertArm({ n: 1, mean: 1, ciLower: 0, ciUpper: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining("n must be ≥ 2") });
  });
});

describe("convertArm: median-based, as metafor's conv.fivenum defaults", () => {
  it("median + range: Luo et al. mean, Wan et al. SD (R row 1)", () => {
    const r = convertArm({ n: 50, median: 10, min: 2, max: 20 });
    expect(r).toMatchObject({ ok: true, from: "MEDIAN_RANGE" });
    expect(r.ok && r.mean).toBeCloseTo(10.175415396532259, 12);
    expect(r.ok && r.sd).toBeCloseTo(4.0118952461424522, 12);
  });
  it("median + IQR: Luo et al. mean, Wan et al. SD (R row 2)", () => {
    const r = convertArm({ n: 50, median: 10, q1: 7, q3: 14 });
    expect(r).toMatchObject({ ok: true, from: "MEDIAN_IQR" });
    expect(r.ok && r.mean).toBeCloseTo(10.3539, 12);
    expect(r.ok && r.sd).toBeCloseTo(5.3431320657621511, 12);
  });
  it("all five numbers: Luo et al. mean, Shi et al. 2020 SD (R row 3)", () => {
    const r = convertArm({ n: 50, median: 10, min: 2, q1: 7, q3: 14, max: 20 });
    expect(r).toMatchObject({ ok: true, from: "MEDIAN_IQR_RANGE" });
    expect(r.ok && r.mean).toBeCloseTo(10.412880137955044, 12);
    expect(r.ok && r.sd).toBeCloseTo(4.5744963674930794, 12);
    expect(r.ok && r.method).toContain("Shi et al. 2020");
  });
  it("a small symmetric arm (n = 6) converts (R row 7)", () => {
    const r = convertArm({ n: 6, median: 8, min: 5, max: 11 });
    expect(r.ok && r.mean).toBeCloseTo(8, 12);
    expect(r.ok && r.sd).toBeCloseTo(2.3409124382171367, 12);
  });
  it("refuses clearly skewed data (R rows 4–6: sig = TRUE, mean and SD NA)", () => {
    for (const arm of [
      { n: 20, median: 2, min: 1, max: 30 },
      { n: 20, median: 4, q1: 3, q3: 20 },
      { n: 20, median: 2, min: 0, q1: 1, q3: 3, max: 40 },
    ]) {
      const r = convertArm(arm);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/^too skewed to estimate mean and SD/);
    }
    const t = fiveNumberSkewness({ n: 20, median: 2, min: 0, q1: 1, q3: 3, max: 40 })!;
    expect(t.statistic).toBeCloseTo(1.32520621452013465, 12);
    expect(t.critical).toBeCloseTo(0.66582039324993691, 12);
  });
  it("refuses n < 5 (R row 8: NA), incomplete sets and unordered summaries", () => {
    expect(convertArm({ n: 4, median: 15, min: 10, q1: 12, q3: 19, max: 25 })).toMatchObject({ ok: false, reason: expect.stringContaining("n < 5") });
    expect(convertArm({ n: 20, median: 5, q1: 3 })).toMatchObject({ ok: false, reason: expect.stringContaining("both quartiles") });
    expect(convertArm({ n: 20, median: 5, min: 1, max: 9, q1: 3 })).toMatchObject({ ok: false, reason: expect.stringContaining("incomplete") });
    expect(convertArm({ n: 20, median: 5 })).toMatchObject({ ok: false, reason: "median without IQR or range" });
    expect(convertArm({ n: 20, median: 5, q1: 6, q3: 8 })).toMatchObject({ ok: false, reason: expect.stringContaining("not in order") });
  });
  it("keeps a reported mean and estimates only the SD (conv.fivenum replace = \"ifna\")", () => {
    const r = convertArm({ n: 50, mean: 9.5, median: 10, q1: 7, q3: 14 });
    expect(r).toMatchObject({ ok: true, mean: 9.5, from: "MEDIAN_IQR" });
    expect(r.ok && r.sd).toBeCloseTo(5.3431320657621511, 12);
  });
});

describe("convertArm against conv.fivenum on 300 random summaries", () => {
  // testdata/conv-fivenum-cases.csv is written by testdata/r/conv-fivenum-cases.R: normal and
  // log-normal samples (n = 3..120) reduced to range, IQR or five numbers, run through
  // metafor's current conv.fivenum() in R; empty mean/sd = conv.fivenum gives NA.
  // vitest runs from the repository root.
  const lines = readFileSync(path.resolve("lib/stats/testdata/conv-fivenum-cases.csv"), "utf8").trim().split("\n").slice(1);
  const num = (s: string) => (s === "" ? undefined : Number(s));
  it("agrees on every case: same mean and SD to 1e-12 (relative), and refuses exactly where R gives NA", () => {
    let converted = 0;
    for (const line of lines) {
      const [min, q1, median, q3, max, n, mean, sd] = line.split(",").map(num);
      const r = convertArm({ n, median, min, q1, q3, max });
      if (mean === undefined) {
        expect(r.ok, line).toBe(false);
        continue;
      }
      converted++;
      expect(r.ok, line).toBe(true);
      if (!r.ok) continue;
      expect(Math.abs(r.mean - mean) / Math.abs(mean), line).toBeLessThan(1e-12);
      expect(Math.abs(r.sd - sd!) / sd!, line).toBeLessThan(1e-12);
    }
    expect(lines).toHaveLength(300);
    expect(converted).toBe(206); // as the R script reports
  });
});

describe("unit conversion", () => {
  const units = [{ unit: "µm/day", factor: 0.001 }, { unit: "nm/day", factor: 0.000001 }];
  it("scales between listed units and the outcome's own unit", () => {
    expect(convertUnit(2500, "µm/day", "mm/day", units)).toBeCloseTo(2.5, 14);
    expect(convertUnit(2.5, "mm/day", "µm/day", units)).toBeCloseTo(2500, 9);
    expect(convertUnit(3000, "nm/day", "µm/day", units)).toBeCloseTo(3, 12);
    expect(convertUnit(7, "x", "x", [])).toBe(7);
    expect(() => convertUnit(1, "furlong", "mm/day", units)).toThrow(/furlong/);
  });
  it("scales every location and dispersion of an arm, not n", () => {
    const arm = convertArmUnit({ n: 8, mean: 1200, sd: 300, se: 106, ciLower: 900, ciUpper: 1500 }, "µm/day", "mm/day", units);
    expect(arm.n).toBe(8);
    expect(arm.mean).toBeCloseTo(1.2, 12);
    expect(arm.sd).toBeCloseTo(0.3, 12);
    expect(arm.ciUpper).toBeCloseTo(1.5, 12);
  });
});
