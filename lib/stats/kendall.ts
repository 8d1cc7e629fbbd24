/**
 * Kendall's rank correlation and its test exactly as R's `cor.test(x, y, method = "kendall")`.
 */
import { pnorm } from "./distributions";

function tieCounts(sorted: Float64Array): number[] {
  const counts: number[] = [];
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) run++;
    else {
      if (run > 1) counts.push(run);
      run = 1;
    }
  }
  return counts;
}

/**
 * Kendall's τ_b = (n_c − n_d)/√((n₀ − n₁)(n₀ − n₂)) (R: `cor(x, y, method = "kendall")`),
 * by Knight's (1966) O(n log n) algorithm. Also returns the tie-group sizes of x and y.
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): { tau: number; xTies: number[]; yTies: number[] } {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const xs = Float64Array.from(idx, (i) => x[i]);
  let ys = Float64Array.from(idx, (i) => y[i]);
  const n0 = (n * (n - 1)) / 2;
  // pairs tied in x (n1) and jointly tied (n3)
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    const t = j - i;
    n1 += (t * (t - 1)) / 2;
    for (let a = i; a < j; ) {
      let b = a + 1;
      while (b < j && ys[b] === ys[a]) b++;
      n3 += ((b - a) * (b - a - 1)) / 2;
      a = b;
    }
    i = j;
  }
  // merge sort on y counting discordant swaps
  let swaps = 0;
  let buf = new Float64Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let out = lo;
      while (i < mid && j < hi) {
        if (ys[j] < ys[i]) {
          buf[out++] = ys[j++];
          swaps += mid - i;
        } else buf[out++] = ys[i++];
      }
      while (i < mid) buf[out++] = ys[i++];
      while (j < hi) buf[out++] = ys[j++];
    }
    [ys, buf] = [buf, ys];
  }
  const yTies = tieCounts(ys);
  const xTies = tieCounts(xs);
  const n2 = yTies.reduce((s, t) => s + (t * (t - 1)) / 2, 0);
  const s = n0 - n1 - n2 + n3 - 2 * swaps;
  return { tau: s / Math.sqrt((n0 - n1) * (n0 - n2)), xTies, yTies };
}

/**
 * P(T ≤ q) for T the number of concordant pairs among n untied observations under H0
 * (R's C function pkendall / ckendall): counts of permutations by inversions (Mahonian
 * numbers) divided by n!. Non-finite for n > 170, where R's exact computation yields NA.
 */
export function pKendall(q: number, n: number): number {
  const qq = Math.floor(q + 1e-7);
  const u = (n * (n - 1)) / 2;
  if (qq < 0) return 0;
  if (qq > u) return 1;
  let counts = new Float64Array(qq + 1);
  counts[0] = 1;
  for (let m = 2; m <= n; m++) {
    const next = new Float64Array(qq + 1);
    let window = 0;
    for (let j = 0; j <= qq; j++) {
      window += counts[j];
      if (j - m >= 0) window -= counts[j - m];
      next[j] = window;
    }
    counts = next;
  }
  let p = 0;
  for (let j = 0; j <= qq; j++) p += counts[j];
  let factorial = 1;
  for (let m = 2; m <= n; m++) factorial *= m;
  return p / factorial;
}

/**
 * Two-sided test of Kendall's τ as `cor.test(..., method = "kendall", exact)`:
 * exact (T = round((τ + 1)n(n − 1)/4), p = min(1, 2·min tail)) when `exact` and there are no ties;
 * otherwise the normal approximation with the tie-corrected variance of S and no continuity
 * correction. If the exact p-value is not finite (n > 170), falls back to the normal
 * approximation, as metafor's `ranktest()` does.
 */
export function kendallTest(x: ArrayLike<number>, y: ArrayLike<number>, exact = true): { tau: number; pValue: number; exact: boolean } {
  const n = x.length;
  const { tau, xTies, yTies } = kendallTau(x, y);
  const ties = xTies.length > 0 || yTies.length > 0;
  if (exact && !ties && n <= 170) {
    const q = Math.round(((tau + 1) * n * (n - 1)) / 4);
    const p = q > (n * (n - 1)) / 4 ? 1 - pKendall(q - 1, n) : pKendall(q, n);
    const pValue = Math.min(2 * p, 1);
    if (Number.isFinite(pValue)) return { tau, pValue, exact: true };
  }
  const T0 = (n * (n - 1)) / 2;
  const sum = (ts: number[], f: (t: number) => number) => ts.reduce((s, t) => s + f(t), 0);
  const T1 = sum(xTies, (t) => (t * (t - 1)) / 2);
  const T2 = sum(yTies, (t) => (t * (t - 1)) / 2);
  const S = tau * Math.sqrt((T0 - T1) * (T0 - T2));
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(xTies, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(yTies, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(xTies, (t) => t * (t - 1)) * sum(yTies, (t) => t * (t - 1));
  const v2 = sum(xTies, (t) => t * (t - 1) * (t - 2)) * sum(yTies, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const z = S / Math.sqrt(varS);
  return { tau, pValue: 2 * Math.min(pnorm(z), pnorm(-z)), exact: false };
}
