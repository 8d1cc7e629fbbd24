/**
 * Inter-rater agreement: Cohen's kappa (unweighted and weighted) with the large-sample
 * standard error of Fleiss, Cohen & Everitt (1969) as psych::cohen.kappa uses it, PABAK,
 * Fleiss' kappa for three or more raters, and the Landis–Koch labels.
 */
import { qnorm } from "./distributions";

export type KappaWeights = "none" | "linear" | "quadratic";
export type Rating = string | number;

export type CohenKappa = {
  n: number;
  categories: Rating[];
  /** Contingency table of proportions, rows rater 1, columns rater 2. */
  table: number[][];
  observedAgreement: number;
  expectedAgreement: number;
  kappa: number;
  se: number;
  ciLower: number;
  ciUpper: number;
};

/** Sorted distinct categories: numerically if all ratings are numbers, otherwise as strings. */
export function orderCategories(ratings: readonly Rating[]): Rating[] {
  const distinct = [...new Set(ratings)];
  return distinct.every((r) => typeof r === "number")
    ? (distinct as number[]).sort((a, b) => a - b)
    : distinct.map(String).sort();
}

/** Agreement weights wᵢⱼ: 1 on the diagonal; linear 1 − |i−j|/(c−1); quadratic 1 − (i−j)²/(c−1)² (Cohen 1968; Fleiss & Cohen 1973). */
export function kappaWeights(c: number, weights: KappaWeights): number[][] {
  return Array.from({ length: c }, (_, i) =>
    Array.from({ length: c }, (_, j) => {
      if (weights === "none" || c === 1) return i === j ? 1 : 0;
      const d = Math.abs(i - j) / (c - 1);
      return weights === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

/**
 * Cohen's (weighted) kappa κ = (p_o − p_e)/(1 − p_e) with p_o = Σwᵢⱼpᵢⱼ, p_e = Σwᵢⱼpᵢ.p.ⱼ
 * (Cohen 1960, 1968) and the non-null large-sample variance of Fleiss, Cohen & Everitt (1969):
 *   Var(κ) = [Σᵢⱼ pᵢⱼ(wᵢⱼ(1 − p_e) − (w̄ᵢ. + w̄.ⱼ)(1 − p_o))² − (p_o p_e − 2p_e + p_o)²] / (n(1 − p_e)⁴),
 * w̄ᵢ. = Σⱼ p.ⱼwᵢⱼ, w̄.ⱼ = Σᵢ pᵢ.wᵢⱼ; with identity weights this is FCE's unweighted formula.
 * 95% CI: κ ± z₀.₉₇₅·SE (normal, as psych::cohen.kappa). Categories are those observed in either
 * rater, ordered by {@link orderCategories}, unless `levels` gives the ordered scale (then every
 * level is a row and column even if unused, as psych::cohen.kappa(levels =) builds its table).
 * Throws if the vectors differ in length, n = 0, or a rating is not one of `levels`.
 * κ is NaN when p_e = 1 (both raters used a single category).
 */
export function cohenKappa(
  rater1: readonly Rating[],
  rater2: readonly Rating[],
  weights: KappaWeights = "none",
  level = 95,
  levels?: readonly Rating[],
): CohenKappa {
  const n = rater1.length;
  if (n !== rater2.length) throw new Error("Both raters must rate the same items.");
  if (n === 0) throw new Error("No rated items.");
  const categories = levels ? checkLevels([...rater1, ...rater2], levels) : orderCategories([...rater1, ...rater2]);
  const index = new Map(categories.map((c, i) => [String(c), i]));
  const c = categories.length;
  const p = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (let i = 0; i < n; i++) p[index.get(String(rater1[i]))!][index.get(String(rater2[i]))!] += 1 / n;
  const stats = kappaFromTable(p, kappaWeights(c, weights), n, level);
  return { n, categories, table: p, ...stats };
}

/**
 * Kappa from a c×c table of counts or proportions (rows rater 1) and an agreement-weight
 * matrix w (1 on the diagonal), with n items: the computation behind {@link cohenKappa}.
 * With w = I this is Cohen's (1960) kappa; any w gives Cohen's (1968) weighted kappa.
 */
export function kappaFromTable(table: number[][], w: number[][], n: number, level = 95) {
  const c = table.length;
  const total = table.flat().reduce((s, x) => s + x, 0);
  const p = table.map((row) => row.map((x) => x / total));
  const rows = p.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = p[0].map((_, j) => p.reduce((s, r) => s + r[j], 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < c; i++)
    for (let j = 0; j < c; j++) {
      po += w[i][j] * p[i][j];
      pe += w[i][j] * rows[i] * cols[j];
    }
  const kappa = (po - pe) / (1 - pe);
  const wRow = w.map((r) => r.reduce((s, wij, j) => s + cols[j] * wij, 0));
  const wCol = cols.map((_, j) => w.reduce((s, r, i) => s + rows[i] * r[j], 0));
  let sum = 0;
  for (let i = 0; i < c; i++)
    for (let j = 0; j < c; j++) sum += p[i][j] * (w[i][j] * (1 - pe) - (wRow[i] + wCol[j]) * (1 - po)) ** 2;
  const se = Math.sqrt((sum - (po * pe - 2 * pe + po) ** 2) / (n * (1 - pe) ** 4));
  const z = qnorm(1 - (1 - level / 100) / 2);
  return { observedAgreement: po, expectedAgreement: pe, kappa, se, ciLower: kappa - z * se, ciUpper: kappa + z * se };
}

/** The ordered scale as given, after checking every rating is on it (compared as text). */
function checkLevels(ratings: readonly Rating[], levels: readonly Rating[]): Rating[] {
  const known = new Set(levels.map(String));
  if (known.size !== levels.length) throw new Error("Levels must be distinct.");
  const stray = ratings.find((r) => !known.has(String(r)));
  if (stray !== undefined) throw new Error(`Rating "${stray}" is not one of the levels ${levels.join(", ")}.`);
  return [...levels];
}

/** Proportion of items on which two raters agree exactly. */
export function percentAgreement(rater1: readonly Rating[], rater2: readonly Rating[]): number {
  let agree = 0;
  for (let i = 0; i < rater1.length; i++) if (String(rater1[i]) === String(rater2[i])) agree++;
  return agree / rater1.length;
}

/**
 * Prevalence- and bias-adjusted kappa, PABAK = (c·p_o − 1)/(c − 1) for c categories
 * (Byrt, Bishop & Carlin 1993; = 2p_o − 1 for two categories). NaN for c < 2.
 */
export function pabak(observedAgreement: number, categories: number): number {
  if (categories < 2) return Number.NaN;
  return (categories * observedAgreement - 1) / (categories - 1);
}

/**
 * Fleiss' kappa for m ≥ 2 raters per item (Fleiss 1971): κ = (P̄ − P̄ₑ)/(1 − P̄ₑ),
 * Pᵢ = (Σⱼnᵢⱼ² − m)/(m(m − 1)), P̄ₑ = Σⱼpⱼ². Each row holds one item's ratings; every item
 * must have the same number of ratings (throws otherwise).
 */
export function fleissKappa(items: readonly (readonly Rating[])[]): { kappa: number; observed: number; expected: number } {
  const N = items.length;
  if (N === 0) throw new Error("No rated items.");
  const m = items[0].length;
  if (m < 2) throw new Error("Fleiss' kappa needs at least two ratings per item.");
  const categories = orderCategories(items.flat());
  const index = new Map(categories.map((c, i) => [String(c), i]));
  const totals = new Array<number>(categories.length).fill(0);
  let sumP = 0;
  items.forEach((item, row) => {
    if (item.length !== m) throw new Error(`Item ${row + 1} has ${item.length} ratings; expected ${m}.`);
    const counts = new Array<number>(categories.length).fill(0);
    for (const r of item) counts[index.get(String(r))!]++;
    counts.forEach((n, j) => (totals[j] += n));
    sumP += (counts.reduce((s, n) => s + n * n, 0) - m) / (m * (m - 1));
  });
  const observed = sumP / N;
  const expected = totals.reduce((s, t) => s + (t / (N * m)) ** 2, 0);
  return { kappa: (observed - expected) / (1 - expected), observed, expected };
}

/**
 * Landis & Koch (1977) benchmark label: < 0 "Poor", ≤ 0.20 "Slight", ≤ 0.40 "Fair",
 * ≤ 0.60 "Moderate", ≤ 0.80 "Substantial", otherwise "Almost perfect". NaN gives "Undefined".
 */
export function landisKochLabel(kappa: number): string {
  if (Number.isNaN(kappa)) return "Undefined";
  if (kappa < 0) return "Poor";
  if (kappa <= 0.2) return "Slight";
  if (kappa <= 0.4) return "Fair";
  if (kappa <= 0.6) return "Moderate";
  if (kappa <= 0.8) return "Substantial";
  return "Almost perfect";
}

export type AgreementResult = Omit<CohenKappa, "categories" | "table"> & {
  pabak: number;
  label: string;
  weightedKappa?: number;
  fleissKappa?: number;
};

/**
 * The `sieve kappa` summary: Cohen's kappa (SE, 95% CI), percent agreement and PABAK for
 * rater1 vs rater2, weighted kappa when `weights` is linear or quadratic, and Fleiss' kappa
 * over all raters when there are three or more. Each item is one row of ratings; `levels`
 * fixes the ordered scale for text ratings.
 */
export function runAgreement(items: readonly (readonly Rating[])[], weights: KappaWeights = "none", levels?: readonly Rating[]): AgreementResult {
  const r1 = items.map((row) => row[0]);
  const r2 = items.map((row) => row[1]);
  const ck = cohenKappa(r1, r2, "none", 95, levels);
  const result: AgreementResult = {
    n: ck.n,
    observedAgreement: ck.observedAgreement,
    expectedAgreement: ck.expectedAgreement,
    kappa: ck.kappa,
    se: ck.se,
    ciLower: ck.ciLower,
    ciUpper: ck.ciUpper,
    pabak: pabak(ck.observedAgreement, ck.categories.length),
    label: landisKochLabel(ck.kappa),
  };
  if (weights !== "none") {
    // Text ratings are ordered by `levels`, or else sorted as R's factor() sorts them.
    result.weightedKappa = cohenKappa(r1, r2, weights, 95, levels).kappa;
  }
  if (items[0].length >= 3) result.fleissKappa = fleissKappa(items).kappa;
  return result;
}

export type PairedAgreement = {
  n: number;
  kappa: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  observedAgreement: number;
  pabak: number;
  /** Quadratic-weighted kappa on the ordered `levels` (psych::cohen.kappa's default weights). */
  weightedKappa: number;
  weightedSe: number;
};

/**
 * Agreement between two raters on an ordered scale, as reported per risk-of-bias item and
 * overall: Cohen's kappa with FCE SE and 95% CI, observed agreement, PABAK with c = the number
 * of levels on the scale (Byrt et al. 1993), and quadratic-weighted kappa. Matches
 * psych::cohen.kappa(cbind(r1, r2), levels = levels), including its clamping of the CI to
 * [−1, 1] (lib/rob/agreement.test.ts).
 */
export function pairedAgreement(rater1: readonly Rating[], rater2: readonly Rating[], levels: readonly Rating[]): PairedAgreement {
  const plain = cohenKappa(rater1, rater2, "none", 95, levels);
  const weighted = cohenKappa(rater1, rater2, "quadratic", 95, levels);
  return {
    n: plain.n,
    kappa: plain.kappa,
    se: plain.se,
    ciLower: Math.max(-1, plain.ciLower),
    ciUpper: Math.min(1, plain.ciUpper),
    observedAgreement: plain.observedAgreement,
    pabak: pabak(plain.observedAgreement, levels.length),
    weightedKappa: weighted.kappa,
    weightedSe: weighted.se,
  };
}
