/**
 * Special functions that @stdlib's declared packages in this project do not expose.
 */

const LANCZOS_G = 7;
const LANCZOS_COEF = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function, ln Γ(x), for x > 0.
 *
 * Lanczos approximation (g = 7, n = 9; Press et al., Numerical Recipes, 3rd ed., §6.1),
 * with the reflection formula below x = 0.5. Relative accuracy is about 1e-15, which is
 * what R's `lgamma` achieves for the arguments used here (Hedges' correction factor).
 *
 * Edge cases: returns NaN for x ≤ 0 or NaN.
 * @example lgamma(5) // ln(24) = 3.1780538303479458
 */
export function lgamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const z = x - 1;
  let a = LANCZOS_COEF[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS_G + 2; i++) a += LANCZOS_COEF[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Brent's root finder exactly as R's `uniroot()` runs it (R_zeroin2 in
 * src/library/stats/src/zeroin.c), so that estimators metafor obtains through `uniroot`
 * (Paule–Mandel τ², Q-profile CI bounds) reproduce R's iterates and stopping point,
 * not just the true root.
 *
 * `fLower`/`fUpper` are f(lower)/f(upper), which must have opposite signs (R checks this
 * first and stops with "f() values at end points not of opposite sign").
 * Returns NaN if the iteration limit is reached without convergence (R then errors).
 */
export function uniroot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol = Math.pow(Number.EPSILON, 0.25),
  maxiter = 1000,
  fLower = f(lower),
  fUpper = f(upper),
): number {
  if (fLower * fUpper > 0) return Number.NaN;
  let a = lower;
  let b = upper;
  let fa = fLower;
  let fb = fUpper;
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  let iterationsLeft = maxiter + 1;
  while (iterationsLeft-- > 0) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qq = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1));
        q = (qq - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return Number.NaN;
}
