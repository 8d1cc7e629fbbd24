/**
 * Fixed- and random-effects meta-analysis (and meta-regression) by inverse-variance
 * weighting, reproducing metafor 3.8 `rma.uni(yi, vi, mods, method, test)`.
 */
import { criticalValue, pchisqUpper, pfUpper, pTwoSidedT, pTwoSidedZ } from "./distributions";
import { estimateTau2, type Tau2Method } from "./tau2-estimators";
import { type Design, fitWls, invertMatrix, makeDesign, type Matrix } from "./weighted-least-squares";

export type RmaMethod = "FE" | Tau2Method;
export type RmaTest = "z" | "knha";

export type RmaOptions = {
  method: RmaMethod;
  /** "knha": Hartung–Knapp–Sidik–Jonkman, t with k − p df and variance scaled by Y'PY/(k − p). */
  test?: RmaTest;
  /** Moderator columns (each of length k); an intercept is always included. */
  mods?: ArrayLike<number>[];
  /** Confidence level in percent (default 95). */
  level?: number;
  /** uniroot tolerance for PM (metafor `control = list(tol)`; default .Machine$double.eps^0.25). */
  control?: { tol?: number };
};

export type RmaFit = {
  method: RmaMethod;
  test: RmaTest;
  k: number;
  p: number;
  yi: Float64Array;
  vi: Float64Array;
  design: Design;
  /** Coefficients (intercept first). */
  beta: number[];
  se: number[];
  /** z (test "z") or t (test "knha") statistics of the coefficients. */
  zval: number[];
  pval: number[];
  ciLower: number[];
  ciUpper: number[];
  vb: Matrix;
  /** Denominator df of the t tests (k − p) for "knha"; null for z tests. */
  ddf: number | null;
  tau2: number;
  /** Cochran's Q (residual heterogeneity QE for meta-regression), df k − p, and its p-value. */
  QE: number;
  QEdf: number;
  QEp: number;
  /** In percent; from τ² and the "typical" variance for RE models, from Q for FE (metafor). */
  I2: number;
  H2: number;
  /** Typical within-study variance (k − p)/tr(P), P with weights 1/vᵢ. */
  vt: number;
  /** Omnibus test of the moderators (all coefficients except the intercept). */
  QM: number;
  QMdf: [number, number | null];
  QMp: number;
  /** Weights in percent, wᵢ/Σw × 100 (metafor `weights()`). */
  weights: number[];
  /** Scale factor s² of the Knapp–Hartung adjustment (1 for z tests). */
  s2w: number;
  level: number;
};

/**
 * Fits the model yᵢ = xᵢ'β + uᵢ + εᵢ, uᵢ ~ N(0, τ²), εᵢ ~ N(0, vᵢ).
 *
 * β̂ = (X'WX)⁻¹X'Wy with W = diag(1/(vᵢ + τ̂²)), Var(β̂) = (X'WX)⁻¹ (times
 * s² = Y'PY/(k − p) for "knha"; Hartung & Knapp 2001; Sidik & Jonkman 2002).
 * QE = Σ (yᵢ − xᵢ'β̂_FE)²/vᵢ ~ χ²(k − p). For RE models I² = 100·τ²/(τ² + ṽ) and
 * H² = τ²/ṽ + 1 with ṽ = (k − p)/tr(P) (Higgins & Thompson 2002; metafor);
 * for FE models I² = max(0, 100·(QE − df)/QE) and H² = QE/df.
 *
 * Edge cases: throws for k < 1, non-positive vᵢ, or k ≤ p; k = 1 gives τ² = 0, QE = 0,
 * QEp = 1, I² = 0, H² = 1 as in metafor, and NaN t-based intervals (df = 0).
 * @example fitRma(dat.yi, dat.vi, { method: "REML" }).beta[0]
 */
export function fitRma(yi: ArrayLike<number>, vi: ArrayLike<number>, options: RmaOptions): RmaFit {
  const k = yi.length;
  const test = options.test ?? "z";
  const level = options.level ?? 95;
  const alpha = 1 - level / 100;
  if (k < 1) throw new Error("Cannot fit a model to zero studies.");
  if (vi.length !== k) throw new Error("yi and vi must have the same length.");
  for (let i = 0; i < k; i++) {
    if (!(vi[i] > 0)) throw new Error(`Sampling variance of study ${i + 1} is not positive.`);
    if (!Number.isFinite(yi[i])) throw new Error(`Effect size of study ${i + 1} is not finite.`);
  }
  const y = Float64Array.from(yi);
  const v = Float64Array.from(vi);
  const design = makeDesign(k, options.mods ?? []);
  const p = design.columns.length;
  if (k < p) throw new Error("Number of parameters to be estimated is larger than the number of observations.");

  // τ² is estimated on mean-centred y (as metafor does for numerical stability; P annihilates the intercept).
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i];
  mean /= k;
  const yc = y.map((value) => value - mean);
  const tau2 = options.method === "FE" ? 0 : estimateTau2(options.method, design, yc, v, options.control).tau2;

  const w = new Float64Array(k);
  for (let i = 0; i < k; i++) w[i] = 1 / (v[i] + tau2);
  const fit = fitWls(design, w, y, false);
  let s2w = 1;
  if (test === "knha") s2w = fit.rss <= Number.EPSILON ? 0 : fit.rss / (k - p);
  const vb = fit.vb.map((row) => row.map((x) => x * s2w));
  const se = vb.map((row, i) => Math.sqrt(row[i]));
  const zval = fit.beta.map((b, i) => b / se[i]);
  const ddf = test === "knha" ? k - p : null;
  const pval = zval.map((z) => (ddf === null ? pTwoSidedZ(z) : pTwoSidedT(z, ddf)));
  const crit = criticalValue(alpha, ddf);
  const ciLower = fit.beta.map((b, i) => b - crit * se[i]);
  const ciUpper = fit.beta.map((b, i) => b + crit * se[i]);

  // Heterogeneity: always with weights 1/vᵢ.
  let QE = 0;
  let QEp = 1;
  let I2 = 0;
  let H2 = 1;
  let vt = 0;
  if (k > p) {
    const wFE = new Float64Array(k);
    for (let i = 0; i < k; i++) wFE[i] = 1 / v[i];
    const fe = fitWls(design, wFE, yc, false);
    QE = Math.max(0, fe.rss);
    QEp = pchisqUpper(QE, k - p);
    vt = (k - p) / fe.trP;
    if (options.method === "FE") {
      I2 = Math.max(0, (100 * (QE - (k - p))) / QE);
      H2 = QE / (k - p);
    } else {
      I2 = (100 * tau2) / (vt + tau2);
      H2 = tau2 / vt + 1;
    }
  }

  // QM: Wald test of all coefficients except the intercept.
  const m = p - 1;
  let QM = Number.NaN;
  let QMp = Number.NaN;
  if (m > 0) {
    const sub = vb.slice(1).map((row) => row.slice(1));
    const b = fit.beta.slice(1);
    const inv = invertMatrix(sub);
    QM = b.reduce((s, bi, i) => s + bi * b.reduce((t, bj, j) => t + inv[i][j] * bj, 0), 0);
    if (ddf !== null) {
      QM /= m;
      QMp = ddf > 0 ? pfUpper(QM, m, ddf) : Number.NaN;
    } else {
      QMp = pchisqUpper(QM, m);
    }
  }

  const sumW = fit.sumW;
  const weights = Array.from(w, (wi) => (100 * wi) / sumW);
  return {
    method: options.method,
    test,
    k,
    p,
    yi: y,
    vi: v,
    design,
    beta: fit.beta,
    se,
    zval,
    pval,
    ciLower,
    ciUpper,
    vb,
    ddf,
    tau2,
    QE,
    QEdf: k - p,
    QEp,
    I2,
    H2,
    vt,
    QM,
    QMdf: [m, ddf],
    QMp,
    weights,
    s2w,
    level,
  };
}

