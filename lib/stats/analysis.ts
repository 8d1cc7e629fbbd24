/**
 * One entry point for a whole meta-analysis (used by `sieve meta` and the results page):
 * effect sizes → pooled model → heterogeneity, prediction interval, and the optional
 * subgroup, meta-regression, small-study and sensitivity analyses. The result's fields are
 * the `sieve meta --json` contract (issue #3): estimates on the analysis scale (log for
 * OR/RR/ROM), I² and weights in percent; FE and MH results omit the τ²-based fields.
 */
import type { MetaMeasure, StudyInput, DroppedStudy } from "./analysis-input";
import { computeGeneric, computeLogOr, computeLogRr, computeMd, computeRd, computeRom, computeSmd, type EffectSize, type SmdVariant } from "./effect-sizes";
import { computeNmd } from "./nmd";
import { fitMantelHaenszel, type MhMeasure } from "./mantel-haenszel";
import { predictPooled } from "./prediction";
import { beggTest, eggerTest, trimAndFill } from "./publication-bias";
import { fitRma, type RmaMethod, type RmaTest } from "./random-effects";
import { leaveOneOut } from "./sensitivity";
import { analyseSubgroups, testSubgroupDifferences } from "./subgroups";

export type MetaMethod = RmaMethod | "MH";

export type MetaAnalysisOptions = {
  measure: MetaMeasure;
  method: MetaMethod;
  test?: RmaTest;
  smdVariant?: SmdVariant;
  subgroup?: boolean;
  moderator?: boolean;
  egger?: boolean;
  begg?: boolean;
  trimfill?: boolean;
  leave1out?: boolean;
};

type Interval = { estimate: number; se: number; ciLower: number; ciUpper: number };

export type MetaAnalysisResult = {
  k: number;
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  statistic: number;
  pValue: number;
  tau2?: number;
  tau?: number;
  I2: number;
  H2: number;
  Q: number;
  QDf: number;
  QPValue: number;
  predictionLower?: number;
  predictionUpper?: number;
  weights: number[];
  studies: { study: string; yi: number | null; vi: number | null }[];
  dropped: DroppedStudy[];
  subgroups?: (Interval & { name: string; k: number; tau2?: number; I2: number })[];
  subgroupTest?: { Q: number; df: number; pValue: number };
  moderator?: { intercept: number; slope: number; slopeSe: number; slopePValue: number; QM: number; QMPValue: number; tau2?: number };
  egger?: { intercept: number; statistic: number; df: number; pValue: number };
  begg?: { tau: number; pValue: number };
  trimfill?: { k0: number; side: "left" | "right"; estimate: number; ciLower: number; ciUpper: number };
  leave1out?: { omitted: string; estimate: number; ciLower: number; ciUpper: number; tau2?: number; I2: number }[];
};

/** Study-level yᵢ and vᵢ for a measure (escalc defaults; see effect-sizes.ts). */
export function computeEffect(measure: MetaMeasure, s: StudyInput, smdVariant: SmdVariant = "metafor"): EffectSize {
  const d = s.data;
  if (d.kind === "generic") return computeGeneric(d.values);
  if (d.kind === "nmd") return computeNmd(d.values);
  if (d.kind === "continuous") {
    if (measure === "MD") return computeMd(d.values);
    if (measure === "ROM") return computeRom(d.values);
    return computeSmd(d.values, smdVariant);
  }
  if (measure === "OR") return computeLogOr(d.values);
  if (measure === "RR") return computeLogRr(d.values);
  return computeRd(d.values);
}

/** Runs the analysis described by `options` on validated studies (see parseMetaRows). */
export function runMetaAnalysis(studies: StudyInput[], options: MetaAnalysisOptions, dropped: DroppedStudy[] = []): MetaAnalysisResult {
  const { measure, method } = options;
  const test = options.test ?? "z";
  const isMh = method === "MH";
  if (isMh && !["OR", "RR", "RD"].includes(measure)) throw new Error("The Mantel-Haenszel method needs measure OR, RR or RD.");
  if (isMh && test === "knha") throw new Error("The Knapp-Hartung test is not available with the Mantel-Haenszel method.");
  const hasTau2 = method !== "FE" && !isMh;
  const rmaMethod: RmaMethod = isMh ? "FE" : method;
  const rmaOptions = { method: rmaMethod, test };
  const tables = () => studies.map((s) => s.data.values as { ai: number; bi: number; ci: number; di: number });

  let result: MetaAnalysisResult;
  let yi: number[];
  let vi: number[];
  let labels: string[];
  const out = studies.map((s) => ({ study: s.study, yi: null as number | null, vi: null as number | null }));
  const allDropped = [...dropped];
  if (isMh) {
    const mh = fitMantelHaenszel(tables(), measure as MhMeasure);
    mh.studies.forEach((e, i) => {
      if (e) Object.assign(out[i], e);
      else allDropped.push({ study: studies[i].study, row: studies[i].row, reason: "no events (or only events) in both arms: left out of Q" });
    });
    const usable = mh.studies.map((e, i) => (e ? i : -1)).filter((i) => i >= 0);
    yi = usable.map((i) => mh.studies[i]!.yi);
    vi = usable.map((i) => mh.studies[i]!.vi);
    labels = usable.map((i) => studies[i].study);
    result = {
      k: mh.k, estimate: mh.estimate, se: mh.se, ciLower: mh.ciLower, ciUpper: mh.ciUpper, statistic: mh.zval, pValue: mh.pval,
      I2: mh.I2, H2: mh.H2, Q: mh.QE, QDf: mh.QEdf, QPValue: mh.QEp, weights: mh.weights, studies: out, dropped: allDropped,
    };
  } else {
    const effects = studies.map((s) => computeEffect(measure, s, options.smdVariant));
    effects.forEach((e, i) => Object.assign(out[i], e));
    yi = effects.map((e) => e.yi);
    vi = effects.map((e) => e.vi);
    labels = studies.map((s) => s.study);
    const fit = fitRma(yi, vi, rmaOptions);
    result = {
      k: fit.k, estimate: fit.beta[0], se: fit.se[0], ciLower: fit.ciLower[0], ciUpper: fit.ciUpper[0], statistic: fit.zval[0], pValue: fit.pval[0],
      I2: fit.I2, H2: fit.H2, Q: fit.QE, QDf: fit.QEdf, QPValue: fit.QEp, weights: fit.weights, studies: out, dropped: allDropped,
    };
    if (hasTau2) {
      const pred = predictPooled(fit);
      Object.assign(result, { tau2: fit.tau2, tau: Math.sqrt(fit.tau2), predictionLower: pred.piLower, predictionUpper: pred.piUpper });
    }
  }

  if (options.subgroup) {
    const groups = studies.map((s) => s.subgroup ?? "");
    if (isMh) {
      const names = [...new Set(groups)];
      const fits = names.map((name) => {
        const idx = groups.map((g, i) => (g === name ? i : -1)).filter((i) => i >= 0);
        const f = fitMantelHaenszel(idx.map((i) => tables()[i]), measure as MhMeasure);
        return { name, k: f.k, estimate: f.estimate, se: f.se, ciLower: f.ciLower, ciUpper: f.ciUpper, I2: f.I2 };
      });
      result.subgroups = fits;
      result.subgroupTest = testSubgroupDifferences(fits);
    } else {
      const sg = analyseSubgroups(yi, vi, groups, rmaOptions);
      result.subgroups = sg.subgroups.map(({ name, fit: f }) => ({
        name, k: f.k, estimate: f.beta[0], se: f.se[0], ciLower: f.ciLower[0], ciUpper: f.ciUpper[0],
        ...(hasTau2 ? { tau2: f.tau2 } : {}), I2: f.I2,
      }));
      result.subgroupTest = sg.test;
    }
  }
  if (options.moderator) {
    if (isMh) throw new Error("Meta-regression needs an inverse-variance method (FE, DL, REML, ML, PM, HE or SJ), not MH.");
    const mods = studies.map((s) => s.moderator ?? Number.NaN);
    const f = fitRma(yi, vi, { ...rmaOptions, mods: [mods] });
    result.moderator = {
      intercept: f.beta[0], slope: f.beta[1], slopeSe: f.se[1], slopePValue: f.pval[1], QM: f.QM, QMPValue: f.QMp,
      ...(hasTau2 ? { tau2: f.tau2 } : {}),
    };
  }
  if (options.egger) {
    const e = eggerTest(yi, vi);
    result.egger = { intercept: e.intercept, statistic: e.statistic, df: e.df, pValue: e.pValue };
  }
  if (options.begg) {
    const b = beggTest(yi, vi);
    result.begg = { tau: b.tau, pValue: b.pValue };
  }
  if (options.trimfill) {
    if (isMh) throw new Error("Trim-and-fill needs an inverse-variance method (metafor has no trimfill for rma.mh).");
    const t = trimAndFill(yi, vi, rmaOptions);
    result.trimfill = { k0: t.k0, side: t.side, estimate: t.fit.beta[0], ciLower: t.fit.ciLower[0], ciUpper: t.fit.ciUpper[0] };
  }
  if (options.leave1out) {
    if (isMh) {
      const all = tables();
      result.leave1out = all.map((_, i) => {
        const f = fitMantelHaenszel(all.filter((__, j) => j !== i), measure as MhMeasure);
        return { omitted: studies[i].study, estimate: f.estimate, ciLower: f.ciLower, ciUpper: f.ciUpper, I2: f.I2 };
      });
    } else {
      result.leave1out = leaveOneOut(yi, vi, rmaOptions).map((r) => ({
        omitted: labels[r.omitted], estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper,
        ...(hasTau2 ? { tau2: r.tau2 } : {}), I2: r.I2,
      }));
    }
  }
  return orderFields(result);
}

const FIELD_ORDER = [
  "k", "estimate", "se", "ciLower", "ciUpper", "statistic", "pValue", "tau2", "tau", "I2", "H2", "Q", "QDf", "QPValue",
  "predictionLower", "predictionUpper", "weights", "studies", "dropped", "subgroups", "subgroupTest", "moderator",
  "egger", "begg", "trimfill", "leave1out",
] as const;

/** Puts the fields in the order of the CLI contract (JSON readers do not care; people do). */
function orderFields(r: MetaAnalysisResult): MetaAnalysisResult {
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) if (r[key] !== undefined) out[key] = r[key];
  return out as MetaAnalysisResult;
}
