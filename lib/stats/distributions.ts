/**
 * Distribution functions used by lib/stats, as thin wrappers around @stdlib so that every
 * module names them the way R does (pnorm, qt, pchisq, ...). Upper tails are computed
 * directly (not as 1 − cdf) where @stdlib allows it, so that tiny p-values keep their
 * precision, as R's `lower.tail = FALSE` does.
 */
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";
import chisqQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import fCdf from "@stdlib/stats-base-dists-f-cdf";
import gammainc from "@stdlib/math-base-special-gammainc";

/** Standard normal CDF Φ(x) (R: `pnorm(x)`). */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p) (R: `qnorm(p)`). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Student t CDF with `df` degrees of freedom (R: `pt(x, df)`). */
export function pt(x: number, df: number): number {
  return tCdf(x, df);
}

/** Student t quantile (R: `qt(p, df)`). */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}

/**
 * Chi-square upper tail P(X > x) (R: `pchisq(x, df, lower.tail = FALSE)`), computed as the
 * regularised upper incomplete gamma function Q(df/2, x/2).
 */
export function pchisqUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return gammainc(x / 2, df / 2, true, true);
}

/** Chi-square lower tail P(X ≤ x) (R: `pchisq(x, df)`). */
export function pchisq(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return gammainc(x / 2, df / 2, true, false);
}

/** Chi-square quantile (R: `qchisq(p, df)`). */
export function qchisq(p: number, df: number): number {
  return chisqQuantile(p, df);
}

/** F upper tail P(F > x) (R: `pf(x, df1, df2, lower.tail = FALSE)`). */
export function pfUpper(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return 1 - fCdf(x, df1, df2);
}

/** Two-sided p-value of a z statistic: 2·Φ(−|z|) (R: `2*pnorm(abs(z), lower.tail=FALSE)`). */
export function pTwoSidedZ(z: number): number {
  return 2 * pnorm(-Math.abs(z));
}

/** Two-sided p-value of a t statistic: 2·P(T > |t|) (R: `2*pt(abs(t), df, lower.tail=FALSE)`). */
export function pTwoSidedT(t: number, df: number): number {
  if (!(df > 0)) return Number.NaN;
  return 2 * pt(-Math.abs(t), df);
}

/** Two-sided critical value for a (1 − alpha) interval: z or t with `df` (df = null means z). */
export function criticalValue(alpha: number, df: number | null): number {
  if (df === null) return qnorm(1 - alpha / 2);
  if (!(df > 0)) return Number.NaN;
  return qt(1 - alpha / 2, df);
}
