/**
 * Leave-one-out and cumulative meta-analysis (metafor 3.8 `leave1out.rma.uni()`,
 * `cumul.rma.uni()`): the model is refitted with the same method and test on each subset.
 */
import { fitRma, type RmaOptions } from "./random-effects";

export type SubsetFit = {
  estimate: number;
  se: number;
  statistic: number;
  pValue: number;
  ciLower: number;
  ciUpper: number;
  Q: number;
  QPValue: number;
  tau2: number;
  I2: number;
  H2: number;
};

function summarise(yi: number[], vi: number[], options: RmaOptions): SubsetFit {
  const f = fitRma(yi, vi, { ...options, mods: undefined });
  return {
    estimate: f.beta[0],
    se: f.se[0],
    statistic: f.zval[0],
    pValue: f.pval[0],
    ciLower: f.ciLower[0],
    ciUpper: f.ciUpper[0],
    Q: f.QE,
    QPValue: f.QEp,
    tau2: f.tau2,
    I2: f.I2,
    H2: f.H2,
  };
}

/**
 * Leave-one-out: for each study i, the model fitted to the other k − 1 studies.
 * Requires k ≥ 2 (throws otherwise).
 */
export function leaveOneOut(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions): (SubsetFit & { omitted: number })[] {
  const k = yi.length;
  if (k < 2) throw new Error("Leave-one-out needs at least 2 studies.");
  const y = Array.from(yi);
  const v = Array.from(vi);
  const out: (SubsetFit & { omitted: number })[] = [];
  const ySub = new Array<number>(k - 1);
  const vSub = new Array<number>(k - 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0, m = 0; j < k; j++) {
      if (j === i) continue;
      ySub[m] = y[j];
      vSub[m++] = v[j];
    }
    out.push({ omitted: i, ...summarise(ySub, vSub, options) });
  }
  return out;
}

/**
 * Cumulative meta-analysis: with `order` a permutation of 0..k−1 (e.g. by year), the j-th
 * result pools the first j studies in that order. The first result is the single study
 * (τ² = 0, as metafor fits k = 1).
 */
export function cumulativeMetaAnalysis(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  options: RmaOptions,
  order: readonly number[] = Array.from({ length: yi.length }, (_, i) => i),
): (SubsetFit & { added: number })[] {
  if (order.length !== yi.length || new Set(order).size !== order.length) {
    throw new Error("order must be a permutation of the study indices.");
  }
  return order.map((added, j) => {
    const idx = order.slice(0, j + 1);
    return { added, ...summarise(idx.map((i) => yi[i]), idx.map((i) => vi[i]), options) };
  });
}
