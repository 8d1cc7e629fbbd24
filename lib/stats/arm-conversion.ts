/**
 * One arm of a study, as reported, turned into the mean, SD and n that continuous effect sizes
 * need — or a plain reason why it cannot be. Nothing is guessed: an arm that lacks what a
 * conversion needs is refused. Priority: mean + SD > mean + SE > mean + 95% CI > median-based.
 *
 * The median-based conversions follow the defaults of metafor's `conv.fivenum()` (current
 * source, R/conv.fivenum.r at github.com/wviechtb/metafor commit 71ae8f5, 2026-07-01:
 * method = "luo/wan/shi", dist = "norm", test = TRUE):
 * - rows with n < 5 are not converted;
 * - means by Luo et al. (2018, Stat Methods Med Res 27:1785; metafor cites it as "Luo et al.
 *   (2016)", its online date), SDs by Wan et al. (2014, BMC Med Res Methodol 14:135) from the
 *   range or the IQR and by Shi et al. (2020, Res Synth Methods 11:641) from all five numbers;
 * - the skewness test of Shi et al. (2023, Stat Methods Med Res 32:1338), whose critical values
 *   the current metafor source uses, refuses to convert clearly skewed data.
 * As with conv.fivenum's default `replace = "ifna"`, a reported mean is kept and only the SD
 * is estimated from the median-based summaries.
 */
import { qnorm, qt } from "./distributions";

export type ReportedArm = { n?: number; mean?: number; sd?: number; se?: number; ciLower?: number; ciUpper?: number; median?: number; q1?: number; q3?: number; min?: number; max?: number };

export type ConversionSource = "SD" | "SE" | "CI" | "MEDIAN_IQR" | "MEDIAN_RANGE" | "MEDIAN_IQR_RANGE";

export type ArmConversion =
  | { ok: true; mean: number; sd: number; n: number; from: ConversionSource; method: string }
  | { ok: false; reason: string };

const has = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);
const fail = (reason: string): ArmConversion => ({ ok: false, reason });
const round4 = (x: number) => Number(x.toPrecision(5));

/**
 * Converts one reported arm (see the file comment for the rules and references).
 * @example convertArm({ n: 25, mean: 10, se: 2 }) // { ok: true, mean: 10, sd: 10, n: 25, from: "SE", … }
 */
export function convertArm(arm: ReportedArm): ArmConversion {
  const { n, mean } = arm;
  if (!has(n)) return fail("n missing");
  if (!Number.isInteger(n) || n < 1) return fail(`n must be a whole number ≥ 1 (got ${n})`);
  if (has(mean)) {
    if (has(arm.sd)) {
      if (!(arm.sd > 0)) return fail(`SD must be > 0 (got ${arm.sd})`);
      return { ok: true, mean, sd: arm.sd, n, from: "SD", method: "SD as reported" };
    }
    if (has(arm.se)) {
      if (!(arm.se > 0)) return fail(`SE must be > 0 (got ${arm.se})`);
      return { ok: true, mean, sd: sdFromSe(arm.se, n), n, from: "SE", method: "SD = SE·√n (Cochrane Handbook 6.5.2.2)" };
    }
    if (has(arm.ciLower) && has(arm.ciUpper)) return convertCi(mean, arm.ciLower, arm.ciUpper, n);
  }
  if (has(arm.median)) return convertFiveNumber(arm, n);
  if (has(mean)) {
    if (has(arm.ciLower) || has(arm.ciUpper)) return fail("only one CI limit reported");
    return fail("SD, SE or CI missing");
  }
  return fail("mean or median missing");
}

/** SD from the SE of a mean: SD = SE·√n (Cochrane Handbook 6.5.2.2). */
export function sdFromSe(se: number, n: number): number {
  return se * Math.sqrt(n);
}

/**
 * SD from a 95% CI of one group's mean: SD = √n·(upper − lower)/(2·t₀.₉₇₅,ₙ₋₁).
 * Cochrane Handbook 6.5.2.2 divides by 3.92 for large samples and asks for t with n − 1 df for
 * small ones; t is used for every n (for n ≥ 60 it differs from 1.96 by < 2%), so that groups of
 * 6 animals are never treated as large (the mistake EPPI-Reviewer makes).
 */
export function sdFromCi95(lower: number, upper: number, n: number): number {
  return (Math.sqrt(n) * (upper - lower)) / (2 * qt(0.975, n - 1));
}

function convertCi(mean: number, lower: number, upper: number, n: number): ArmConversion {
  if (!(upper > lower)) return fail(`CI upper limit must exceed the lower (got ${lower} to ${upper})`);
  if (n < 2) return fail("n must be ≥ 2 to convert a CI (t needs n − 1 ≥ 1 df)");
  const t = qt(0.975, n - 1);
  return {
    ok: true, mean, sd: sdFromCi95(lower, upper, n), n, from: "CI",
    method: `SD = √n·(upper − lower)/(2·t₀.₉₇₅,${n - 1}), t = ${round4(t)} (Cochrane Handbook 6.5.2.2)`,
  };
}

export type SkewnessTest = { statistic: number; critical: number; skewed: boolean };

/** Wan et al. (2014) ξ = 2Φ⁻¹((n − 0.375)/(n + 0.25)) for the range and η = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)) for the IQR. */
function wanDivisors(n: number): { xi: number; eta: number } {
  return { xi: 2 * qnorm((n - 0.375) / (n + 0.25)), eta: 2 * qnorm((0.75 * n - 0.125) / (n + 0.25)) };
}

/**
 * Shi et al. (2023) skewness test, with the critical values of metafor's current conv.fivenum:
 * - range {a, m, b}: T = |(a + b − 2m)/(b − a)|, c = 1/ln(n + 9) + 2.5/(n + 1);
 * - IQR {q₁, m, q₃}: T = |(q₁ + q₃ − 2m)/(q₃ − q₁)|, c = 2.65/√n − 6/n²;
 * - five numbers: T = max(2.65·ln(0.6n)/√n·|(a + b − 2m)/(b − a)|, |(q₁ + q₃ − 2m)/(q₃ − q₁)|),
 *   c = 3/√n − 40/n³.
 * The data are "skewed" when T ≥ c. A 0/0 statistic (all values equal) is not skewed, as in R.
 */
export function fiveNumberSkewness(s: { n: number; median: number; min?: number; q1?: number; q3?: number; max?: number }): SkewnessTest | null {
  const { n, median: m, min: a, max: b, q1, q3 } = s;
  const range = has(a) && has(b);
  const iqr = has(q1) && has(q3);
  let statistic: number;
  let critical: number;
  if (range && iqr) {
    statistic = Math.max((2.65 * Math.log(0.6 * n)) / Math.sqrt(n) * Math.abs((a + b - 2 * m) / (b - a)), Math.abs((q1 + q3 - 2 * m) / (q3 - q1)));
    critical = 3 / Math.sqrt(n) - 40 / n ** 3;
  } else if (range) {
    statistic = Math.abs((a + b - 2 * m) / (b - a));
    critical = 1 / Math.log(n + 9) + 2.5 / (n + 1);
  } else if (iqr) {
    statistic = Math.abs((q1 + q3 - 2 * m) / (q3 - q1));
    critical = 2.65 / Math.sqrt(n) - 6 / n ** 2;
  } else {
    return null;
  }
  return { statistic, critical, skewed: statistic >= critical };
}

/**
 * Mean and SD from a median with quartiles and/or range, as metafor's conv.fivenum defaults:
 * - range (S1): mean = w·(a + b)/2 + (1 − w)·m, w = 4/(4 + n^0.75) (Luo et al., eq. 7);
 *   SD = (b − a)/ξ (Wan et al., eq. 9);
 * - IQR (S2): mean = w·(q₁ + q₃)/2 + (1 − w)·m, w = 0.7 + 0.39/n (Luo et al., eq. 11);
 *   SD = (q₃ − q₁)/η (Wan et al., eq. 16);
 * - five numbers (S3): mean = w₁(a + b)/2 + w₂(q₁ + q₃)/2 + (1 − w₁ − w₂)m, w₁ = 2.2/(2.2 + n^0.75),
 *   w₂ = 0.7 − 0.72/n^0.55 (Luo et al., eq. 15); SD = w(b − a)/ξ + (1 − w)(q₃ − q₁)/η,
 *   w = 1/(1 + 0.07n^0.6) (Shi et al. 2020, eq. 10).
 * Returns null where conv.fivenum gives NA: n < 5, no complete set, or skewed data.
 */
export function meanSdFromFiveNumbers(s: { n: number; median: number; min?: number; q1?: number; q3?: number; max?: number }): { mean: number; sd: number } | null {
  const { n, median: m, min: a, max: b, q1, q3 } = s;
  if (!(n >= 5)) return null;
  const skew = fiveNumberSkewness(s);
  if (!skew || skew.skewed) return null;
  const { xi, eta } = wanDivisors(n);
  if (has(a) && has(b) && has(q1) && has(q3)) {
    const w1 = 2.2 / (2.2 + n ** 0.75);
    const w2 = 0.7 - 0.72 / n ** 0.55;
    const w = 1 / (1 + 0.07 * n ** 0.6);
    return { mean: (w1 * (a + b)) / 2 + (w2 * (q1 + q3)) / 2 + (1 - w1 - w2) * m, sd: (w * (b - a)) / xi + ((1 - w) * (q3 - q1)) / eta };
  }
  if (has(a) && has(b)) {
    const w = 4 / (4 + n ** 0.75);
    return { mean: (w * (a + b)) / 2 + (1 - w) * m, sd: (b - a) / xi };
  }
  const w = 0.7 + 0.39 / n;
  return { mean: (w * (q1! + q3!)) / 2 + (1 - w) * m, sd: (q3! - q1!) / eta };
}

const MEDIAN_METHODS: Record<"MEDIAN_IQR" | "MEDIAN_RANGE" | "MEDIAN_IQR_RANGE", { mean: string; sd: string }> = {
  MEDIAN_RANGE: { mean: "mean from median and range (Luo et al. 2018)", sd: "SD from range (Wan et al. 2014)" },
  MEDIAN_IQR: { mean: "mean from median and IQR (Luo et al. 2018)", sd: "SD from IQR (Wan et al. 2014)" },
  MEDIAN_IQR_RANGE: { mean: "mean from median, IQR and range (Luo et al. 2018)", sd: "SD from median, IQR and range (Shi et al. 2020)" },
};

function convertFiveNumber(arm: ReportedArm, n: number): ArmConversion {
  const { median, min, q1, q3, max } = arm as ReportedArm & { median: number };
  const range = has(min) && has(max);
  const iqr = has(q1) && has(q3);
  const partial = (has(min) !== has(max)) || (has(q1) !== has(q3));
  if (!range && !iqr) return fail(partial ? "median needs both quartiles or both min and max" : "median without IQR or range");
  if (partial) return fail("median with an incomplete IQR or range (both quartiles and/or both min and max needed)");
  const ordered = [min, q1, median, q3, max].filter(has);
  if (ordered.some((x, i) => i > 0 && x < ordered[i - 1])) return fail("summaries not in order min ≤ q1 ≤ median ≤ q3 ≤ max");
  if (n < 5) return fail(`n < 5 (got ${n}): metafor's conv.fivenum does not convert medians for fewer than 5`);
  const skew = fiveNumberSkewness({ n, median, min, q1, q3, max })!;
  if (skew.skewed) {
    return fail(`too skewed to estimate mean and SD (Shi et al. 2023 test: T = ${round4(skew.statistic)} ≥ ${round4(skew.critical)})`);
  }
  const estimate = meanSdFromFiveNumbers({ n, median, min, q1, q3, max })!;
  if (!(estimate.sd > 0)) return fail("estimated SD is 0 (all summaries equal)");
  const from = range && iqr ? "MEDIAN_IQR_RANGE" : range ? "MEDIAN_RANGE" : "MEDIAN_IQR";
  const text = MEDIAN_METHODS[from];
  const reportedMean = has(arm.mean);
  const method = `${reportedMean ? "mean as reported" : text.mean}; ${text.sd} (metafor conv.fivenum)`;
  return { ok: true, mean: reportedMean ? arm.mean! : estimate.mean, sd: estimate.sd, n, from, method };
}

export type UnitConversion = { unit: string; factor: number };

/**
 * Converts a value between an outcome's units. `conversions` lists the outcome's other units
 * with the factor that takes one of them to the outcome's own unit (`value in unit = value ×
 * factor`, lib/extraction/schema.ts); a unit not listed — or "" — is the outcome's own unit only
 * when it equals `toUnit` or `fromUnit`. Throws for a unit the outcome does not define.
 * Multiplicative units only (not °C ↔ °F).
 */
export function convertUnit(value: number, fromUnit: string, toUnit: string, conversions: readonly UnitConversion[]): number {
  if (fromUnit === toUnit) return value;
  const factorOf = (unit: string, other: string): number => {
    const found = conversions.find((c) => c.unit === unit);
    if (found) return found.factor;
    // The base unit is not listed: accept it when the other side is a listed unit.
    if (conversions.some((c) => c.unit === other)) return 1;
    throw new Error(`Unit "${unit}" is not defined for this outcome (defined: ${conversions.map((c) => c.unit).join(", ") || "none"}).`);
  };
  return (value * factorOf(fromUnit, toUnit)) / factorOf(toUnit, fromUnit);
}

/** An arm with its means, dispersions, quantiles and CI limits converted to `toUnit` (n unchanged). */
export function convertArmUnit(arm: ReportedArm, fromUnit: string, toUnit: string, conversions: readonly UnitConversion[]): ReportedArm {
  const scaled: ReportedArm = { ...arm };
  for (const key of ["mean", "sd", "se", "ciLower", "ciUpper", "median", "q1", "q3", "min", "max"] as const) {
    const v = arm[key];
    if (v !== undefined) scaled[key] = convertUnit(v, fromUnit, toUnit, conversions);
  }
  return scaled;
}
