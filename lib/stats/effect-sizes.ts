/**
 * Study-level effect sizes and sampling variances, with metafor 3.8 `escalc()` names
 * and defaults (vtype = "LS"; add = 1/2, to = "only0", drop00 = FALSE for 2×2 tables).
 */
import { lgamma } from "./special-functions";

export type EffectSize = { yi: number; vi: number };
export type ContinuousStudy = { m1i: number; sd1i: number; n1i: number; m2i: number; sd2i: number; n2i: number };
/** A 2×2 table: events/non-events in the treatment (ai, bi) and control (ci, di) arms. */
export type BinaryStudy = { ai: number; bi: number; ci: number; di: number };
export type SmdVariant = "metafor" | "revman";

/**
 * Mean difference: yᵢ = m₁ − m₂, vᵢ = sd₁²/n₁ + sd₂²/n₂ (escalc "MD", vtype "LS";
 * Cochrane Handbook 6.5.1.1). No edge cases beyond the input validation of the caller.
 * @example computeMd({ m1i: 55, sd1i: 47, n1i: 155, m2i: 75, sd2i: 64, n2i: 156 }).yi // -20
 */
export function computeMd(s: ContinuousStudy): EffectSize {
  return { yi: s.m1i - s.m2i, vi: (s.sd1i * s.sd1i) / s.n1i + (s.sd2i * s.sd2i) / s.n2i };
}

/**
 * Exact small-sample correction of Hedges (1981):
 * J(m) = Γ(m/2) / (√(m/2) · Γ((m − 1)/2)), m = n₁ + n₂ − 2, computed on the log scale
 * as metafor's `.cmicalc` does. Returns NaN for m ≤ 1.
 * @example hedgesCorrection(10) // 0.9227...
 */
export function hedgesCorrection(m: number): number {
  if (!(m > 1)) return Number.NaN;
  return Math.exp(lgamma(m / 2) - Math.log(Math.sqrt(m / 2)) - lgamma((m - 1) / 2));
}

/**
 * Standardised mean difference, Hedges' g.
 * - "metafor" (default; escalc "SMD"): g = J(m)·(m₁ − m₂)/s_p with the exact J and
 *   vᵢ = 1/n₁ + 1/n₂ + g²/(2(n₁ + n₂)) (vtype "LS").
 * - "revman" (RevMan 5): g = (1 − 3/(4N − 9))·(m₁ − m₂)/s_p and
 *   vᵢ = N/(n₁n₂) + g²/(2(N − 3.94)), N = n₁ + n₂ (Cochrane Handbook; RevMan 5 statistical
 *   algorithms). RevMan's approximate J differs from the exact one in the 4th decimal for small N.
 * s_p = √(((n₁ − 1)sd₁² + (n₂ − 1)sd₂²)/(n₁ + n₂ − 2)).
 */
export function computeSmd(s: ContinuousStudy, variant: SmdVariant = "metafor"): EffectSize {
  const N = s.n1i + s.n2i;
  const m = N - 2;
  const sdPooled = Math.sqrt(((s.n1i - 1) * s.sd1i * s.sd1i + (s.n2i - 1) * s.sd2i * s.sd2i) / m);
  const d = (s.m1i - s.m2i) / sdPooled;
  if (variant === "revman") {
    const g = (1 - 3 / (4 * N - 9)) * d;
    return { yi: g, vi: N / (s.n1i * s.n2i) + (g * g) / (2 * (N - 3.94)) };
  }
  const g = hedgesCorrection(m) * d;
  return { yi: g, vi: 1 / s.n1i + 1 / s.n2i + (g * g) / (2 * N) };
}

/**
 * Log ratio of means (escalc "ROM"): yᵢ = ln(m₁/m₂), vᵢ = sd₁²/(n₁m₁²) + sd₂²/(n₂m₂²),
 * no bias correction (Hedges, Gurevitch & Curtis 1999). NaN when m₁/m₂ ≤ 0.
 */
export function computeRom(s: ContinuousStudy): EffectSize {
  return {
    yi: Math.log(s.m1i / s.m2i),
    vi: (s.sd1i * s.sd1i) / (s.n1i * s.m1i * s.m1i) + (s.sd2i * s.sd2i) / (s.n2i * s.m2i * s.m2i),
  };
}

/**
 * escalc's default zero-cell handling (add = 1/2, to = "only0", drop00 = FALSE): if any
 * cell of the table is 0, 1/2 is added to all four cells; double-zero studies are kept.
 */
export function correctZeroCells(t: BinaryStudy): BinaryStudy & { corrected: boolean } {
  if (t.ai === 0 || t.bi === 0 || t.ci === 0 || t.di === 0) {
    return { ai: t.ai + 0.5, bi: t.bi + 0.5, ci: t.ci + 0.5, di: t.di + 0.5, corrected: true };
  }
  return { ...t, corrected: false };
}

/** Log odds ratio: ln(ad/bc), vᵢ = 1/a + 1/b + 1/c + 1/d (Woolf 1955), after {@link correctZeroCells}. */
export function computeLogOr(table: BinaryStudy): EffectSize {
  const { ai, bi, ci, di } = correctZeroCells(table);
  return { yi: Math.log((ai * di) / (bi * ci)), vi: 1 / ai + 1 / bi + 1 / ci + 1 / di };
}

/** Log risk ratio: ln((a/n₁)/(c/n₂)), vᵢ = 1/a − 1/n₁ + 1/c − 1/n₂, after {@link correctZeroCells}. */
export function computeLogRr(table: BinaryStudy): EffectSize {
  const { ai, bi, ci, di } = correctZeroCells(table);
  const n1 = ai + bi;
  const n2 = ci + di;
  return { yi: Math.log(ai / n1 / (ci / n2)), vi: 1 / ai - 1 / n1 + 1 / ci - 1 / n2 };
}

/** Risk difference: a/n₁ − c/n₂, vᵢ = p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂ (vtype "LS"), after {@link correctZeroCells}. */
export function computeRd(table: BinaryStudy): EffectSize {
  const { ai, bi, ci, di } = correctZeroCells(table);
  const n1 = ai + bi;
  const n2 = ci + di;
  const p1 = ai / n1;
  const p2 = ci / n2;
  return { yi: p1 - p2, vi: (p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2 };
}

/** Generic inverse variance (escalc "GEN"): yᵢ with vᵢ, or with sei (vᵢ = sei²). */
export function computeGeneric(input: { yi: number; vi: number } | { yi: number; sei: number }): EffectSize {
  return "vi" in input ? { yi: input.yi, vi: input.vi } : { yi: input.yi, vi: input.sei * input.sei };
}
