/**
 * Small-study effects: Egger's regression test, Begg's rank correlation test and
 * Duval & Tweedie's trim-and-fill, as metafor 3.8 `regtest()`, `ranktest()`, `trimfill()`.
 */
import { pTwoSidedT } from "./distributions";
import { kendallTest } from "./kendall";
import { fitRma, type RmaFit, type RmaOptions } from "./random-effects";
import { fitWls, makeDesign } from "./weighted-least-squares";

export type EggerTest = {
  /** Coefficient on SEᵢ in yᵢ = b₀ + b₁·SEᵢ (= the intercept of the classic Egger regression of yᵢ/SEᵢ on 1/SEᵢ). */
  intercept: number;
  interceptSe: number;
  statistic: number;
  df: number;
  pValue: number;
  /** b₀: the "limit estimate" as SE → 0. */
  limitEstimate: number;
};

/**
 * Classic Egger test (Egger et al. 1997; metafor `regtest(model = "lm", predictor = "sei")`):
 * weighted least squares of yᵢ on (1, √vᵢ) with weights 1/vᵢ and a free residual variance
 * σ̂² = Σwᵢeᵢ²/(k − 2); t = b₁/SE(b₁) with k − 2 df. Throws for k < 3.
 */
export function eggerTest(yi: ArrayLike<number>, vi: ArrayLike<number>): EggerTest {
  const k = yi.length;
  if (k < 3) throw new Error("Egger's test needs at least 3 studies.");
  const sei = Float64Array.from(vi, (v) => Math.sqrt(v));
  const w = Float64Array.from(vi, (v) => 1 / v);
  const fit = fitWls(makeDesign(k, [sei]), w, yi, false);
  const sigma2 = fit.rss / (k - 2);
  const interceptSe = Math.sqrt(sigma2 * fit.vb[1][1]);
  const statistic = fit.beta[1] / interceptSe;
  return {
    intercept: fit.beta[1],
    interceptSe,
    statistic,
    df: k - 2,
    pValue: pTwoSidedT(statistic, k - 2),
    limitEstimate: fit.beta[0],
  };
}

/**
 * Begg & Mazumdar (1994) rank correlation test (metafor `ranktest()`): Kendall's τ between
 * the standardised deviates (yᵢ − θ̂_FE)/√(vᵢ − 1/Σwⱼ) and vᵢ, tested with R's
 * `cor.test(exact = TRUE)` (exact distribution without ties, else normal approximation).
 */
export function beggTest(yi: ArrayLike<number>, vi: ArrayLike<number>): { tau: number; pValue: number; exact: boolean } {
  const k = yi.length;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += 1 / vi[i];
    swy += yi[i] / vi[i];
  }
  const theta = swy / sw;
  const vb = 1 / sw;
  const ystar = Float64Array.from({ length: k }, (_, i) => (yi[i] - theta) / Math.sqrt(vi[i] - vb));
  return kendallTest(ystar, vi, true);
}

export type TrimFillResult = {
  k0: number;
  side: "left" | "right";
  /** The model refitted to the observed plus filled studies (or the original model if k0 = 0). */
  fit: RmaFit;
  filled: { yi: number; vi: number }[];
};

/**
 * Trim-and-fill with the L0 estimator (Duval & Tweedie 2000), as metafor `trimfill()`:
 * side = "right" if the slope of yᵢ on √vᵢ (same τ² method) is negative, else "left"
 * (missing studies are imputed on that side); iterate k₀ = max(0, round((4Sᵣ − k(k+1))/(2k − 1)))
 * on the data trimmed by k₀, with Sᵣ the sum of positive signed ranks of |yᵢ − θ̂| (ties "first"),
 * until k₀ repeats (at most 100 iterations). The filled studies mirror the k₀ most extreme ones
 * around the trimmed estimate, and the model is refitted with the same τ² method and a z test
 * (metafor passes only the method to the refit).
 */
export function trimAndFill(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions): TrimFillResult {
  const k = yi.length;
  if (k < 2) throw new Error("Trim-and-fill needs at least 2 studies.");
  const original = fitRma(yi, vi, { ...options, mods: undefined });
  const slope = fitRma(yi, vi, { method: options.method, mods: [Float64Array.from(vi, (v) => Math.sqrt(v))] }).beta[1];
  const side = slope < 0 ? "right" : "left";
  const sign = side === "right" ? -1 : 1;
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => sign * yi[a] - sign * yi[b] || a - b);
  const y = order.map((i) => sign * yi[i]);
  const v = order.map((i) => vi[i]);

  let k0 = 0;
  let previous = -1;
  let beta = 0;
  let centred: number[] = [];
  for (let iter = 1; k0 !== previous; iter++) {
    if (iter > 100) throw new Error("Trim and fill algorithm did not converge.");
    previous = k0;
    beta = fitRma(y.slice(0, k - k0), v.slice(0, k - k0), { method: options.method }).beta[0];
    centred = y.map((value) => value - beta);
    const ranks = rankFirst(centred.map(Math.abs));
    let sr = 0;
    for (let i = 0; i < k; i++) if (centred[i] > 0) sr += ranks[i];
    k0 = Math.max(0, Math.round((4 * sr - k * (k + 1)) / (2 * k - 1)));
  }
  if (k0 === 0) return { k0, side, fit: original, filled: [] };
  const filled: { yi: number; vi: number }[] = [];
  for (let i = k - k0; i < k; i++) filled.push({ yi: sign * (beta - centred[i]), vi: v[i] });
  const fit = fitRma([...Array.from(yi), ...filled.map((f) => f.yi)], [...Array.from(vi), ...filled.map((f) => f.vi)], {
    method: options.method,
    control: options.control,
  });
  return { k0, side, fit, filled };
}

/** Ranks 1..n with ties broken by position (R: `rank(x, ties.method = "first")`). */
function rankFirst(x: number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  const ranks = new Array<number>(x.length);
  idx.forEach((i, r) => (ranks[i] = r + 1));
  return ranks;
}
