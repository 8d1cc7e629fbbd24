/**
 * ForestPlotInput from a `runMetaAnalysis` result and the StudyInput list it was run on (same
 * order): arms from the study data, study CIs yᵢ ± 1.96·√vᵢ (as RevMan and metafor's forest draw
 * them, whatever the pooled test), weights, subgroups with RevMan's per-subgroup heterogeneity
 * line (Cochran's Q from the subgroup's yᵢ, vᵢ — independent of τ²), total, prediction interval and
 * the test for subgroup differences.
 */
import type { MetaAnalysisResult } from "@/lib/stats/analysis";
import type { StudyInput } from "@/lib/stats/analysis-input";
import { pchisqUpper, pTwoSidedT, pTwoSidedZ } from "@/lib/stats/distributions";
import type { AxisScale, ForestArms, ForestPlotInput, ForestStudy, RobJudgement } from "./forest-types";

const Z = 1.959963984540054;

export type ForestContext = {
  /** The studies `runMetaAnalysis` received, in the same order. */
  studies: StudyInput[];
  measureLabel: string;
  methodLabel?: string;
  scale: AxisScale;
  test?: "z" | "knha";
  /** Draw the prediction interval row (when the result has one). */
  prediction?: boolean;
  favours?: ForestPlotInput["favours"];
  armLabels?: [string, string];
  title?: string;
  /** Subgroup heading from its value, default the value itself. */
  subgroupTitle?: (name: string) => string;
  /** Risk-of-bias columns: items, and per study name one judgement per item. */
  rob?: { items: { code: string; label: string }[]; judgements: Record<string, (RobJudgement | null)[]> };
  /** Appended to the subgroup-difference line, e.g. a Bonferroni threshold. */
  subgroupNote?: string;
  footnotes?: string[];
};

function armsOf(s: StudyInput, yi: number | null, vi: number | null): ForestArms | undefined {
  const d = s.data;
  if (d.kind === "continuous") {
    const v = d.values;
    return { kind: "continuous", experimental: { mean: v.m1i, sd: v.sd1i, n: v.n1i }, control: { mean: v.m2i, sd: v.sd2i, n: v.n2i } };
  }
  if (d.kind === "binary") {
    const v = d.values;
    return { kind: "binary", experimental: { events: v.ai, n: v.ai + v.bi }, control: { events: v.ci, n: v.ci + v.di } };
  }
  // Generic and NMD studies show their effect and SE (an NMD's three arms do not fit RevMan's columns).
  return yi === null || vi === null ? undefined : { kind: "generic", estimate: yi, se: Math.sqrt(vi) };
}

/** Cochran's Q of a set of studies about their inverse-variance mean (RevMan's Chi²). */
function cochranQ(studies: { yi: number; vi: number }[]): { Q: number; df: number; pValue: number } {
  const w = studies.map((s) => 1 / s.vi);
  const sw = w.reduce((a, b) => a + b, 0);
  const mean = studies.reduce((a, s, i) => a + w[i] * s.yi, 0) / sw;
  const Q = studies.reduce((a, s, i) => a + w[i] * (s.yi - mean) ** 2, 0);
  const df = Math.max(0, studies.length - 1);
  return { Q, df, pValue: df > 0 ? pchisqUpper(Q, df) : NaN };
}

export function forestInputFromResult(result: MetaAnalysisResult, ctx: ForestContext): ForestPlotInput {
  if (ctx.studies.length !== result.studies.length) throw new Error("forestInputFromResult needs the same studies runMetaAnalysis was given.");
  const hasTau2 = result.tau2 !== undefined;
  const plotStudies: ForestStudy[] = result.studies.map((s, i) => {
    const ok = s.yi !== null && s.vi !== null;
    return {
      label: s.study,
      estimate: ok ? s.yi : null,
      ciLower: ok ? s.yi! - Z * Math.sqrt(s.vi!) : null,
      ciUpper: ok ? s.yi! + Z * Math.sqrt(s.vi!) : null,
      weight: result.weights[i],
      arms: armsOf(ctx.studies[i], s.yi, s.vi),
      rob: ctx.rob?.judgements[s.study],
    };
  });
  const total: ForestPlotInput["total"] = {
    estimate: result.estimate, ciLower: result.ciLower, ciUpper: result.ciUpper, weight: 100,
    heterogeneity: { tau2: hasTau2 ? result.tau2! : null, Q: result.Q, df: result.QDf, pValue: result.QPValue },
    overallEffect: { statistic: result.statistic, pValue: result.pValue, test: ctx.test },
    prediction: ctx.prediction && result.predictionLower !== undefined && result.predictionUpper !== undefined ? { lower: result.predictionLower, upper: result.predictionUpper } : undefined,
  };
  let sections: ForestPlotInput["sections"] = [{ studies: plotStudies }];
  if (result.subgroups?.length) {
    sections = result.subgroups.map((g) => {
      const idx = ctx.studies.map((s, i) => (s.subgroup === g.name ? i : -1)).filter((i) => i >= 0);
      const usable = idx.flatMap((i) => (result.studies[i].yi !== null && result.studies[i].vi !== null ? [{ yi: result.studies[i].yi!, vi: result.studies[i].vi! }] : []));
      const stat = g.estimate / g.se;
      const knha = ctx.test === "knha" && g.k > 1;
      return {
        title: ctx.subgroupTitle ? ctx.subgroupTitle(g.name) : g.name,
        studies: idx.map((i) => plotStudies[i]),
        subtotal: {
          estimate: g.estimate, ciLower: g.ciLower, ciUpper: g.ciUpper,
          heterogeneity: usable.length > 1 ? { tau2: hasTau2 ? (g.tau2 ?? 0) : null, ...cochranQ(usable) } : undefined,
          overallEffect: { statistic: stat, pValue: knha ? pTwoSidedT(stat, g.k - 1) : pTwoSidedZ(stat), test: ctx.test },
        },
      };
    });
  }
  return {
    title: ctx.title, measureLabel: ctx.measureLabel, methodLabel: ctx.methodLabel, scale: ctx.scale, armLabels: ctx.armLabels,
    sections, total, favours: ctx.favours, footnotes: ctx.footnotes,
    subgroupTest: result.subgroupTest ? { ...result.subgroupTest, note: ctx.subgroupNote } : undefined,
    rob: ctx.rob ? { items: ctx.rob.items } : undefined,
  };
}
