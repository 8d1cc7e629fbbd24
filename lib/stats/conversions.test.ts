import { describe, expect, it } from "vitest";
import { combineGroups, meanSdFromMedian, sdFromCi, sdFromSe } from "./conversions";
import { qnorm } from "./distributions";
import { formatHeterogeneity, formatOverallEffect, formatRevManP } from "./revman-text";

const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const sd = (x: number[]) => Math.sqrt(x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1));

describe("conversions", () => {
  it("SE → SD and 95% CI → SD (Cochrane Handbook 6.5.2.2: SD = √n × (upper − lower)/3.92 for large n)", () => {
    expect(sdFromSe(2, 25)).toBe(10);
    expect(sdFromCi(10, 14, 100)).toBeCloseTo((10 * 4) / (2 * qnorm(0.975)), 14);
    expect(sdFromCi(10, 14, 100)).toBeCloseTo((10 * 4) / 3.92, 2);
    // small n: t with n − 1 df (t₀.₉₇₅,₉ = 2.262157)
    expect(sdFromCi(10, 14, 10)).toBeCloseTo((Math.sqrt(10) * 4) / (2 * 2.262157), 5);
  });
  it("combining groups (Handbook 6.5.2.10) equals the mean and SD of the pooled raw data", () => {
    const a = [3, 5, 7, 8, 12];
    const b = [10, 11, 15, 9];
    const c = combineGroups({ n: a.length, mean: mean(a), sd: sd(a) }, { n: b.length, mean: mean(b), sd: sd(b) });
    expect(c.n).toBe(9);
    expect(c.mean).toBeCloseTo(mean([...a, ...b]), 14);
    expect(c.sd).toBeCloseTo(sd([...a, ...b]), 14);
  });
  it("Wan et al. (2014) estimators", () => {
    const n = 50;
    const xi = 2 * qnorm((n - 0.375) / (n + 0.25));
    const eta = 2 * qnorm((0.75 * n - 0.125) / (n + 0.25));
    expect(meanSdFromMedian({ n, median: 10, min: 2, max: 20 })).toEqual({ mean: (2 + 20 + 20) / 4, sd: 18 / xi });
    expect(meanSdFromMedian({ n, median: 10, q1: 7, q3: 14 })).toEqual({ mean: 31 / 3, sd: 7 / eta });
    const s2 = meanSdFromMedian({ n, median: 10, min: 2, q1: 7, q3: 14, max: 20 });
    expect(s2.mean).toBeCloseTo((2 + 14 + 20 + 28 + 20) / 8, 14);
    expect(s2.sd).toBeCloseTo(18 / (2 * xi) + 7 / (2 * eta), 14);
    expect(() => meanSdFromMedian({ n, median: 1 })).toThrow();
  });
});

describe("RevMan 5 text", () => {
  it("reproduces the seed paper's MAR lines", () => {
    expect(formatHeterogeneity({ tau2: 17.0206, Q: 3.7958, df: 1, pValue: 0.0514 })).toBe(
      "Heterogeneity: Tau² = 17.02; Chi² = 3.80, df = 1 (P = 0.05); I² = 74%",
    );
    expect(formatOverallEffect({ statistic: 2.6181, pValue: 0.00884 })).toBe("Test for overall effect: Z = 2.62 (P = 0.009)");
  });
  it("P-value conventions", () => {
    expect(["0.26", "0.0005", "< 0.00001", "0.01"].map((_, i) => formatRevManP([0.2612, 0.00054, 0.000001, 0.00996][i]))).toEqual([
      "= 0.26", "= 0.0005", "< 0.00001", "= 0.01",
    ]);
    expect(formatHeterogeneity({ tau2: null, Q: 0.5, df: 2, pValue: 0.78 })).toBe("Heterogeneity: Chi² = 0.50, df = 2 (P = 0.78); I² = 0%");
  });
});
