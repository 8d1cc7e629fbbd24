/**
 * Confidence interval for τ² (and the I² and H² that follow from it) by the Q-profile
 * method (Viechtbauer 2007, Stat Med 26:37), as metafor 3.8 `confint.rma.uni()` computes it.
 */
import { qchisq } from "./distributions";
import type { RmaFit } from "./random-effects";
import { uniroot } from "./special-functions";
import { weightedRss } from "./weighted-least-squares";

export type Tau2Interval = {
  tau2: [number, number, number];
  tau: [number, number, number];
  I2: [number, number, number];
  H2: [number, number, number];
  /** True when even τ² = 0 gives a Q below the lower critical value (the CI is the empty set). */
  ciNull: boolean;
};

/**
 * Q-profile CI: the bounds are the τ² at which the generalised Q(τ²) = Σ wᵢ(τ²)(yᵢ − xᵢ'β̂(τ²))²
 * equals the upper and lower α/2 quantiles of χ²(k − p), searched on [0, max(100, 10τ̂²)]
 * with R's `uniroot` (tol = .Machine$double.eps^0.25, maxiter 1000). A bound below 0 is set to 0.
 * I² and H² bounds use the model's typical variance ṽ: I² = 100τ²/(ṽ + τ²), H² = τ²/ṽ + 1.
 * Throws for FE models and k = 1.
 */
export function confintTau2(fit: RmaFit, level = 95): Tau2Interval {
  if (fit.method === "FE") throw new Error("Model does not contain a random-effects component.");
  if (fit.k === 1) throw new Error("Stopped because k = 1.");
  const { k, p, design, yi, vi, vt } = fit;
  const alpha = 1 - level / 100;
  const tau2Min = Math.min(0, fit.tau2);
  const tau2Max = Math.max(100, fit.tau2 * 10, tau2Min * 10);
  const crit = { upper: qchisq(1 - alpha / 2, k - p), lower: qchisq(alpha / 2, k - p) };
  const w = new Float64Array(k);
  const q = (t: number) => {
    for (let i = 0; i < k; i++) w[i] = 1 / (vi[i] + t);
    return weightedRss(design, w, yi);
  };
  const qMax = q(tau2Max);
  const qMin = q(tau2Min);
  const solve = (objective: number) =>
    uniroot((t) => q(t) - objective, tau2Min, tau2Max, Math.pow(Number.EPSILON, 0.25), 1000, qMin - objective, qMax - objective);

  let lb: number;
  let ub: number;
  let ciNull = false;
  if (qMin < crit.lower) {
    lb = tau2Min;
    ub = tau2Min;
    ciNull = tau2Min <= 0;
  } else {
    ub = qMax > crit.lower ? tau2Max : solve(crit.lower);
    lb = Number.NaN;
  }
  if (qMax > crit.upper) {
    lb = tau2Max;
    ub = tau2Max;
  } else if (!(qMin < crit.lower)) {
    lb = qMin < crit.upper ? tau2Min : solve(crit.upper);
  }
  const i2 = (t: number) => (100 * t) / (vt + t);
  const h2 = (t: number) => t / vt + 1;
  const sqrtOrNaN = (t: number) => (t >= 0 ? Math.sqrt(t) : Number.NaN);
  return {
    tau2: [fit.tau2, lb, ub],
    tau: [sqrtOrNaN(fit.tau2), sqrtOrNaN(lb), sqrtOrNaN(ub)],
    I2: [fit.I2, i2(lb), i2(ub)],
    H2: [fit.H2, h2(lb), h2(ub)],
    ciNull,
  };
}
