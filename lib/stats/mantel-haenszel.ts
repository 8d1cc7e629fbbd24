/**
 * Mantel–Haenszel fixed-effect meta-analysis of 2×2 tables, as metafor 3.8 `rma.mh()`
 * with its defaults (add = c(1/2, 0), to = c("only0", "none"), drop00 = c(TRUE, FALSE)).
 */
import { criticalValue, pchisqUpper, pTwoSidedZ } from "./distributions";
import { type BinaryStudy, computeLogOr, computeLogRr, computeRd, type EffectSize } from "./effect-sizes";

export type MhMeasure = "OR" | "RR" | "RD";

export type MhFit = {
  measure: MhMeasure;
  /** All tables, including double-zero ones (metafor's k). */
  k: number;
  /** Tables with an estimable yᵢ (double-zero tables excluded), used for Q (metafor's k.yi). */
  kYi: number;
  estimate: number;
  se: number;
  zval: number;
  pval: number;
  ciLower: number;
  ciUpper: number;
  QE: number;
  QEdf: number;
  QEp: number;
  I2: number;
  H2: number;
  /** Study-level yᵢ/vᵢ (escalc, 1/2 added to zero cells); null for double-zero tables. */
  studies: (EffectSize | null)[];
  /** MH weights in percent (e.g. bᵢcᵢ/Nᵢ for OR), as RevMan reports them. */
  weights: number[];
};

const isDoubleZero = (t: BinaryStudy) => (t.ai === 0 && t.ci === 0) || (t.bi === 0 && t.di === 0);

/**
 * Pooled log OR/log RR/RD by Mantel–Haenszel on the raw counts:
 * - OR: ln(Σaᵢdᵢ/Nᵢ / Σbᵢcᵢ/Nᵢ), SE of Robins, Breslow & Greenland (1986);
 * - RR: ln(Σaᵢn₂ᵢ/Nᵢ / Σcᵢn₁ᵢ/Nᵢ), SE of Greenland & Robins (1985);
 * - RD: Σ(aᵢn₂ᵢ − cᵢn₁ᵢ)/Nᵢ / Σn₁ᵢn₂ᵢ/Nᵢ, SE of Sato, Greenland & Robins (1989).
 * Heterogeneity: Q = Σ(yᵢ − θ̂_MH)²/vᵢ over the tables with escalc yᵢ (double-zero tables
 * left out, drop00 = TRUE), df = k.yi − 1; I² = max(0, (Q − df)/Q)·100, H² = Q/df.
 * Edge cases: NaN estimate when a required sum is zero (e.g. no events at all), as metafor.
 */
export function fitMantelHaenszel(tables: BinaryStudy[], measure: MhMeasure, level = 95): MhFit {
  const k = tables.length;
  let num = 0;
  let den = 0;
  const wi: number[] = [];
  let se: number;
  let estimate: number;
  if (measure === "OR") {
    let sPR = 0;
    let sPSQR = 0;
    let sQS = 0;
    let R = 0;
    let S = 0;
    for (const { ai, bi, ci, di } of tables) {
      const N = ai + bi + ci + di;
      const P = ai / N + di / N;
      const Q = bi / N + ci / N;
      const Ri = (ai / N) * di;
      const Si = (bi / N) * ci;
      R += Ri;
      S += Si;
      sPR += P * Ri;
      sPSQR += P * Si + Q * Ri;
      sQS += Q * Si;
      wi.push(Si);
    }
    estimate = R === 0 || S === 0 ? Number.NaN : Math.log(R / S);
    se = Math.sqrt(0.5 * (sPR / (R * R) + sPSQR / (R * S) + sQS / (S * S)));
  } else if (measure === "RR") {
    let sumA = 0;
    let sumC = 0;
    let v = 0;
    for (const { ai, bi, ci, di } of tables) {
      const n1 = ai + bi;
      const n2 = ci + di;
      const N = n1 + n2;
      num += ai * (n2 / N);
      den += ci * (n1 / N);
      sumA += ai;
      sumC += ci;
      v += (n1 / N) * (n2 / N) * (ai + ci) - (ai / N) * ci;
      wi.push(ci * (n1 / N));
    }
    estimate = sumA === 0 || sumC === 0 ? Number.NaN : Math.log(num / den);
    se = Math.sqrt(v / (num * den));
  } else {
    let sP = 0;
    let sQ = 0;
    for (const { ai, bi, ci, di } of tables) {
      const n1 = ai + bi;
      const n2 = ci + di;
      const N = n1 + n2;
      num += ai * (n2 / N) - ci * (n1 / N);
      den += n1 * (n2 / N);
      wi.push(n1 * (n2 / N));
    }
    estimate = num / den;
    for (const { ai, bi, ci, di } of tables) {
      const n1 = ai + bi;
      const n2 = ci + di;
      const N = n1 + n2;
      sP += ci * (n1 / N) ** 2 - ai * (n2 / N) ** 2 + ((n1 / N) * (n2 / N) * (n2 - n1)) / 2;
      sQ += (ai * (n2 - ci)) / N + (ci * (n1 - ai)) / N;
    }
    se = Math.sqrt((estimate * sP + sQ / 2) / (den * den));
  }
  const crit = criticalValue(1 - level / 100, null);
  const compute = measure === "OR" ? computeLogOr : measure === "RR" ? computeLogRr : computeRd;
  const studies = tables.map((t) => (isDoubleZero(t) ? null : compute(t)));
  const usable = studies.filter((s): s is EffectSize => s !== null);
  const kYi = usable.length;
  let QE = 0;
  let QEp = 1;
  let I2 = 0;
  let H2 = 1;
  if (kYi > 1) {
    QE = Math.max(0, usable.reduce((s, { yi, vi }) => s + (yi - estimate) ** 2 / vi, 0));
    QEp = pchisqUpper(QE, kYi - 1);
    I2 = Math.max(0, (100 * (QE - (kYi - 1))) / QE);
    H2 = QE / (kYi - 1);
  }
  const sumW = wi.reduce((s, w) => s + w, 0);
  return {
    measure,
    k,
    kYi,
    estimate,
    se,
    zval: estimate / se,
    pval: pTwoSidedZ(estimate / se),
    ciLower: estimate - crit * se,
    ciUpper: estimate + crit * se,
    QE,
    QEdf: Math.max(0, kYi - 1),
    QEp,
    I2,
    H2,
    studies,
    weights: wi.map((w) => (100 * w) / sumW),
  };
}
