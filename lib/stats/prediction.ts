/**
 * Pooled estimate with confidence and prediction interval, as metafor 3.8 `predict.rma()`
 * gives them for an intercept-only model.
 */
import { criticalValue } from "./distributions";
import type { RmaFit } from "./random-effects";

export type Prediction = { pred: number; se: number; ciLower: number; ciUpper: number; piLower: number; piUpper: number };

/**
 * μ̂ ± c·SE for the CI and μ̂ ± c·√(SE² + τ̂²) for the prediction interval (Riley, Higgins &
 * Deeks 2011), where c is the z critical value, or the t(k − p) one when test = "knha"
 * (metafor uses the model's test for both intervals). For FE models the PI equals the CI.
 * Only for models without moderators (throws otherwise).
 */
export function predictPooled(fit: RmaFit): Prediction {
  if (fit.p !== 1) throw new Error("predictPooled() is for models without moderators.");
  const crit = criticalValue(1 - fit.level / 100, fit.ddf);
  const pred = fit.beta[0];
  const se = fit.se[0];
  const sePi = Math.sqrt(se * se + fit.tau2);
  return {
    pred,
    se,
    ciLower: pred - crit * se,
    ciUpper: pred + crit * se,
    piLower: pred - crit * sePi,
    piUpper: pred + crit * sePi,
  };
}
