/**
 * Conversions that data extraction needs to obtain means and SDs for continuous outcomes.
 * Extraction and `sieve meta` convert arms with {@link convertArm} in arm-conversion.ts (metafor's
 * conv.fivenum defaults); these are the building blocks kept for callers that want one formula.
 */
import { qnorm, qt } from "./distributions";

export { sdFromSe } from "./arm-conversion";

/**
 * SD from a confidence interval for a single group mean (Cochrane Handbook 6.5.2.2):
 * SD = √n·(upper − lower)/(2·c), c = z or, for n < 60 by default, t with n − 1 df
 * ("for small samples ... 3.92 should be replaced by 2 × t"). `distribution` forces one.
 */
export function sdFromCi(lower: number, upper: number, n: number, level = 95, distribution: "auto" | "normal" | "t" = "auto"): number {
  const useT = distribution === "t" || (distribution === "auto" && n < 60);
  const p = 1 - (1 - level / 100) / 2;
  const c = useT ? qt(p, n - 1) : qnorm(p);
  return (Math.sqrt(n) * (upper - lower)) / (2 * c);
}

/**
 * Mean and SD from a median with range and/or interquartile range by Wan et al.'s own formulas
 * (not metafor's default, which uses Luo et al. means and Shi et al. SDs; see arm-conversion.ts) (Wan et al. 2014,
 * BMC Med Res Methodol 14:135):
 * - S1 {min, median, max}: mean = (a + 2m + b)/4, SD = (b − a)/ξ, ξ = 2Φ⁻¹((n − 0.375)/(n + 0.25));
 * - S2 {min, q1, median, q3, max}: mean = (a + 2q₁ + 2m + 2q₃ + b)/8,
 *   SD = (b − a)/(2ξ) + (q₃ − q₁)/(2η), η = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25));
 * - S3 {q1, median, q3}: mean = (q₁ + m + q₃)/3, SD = (q₃ − q₁)/η.
 * Throws when none of the three sets of summaries is complete.
 */
export function meanSdFromMedian(s: { n: number; median: number; min?: number; max?: number; q1?: number; q3?: number }): { mean: number; sd: number } {
  const { n, median: m, min: a, max: b, q1, q3 } = s;
  const xi = 2 * qnorm((n - 0.375) / (n + 0.25));
  const eta = 2 * qnorm((0.75 * n - 0.125) / (n + 0.25));
  if (a !== undefined && b !== undefined && q1 !== undefined && q3 !== undefined) {
    return { mean: (a + 2 * q1 + 2 * m + 2 * q3 + b) / 8, sd: (b - a) / (2 * xi) + (q3 - q1) / (2 * eta) };
  }
  if (a !== undefined && b !== undefined) return { mean: (a + 2 * m + b) / 4, sd: (b - a) / xi };
  if (q1 !== undefined && q3 !== undefined) return { mean: (q1 + m + q3) / 3, sd: (q3 - q1) / eta };
  throw new Error("Need min and max, q1 and q3, or all four, besides the median.");
}

/**
 * Combines two groups into one (Cochrane Handbook 6.5.2.10, Table 6.5.a):
 * N = n₁ + n₂, M = (n₁M₁ + n₂M₂)/N,
 * SD = √(((n₁ − 1)SD₁² + (n₂ − 1)SD₂² + n₁n₂(M₁ − M₂)²/N)/(N − 1)).
 */
export function combineGroups(g1: { n: number; mean: number; sd: number }, g2: { n: number; mean: number; sd: number }): { n: number; mean: number; sd: number } {
  const n = g1.n + g2.n;
  const mean = (g1.n * g1.mean + g2.n * g2.mean) / n;
  const ss = (g1.n - 1) * g1.sd ** 2 + (g2.n - 1) * g2.sd ** 2 + ((g1.n * g2.n) / n) * (g1.mean - g2.mean) ** 2;
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}
