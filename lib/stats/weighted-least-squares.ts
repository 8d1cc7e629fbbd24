/**
 * Weighted least squares for the small model matrices of univariate meta-analysis
 * (an intercept, optionally one moderator), written so that every quantity metafor's
 * `rma.uni` forms from the k×k matrix P = W − WX(X'WX)⁻¹X'W is obtained in O(k·p²)
 * without building P:
 *   Y'PY = Σ wᵢeᵢ², Y'PPY = Σ (wᵢeᵢ)², tr(P) = Σw − tr(A⁻¹B₂),
 *   tr(PP) = Σw² − 2·tr(A⁻¹B₃) + tr(A⁻¹B₂A⁻¹B₂),
 * with A = X'WX, Bₘ = X'WᵐX and e = y − Xβ̂ (Viechtbauer 2005, J Educ Behav Stat 30:261).
 */

/** A design: k observations, model-matrix columns (the first is the intercept). */
export type Design = { k: number; columns: Float64Array[] };

export type Matrix = number[][];

/** Builds the intercept-only design, or intercept + moderators. */
export function makeDesign(k: number, mods: ArrayLike<number>[] = []): Design {
  const one = new Float64Array(k).fill(1);
  return { k, columns: [one, ...mods.map((m) => Float64Array.from(m))] };
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan; NaNs if singular. */
export function invertMatrix(A: Matrix): Matrix {
  const p = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (M[pivot][col] === 0) return A.map((row) => row.map(() => Number.NaN));
    [M[col], M[pivot]] = [M[pivot], M[col]];
    const d = M[col][col];
    for (let j = 0; j < 2 * p; j++) M[col][j] /= d;
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const f = M[r][col];
      if (f !== 0) for (let j = 0; j < 2 * p; j++) M[r][j] -= f * M[col][j];
    }
  }
  return M.map((row) => row.slice(p));
}

/** log-determinant of a small positive-definite matrix (via its Gauss elimination pivots). */
export function logDet(A: Matrix): number {
  const p = A.length;
  const M = A.map((row) => [...row]);
  let sum = 0;
  for (let c = 0; c < p; c++) {
    const d = M[c][c];
    sum += Math.log(Math.abs(d));
    for (let r = c + 1; r < p; r++) {
      const f = M[r][c] / d;
      for (let j = c; j < p; j++) M[r][j] -= f * M[c][j];
    }
  }
  return sum;
}

/** X'·diag(wᵐ)·X for m = 1, 2, 3 and X'Wy, in one pass. */
function crossproducts(design: Design, w: Float64Array, y: ArrayLike<number>, powers: number) {
  const { k, columns } = design;
  const p = columns.length;
  const mats = Array.from({ length: powers }, () => Array.from({ length: p }, () => new Array<number>(p).fill(0)));
  const xwy = new Array<number>(p).fill(0);
  for (let i = 0; i < k; i++) {
    const wi = w[i];
    let wm = wi;
    for (let m = 0; m < powers; m++) {
      const mat = mats[m];
      for (let a = 0; a < p; a++) {
        const xa = columns[a][i] * wm;
        for (let b = 0; b <= a; b++) mat[a][b] += xa * columns[b][i];
      }
      wm *= wi;
    }
    for (let a = 0; a < p; a++) xwy[a] += columns[a][i] * wi * y[i];
  }
  for (const mat of mats) for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) mat[b][a] = mat[a][b];
  return { mats, xwy };
}

function traceProduct(A: Matrix, B: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) for (let j = 0; j < A.length; j++) s += A[i][j] * B[j][i];
  return s;
}

function multiply(A: Matrix, B: Matrix): Matrix {
  return A.map((row) => B[0].map((_, j) => row.reduce((s, a, l) => s + a * B[l][j], 0)));
}

export type WlsFit = {
  beta: number[];
  /** (X'WX)⁻¹ */
  vb: Matrix;
  /** Y'PY = Σ wᵢ(yᵢ − xᵢ'β̂)² */
  rss: number;
  /** Y'PPY = Σ (wᵢeᵢ)² */
  ypp: number;
  trP: number;
  trPP: number;
  sumW: number;
  sumW2: number;
  logDetXWX: number;
};

/**
 * Weighted least-squares fit of y on the design with weights w, plus the P-matrix
 * quantities above. `level` 1 skips tr(PP) (only needed by REML).
 */
export function fitWls(design: Design, w: Float64Array, y: ArrayLike<number>, needTrPP = true): WlsFit {
  const { k, columns } = design;
  if (columns.length === 1) return fitInterceptOnly(k, w, y);
  const p = columns.length;
  const { mats, xwy } = crossproducts(design, w, y, needTrPP ? 3 : 2);
  const [A, B2, B3] = mats;
  const vb = invertMatrix(A);
  const beta = vb.map((row) => row.reduce((s, a, j) => s + a * xwy[j], 0));
  let rss = 0;
  let ypp = 0;
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += columns[a][i] * beta[a];
    const e = y[i] - fitted;
    const wi = w[i];
    rss += wi * e * e;
    ypp += wi * wi * e * e;
    sumW += wi;
    sumW2 += wi * wi;
  }
  const AinvB2 = multiply(vb, B2);
  const trP = sumW - traceProduct(vb, B2);
  const trPP = needTrPP ? sumW2 - 2 * traceProduct(vb, B3) + traceProduct(AinvB2, AinvB2) : Number.NaN;
  return { beta, vb, rss, ypp, trP, trPP, sumW, sumW2, logDetXWX: logDet(A) };
}

/** Residual sum of squares Σ wᵢ(yᵢ − xᵢ'β̂)² only (metafor's `.QE.func`), O(k·p²). */
export function weightedRss(design: Design, w: Float64Array, y: ArrayLike<number>): number {
  const { k, columns } = design;
  if (columns.length === 1) {
    let sw = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      sw += w[i];
      swy += w[i] * y[i];
    }
    const b = swy / sw;
    let rss = 0;
    for (let i = 0; i < k; i++) {
      const e = y[i] - b;
      rss += w[i] * e * e;
    }
    return rss;
  }
  return fitWls(design, w, y, false).rss;
}

/** Fast path of {@link fitWls} for the intercept-only model (A = Σw, B₂ = Σw², B₃ = Σw³). */
function fitInterceptOnly(k: number, w: Float64Array, y: ArrayLike<number>): WlsFit {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i];
    const wi2 = wi * wi;
    s1 += wi;
    s2 += wi2;
    s3 += wi2 * wi;
    swy += wi * y[i];
  }
  const b = swy / s1;
  let rss = 0;
  let ypp = 0;
  for (let i = 0; i < k; i++) {
    const we = w[i] * (y[i] - b);
    rss += we * (y[i] - b);
    ypp += we * we;
  }
  return {
    beta: [b],
    vb: [[1 / s1]],
    rss,
    ypp,
    trP: s1 - s2 / s1,
    trPP: s2 - (2 * s3) / s1 + (s2 * s2) / (s1 * s1),
    sumW: s1,
    sumW2: s2,
    logDetXWX: Math.log(s1),
  };
}
