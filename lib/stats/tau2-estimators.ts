/**
 * Between-study variance (τ²) estimators, following metafor 3.8 `rma.uni()` line by line:
 * the same starting values, convergence rule (|Δτ²| ≤ 1e-5, at most 100 iterations),
 * step halving and truncation at τ² = 0, so that results agree with R to the digits R prints.
 */
import { type Design, fitWls, weightedRss } from "./weighted-least-squares";
import { uniroot } from "./special-functions";

export type Tau2Method = "DL" | "REML" | "ML" | "PM" | "HE" | "SJ";

export const TAU2_CONTROL = {
  threshold: 1e-5,
  maxiter: 100,
  tol: Math.pow(Number.EPSILON, 0.25),
  tau2Max: 100,
};


/** Median absolute deviation scaled by 1.4826, as R's `mad()`. */
export function mad(x: ArrayLike<number>): number {
  const median = (a: number[]) => {
    const s = [...a].sort((p, q) => p - q);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const arr = Array.from(x);
  const m = median(arr);
  return 1.4826 * median(arr.map((v) => Math.abs(v - m)));
}

function inverseWeights(vi: ArrayLike<number>, tau2: number): Float64Array {
  const w = new Float64Array(vi.length);
  for (let i = 0; i < vi.length; i++) w[i] = 1 / (vi[i] + tau2);
  return w;
}

/**
 * Hedges (HE) estimator: τ² = (RSS_OLS − tr(PV)) / (k − p), P = I − X(X'X)⁻¹X'
 * (Hedges 1983; metafor `method = "HE"`; also the start value for ML/REML).
 */
export function estimateTau2HE(design: Design, y: ArrayLike<number>, vi: ArrayLike<number>): number {
  const { k, columns } = design;
  const p = columns.length;
  if (p === 1) {
    // intercept only: RSS = Σ(y − ȳ)², tr(PV) = (1 − 1/k)Σv
    let mean = 0;
    let sumV = 0;
    for (let i = 0; i < k; i++) {
      mean += y[i];
      sumV += vi[i];
    }
    mean /= k;
    let rss = 0;
    for (let i = 0; i < k; i++) rss += (y[i] - mean) ** 2;
    return (rss - (1 - 1 / k) * sumV) / (k - 1);
  }
  const ones = new Float64Array(k).fill(1);
  const ols = fitWls(design, ones, y, false);
  // tr(PV) = Σvᵢ − tr((X'X)⁻¹ X'VX)
  let trPV = 0;
  const xvx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < k; i++) {
    trPV += vi[i];
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) xvx[a][b] += columns[a][i] * vi[i] * columns[b][i];
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) trPV -= ols.vb[a][b] * xvx[b][a];
  return (ols.rss - trPV) / (k - p);
}

/** DerSimonian–Laird: τ² = (Q − (k − p)) / tr(P), weights 1/vᵢ (DerSimonian & Laird 1986). */
export function estimateTau2DL(design: Design, y: ArrayLike<number>, vi: ArrayLike<number>): number {
  const fit = fitWls(design, inverseWeights(vi, 0), y, false);
  return (fit.rss - (design.k - design.columns.length)) / fit.trP;
}

/**
 * Sidik–Jonkman: τ̂₀² = Σ(yᵢ − ȳ)²/k, then τ² = τ̂₀² · Y'PY / (k − p) with weights
 * 1/(vᵢ + τ̂₀²) (Sidik & Jonkman 2005, Stat Med 24:271; metafor's default start).
 */
export function estimateTau2SJ(design: Design, y: ArrayLike<number>, vi: ArrayLike<number>): number {
  const k = design.k;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += y[i];
  mean /= k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (y[i] - mean) ** 2;
  const tau20 = ss / k; // var(y) * (k-1)/k
  const fit = fitWls(design, inverseWeights(vi, tau20), y, false);
  return (tau20 * fit.rss) / (k - design.columns.length);
}

/**
 * Paule–Mandel: the τ² at which the generalised Q equals k − p, found with R's
 * `uniroot` on [0, τ²max] (Paule & Mandel 1982). τ² = 0 when Q(0) < k − p.
 * Throws when Q(τ²max) still exceeds k − p (metafor: "Value of 'tau2.max' too low").
 */
export function estimateTau2PM(
  design: Design,
  y: ArrayLike<number>,
  vi: ArrayLike<number>,
  tau2Max: number,
  tol = TAU2_CONTROL.tol,
): number {
  const target = design.k - design.columns.length;
  const q = (t: number) => weightedRss(design, inverseWeights(vi, t), y) - target;
  const q0 = q(0);
  if (q0 < 0) return 0;
  const qMax = q(tau2Max);
  if (qMax > 0) throw new Error("Value of 'tau2.max' too low for the Paule-Mandel estimator.");
  const root = uniroot(q, 0, tau2Max, tol, TAU2_CONTROL.maxiter, q0, qMax);
  if (Number.isNaN(root)) throw new Error("Error in iterative search for tau^2 using uniroot().");
  return root;
}

function restrictedLogLik(design: Design, y: ArrayLike<number>, vi: ArrayLike<number>, tau2: number, reml: boolean) {
  const k = design.k;
  const p = design.columns.length;
  const fit = fitWls(design, inverseWeights(vi, tau2), y, false);
  let sumLog = 0;
  for (let i = 0; i < k; i++) sumLog += Math.log(vi[i] + tau2);
  if (!reml) return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLog - 0.5 * fit.rss;
  return -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * sumLog - 0.5 * fit.logDetXWX - 0.5 * fit.rss;
}

/**
 * metafor's check `ll0 - ll > tol` (log-likelihood at τ² = 0 versus at the estimate).
 * ll0 − ll = ½Σln(1 + τ²/vᵢ) + ½[ln|X'WX| − ln|X'W₀X|]_{REML} + ½[RSS(τ²) − RSS(0)]; since
 * ln(1 + x) ≤ x, the bound with ½τ²Σ1/vᵢ in place of the first sum decides most cases without
 * the k logarithms, and the exact value is computed only when the bound exceeds tol.
 */
function exceedsLogLikAtZero(design: Design, y: ArrayLike<number>, vi: ArrayLike<number>, tau2: number, reml: boolean): boolean {
  const fit0 = fitWls(design, inverseWeights(vi, 0), y, false);
  const fit = fitWls(design, inverseWeights(vi, tau2), y, false);
  const rest = (reml ? 0.5 * (fit.logDetXWX - fit0.logDetXWX) : 0) + 0.5 * (fit.rss - fit0.rss);
  if (0.5 * tau2 * fit0.sumW + rest <= TAU2_CONTROL.tol) return false;
  const ll0 = restrictedLogLik(design, y, vi, 0, reml);
  const ll = restrictedLogLik(design, y, vi, tau2, reml);
  return ll0 - ll > TAU2_CONTROL.tol;
}

/**
 * ML or REML by Fisher scoring (Viechtbauer 2005), from the HE estimate truncated at 0:
 *   REML: Δ = (Y'PPY − tr P) / tr(PP);  ML: Δ = (Y'PPY − Σw) / Σw²,
 * halving Δ while τ² + Δ < 0, until |Δτ²| ≤ 1e-5 (throws after 100 iterations, as metafor).
 * Then metafor's check: if the (restricted) log-likelihood at τ² = 0 exceeds that at the
 * estimate by more than 1.22e-4, τ² is set to 0.
 */
export function estimateTau2Likelihood(
  design: Design,
  y: ArrayLike<number>,
  vi: ArrayLike<number>,
  method: "ML" | "REML",
): { tau2: number; iterations: number } {
  let tau2 = Math.max(0, estimateTau2HE(design, y, vi));
  let change = TAU2_CONTROL.threshold + 1;
  let iterations = 0;
  while (change > TAU2_CONTROL.threshold) {
    iterations++;
    const old = tau2;
    const fit = fitWls(design, inverseWeights(vi, tau2), y, method === "REML");
    let adj = method === "REML" ? (fit.ypp - fit.trP) / fit.trPP : (fit.ypp - fit.sumW) / fit.sumW2;
    if (Number.isNaN(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    tau2 = tau2 + adj;
    change = Math.abs(old - tau2);
    if (iterations > TAU2_CONTROL.maxiter) {
      throw new Error("Fisher scoring algorithm did not converge.");
    }
  }
  const reml = method === "REML";
  if (tau2 > TAU2_CONTROL.threshold && exceedsLogLikAtZero(design, y, vi, tau2, reml)) tau2 = 0;
  return { tau2, iterations };
}

/** Dispatches to the estimator and applies metafor's final truncation max(0, τ²). */
export function estimateTau2(
  method: Tau2Method,
  design: Design,
  y: ArrayLike<number>,
  vi: ArrayLike<number>,
  control: { tol?: number } = {},
): { tau2: number; iterations: number } {
  if (design.k === 1) return { tau2: 0, iterations: 0 };
  switch (method) {
    case "DL":
      return { tau2: Math.max(0, estimateTau2DL(design, y, vi)), iterations: 0 };
    case "HE":
      return { tau2: Math.max(0, estimateTau2HE(design, y, vi)), iterations: 0 };
    case "SJ":
      return { tau2: Math.max(0, estimateTau2SJ(design, y, vi)), iterations: 0 };
    case "PM": {
      const tau2Max = Math.max(TAU2_CONTROL.tau2Max, 10 * mad(y) ** 2);
      return { tau2: Math.max(0, estimateTau2PM(design, y, vi, tau2Max, control.tol)), iterations: 0 };
    }
    case "ML":
    case "REML":
      return estimateTau2Likelihood(design, y, vi, method);
  }
}
