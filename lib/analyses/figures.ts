/**
 * The analysis's figures from its pipeline result: forest (with subgroups, the prediction
 * interval and RevMan's heterogeneity and overall-effect lines), leave-one-out, cumulative,
 * funnel and bubble plots, plus the numbers behind each as CSV. Pure; web, CLI and bench share it.
 */
import { renderBubblePlot } from "@/lib/charts/bubble";
import { renderForestPlot, renderIntervalPlot, type ForestArms, type ForestPlotInput, type ForestSection, type ForestStudy, type RobJudgement } from "@/lib/charts/forest";
import { renderFunnelPlot } from "@/lib/charts/funnel";
import { runMetaAnalysis } from "@/lib/stats/analysis";
import { toCsv } from "@/lib/extraction/outcome-rows";
import type { PipelineResult, RobTable } from "./pipeline";
import { MEASURE_LABELS, RATIO_MEASURES, type AnalysisDefinition, type AnalysisMeasure } from "./schema";
import type { Sensitivity } from "./sensitivity";

export const FIGURES = ["forest", "leave1out", "cumulative", "funnel", "bubble"] as const;
export type FigureKind = (typeof FIGURES)[number];
export type Direction = "higher" | "lower";

const Z = 1.959963984540054;
function scale(def: AnalysisDefinition) {
  const log = RATIO_MEASURES.includes(def.measure as AnalysisMeasure);
  const show = (x: number) => (log ? Math.exp(x) : x);
  const ci = (e: number, lo: number, hi: number) => `${show(e).toFixed(2)} [${show(lo).toFixed(2)}, ${show(hi).toFixed(2)}]`;
  return { log, show, ci };
}

const ROB_JUDGEMENT: Record<string, RobJudgement> = { LOW: "LOW", YES: "LOW", HIGH: "HIGH", NO: "HIGH", UNCLEAR: "UNCLEAR", SOME_CONCERNS: "UNCLEAR" };

function arms(p: PipelineResult, i: number): ForestArms {
  const d = p.studies[i].data;
  if (d.kind === "continuous" || d.kind === "nmd") {
    const v = d.values;
    return { kind: "continuous", experimental: { mean: v.m1i, sd: v.sd1i, n: v.n1i }, control: { mean: v.m2i, sd: v.sd2i, n: v.n2i } };
  }
  if (d.kind === "binary") return { kind: "binary", experimental: { events: d.values.ai, n: d.values.ai + d.values.bi }, control: { events: d.values.ci, n: d.values.ci + d.values.di } };
  return { kind: "generic", estimate: d.values.yi, se: Math.sqrt(d.values.vi) };
}

const methodLabel = (p: PipelineResult, def: AnalysisDefinition) =>
  `${p.method === "MH" ? "M-H" : "IV"}, ${p.method === "FE" || p.method === "MH" ? "Fixed" : "Random"}${def.options.test === "knha" ? " (HK)" : ""}, 95% CI`;
const measureLabel = (p: PipelineResult, def: AnalysisDefinition) => `${MEASURE_LABELS[def.measure as AnalysisMeasure]}${p.measure === "GEN" && def.measure !== "GEN" ? " (combined within study)" : ""}`;
const favoursOf = (def: AnalysisDefinition, direction: Direction) => ({ intervention: "intervention", control: "control", direction: def.measure === "NMD" ? ("higher" as const) : direction });

/**
 * The main forest plot as lib/charts/forest.ts (helper C) draws it, from the pipeline: RevMan 5
 * columns, one section per subgroup with its subtotal, heterogeneity and overall-effect lines
 * (each subgroup refitted on its own as RevMan does), the prediction interval, optional RoB columns.
 */
export function forestInput(p: PipelineResult, def: AnalysisDefinition, direction: Direction = "higher", rob?: RobTable): ForestPlotInput {
  const { log } = scale(def);
  const r = p.result;
  const robItems = rob && rob.size ? [...new Set([...rob.values()].flatMap((x) => Object.keys(x)))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) : [];
  const study = (i: number): ForestStudy => {
    const s = r.studies[i];
    const ok = s.yi !== null && s.vi !== null;
    return {
      label: p.studies[i].study, estimate: ok ? s.yi : null, ciLower: ok ? s.yi! - Z * Math.sqrt(s.vi!) : null, ciUpper: ok ? s.yi! + Z * Math.sqrt(s.vi!) : null,
      weight: r.weights[i], arms: arms(p, i),
      ...(robItems.length ? { rob: robItems.map((item) => ROB_JUDGEMENT[rob!.get(p.baseStudy[i])?.[item] ?? ""] ?? null) } : {}),
    };
  };
  const test = def.options.test;
  const all = p.studies.map((_, i) => i);
  const sections: ForestSection[] = r.subgroups
    ? r.subgroups.map((g) => {
        const idx = all.filter((i) => p.studies[i].subgroup === g.name);
        const sub = idx.length >= 2 ? runMetaAnalysis(idx.map((i) => p.studies[i]), { measure: p.measure, method: p.method, test, smdVariant: def.options.smdVariant }) : null;
        return {
          title: `${p.subgroupField}: ${g.name}`,
          studies: idx.map(study),
          subtotal: {
            estimate: g.estimate, ciLower: g.ciLower, ciUpper: g.ciUpper, weight: idx.reduce((w, i) => w + (r.weights[i] ?? 0), 0),
            ...(sub ? { heterogeneity: { tau2: sub.tau2 ?? null, Q: sub.Q, df: sub.QDf, pValue: sub.QPValue }, overallEffect: { statistic: sub.statistic, pValue: sub.pValue, test } } : {}),
          },
        };
      })
    : [{ studies: all.map(study) }];
  const bonf = def.options.bonferroni;
  return {
    title: `${def.name}: ${def.outcome}${def.timepoint ? ` (${def.timepoint})` : ""}`,
    measureLabel: measureLabel(p, def), methodLabel: methodLabel(p, def), scale: log ? "log" : "linear", sections,
    total: {
      estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, weight: 100,
      heterogeneity: { tau2: r.tau2 ?? null, Q: r.Q, df: r.QDf, pValue: r.QPValue }, overallEffect: { statistic: r.statistic, pValue: r.pValue, test },
      ...(def.options.prediction && r.predictionLower !== undefined ? { prediction: { lower: r.predictionLower, upper: r.predictionUpper! } } : {}),
    },
    ...(r.subgroupTest ? { subgroupTest: { ...r.subgroupTest, ...(bonf ? { note: `Bonferroni-adjusted threshold P < ${(0.05 / bonf).toPrecision(2)} across ${bonf} stratifications` } : {}) } } : {}),
    favours: favoursOf(def, direction),
    ...(robItems.length ? { rob: { items: robItems.map((item) => ({ code: item, label: `Risk of bias item ${item}` })) } } : {}),
  };
}

export function renderAnalysisFigure(kind: FigureKind, p: PipelineResult, def: AnalysisDefinition, s: Sensitivity, direction: Direction = "higher", rob?: RobTable): string {
  const r = p.result;
  const { log } = scale(def);
  const axisScale = log ? ("log" as const) : ("linear" as const);
  if (kind === "forest") return renderForestPlot(forestInput(p, def, direction, rob));
  if (kind === "leave1out" || kind === "cumulative") {
    const rows = kind === "leave1out"
      ? (r.leave1out ?? []).map((l) => ({ label: l.omitted, estimate: l.estimate, ciLower: l.ciLower, ciUpper: l.ciUpper, extra: [`${Math.round(l.I2)}%`] }))
      : s.cumulative.map((c) => ({ label: c.study, estimate: c.estimate, ciLower: c.ciLower, ciUpper: c.ciUpper, extra: [c.year === null ? "—" : String(c.year)] }));
    return renderIntervalPlot({
      title: kind === "leave1out" ? "Leave-one-out" : "Cumulative meta-analysis by year", measureLabel: measureLabel(p, def), scale: axisScale,
      studyHeader: kind === "leave1out" ? "Study omitted" : "Study added", rows, extraColumns: [kind === "leave1out" ? "I²" : "Year"],
      reference: { estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, label: "All studies" }, favours: favoursOf(def, direction),
    });
  }
  if (kind === "funnel") {
    const points = r.studies.filter((x) => x.yi !== null && x.vi !== null).map((x) => ({ label: x.study, yi: x.yi!, se: Math.sqrt(x.vi!) }));
    const filled: { yi: number; se: number }[] = [];
    if (r.trimfill && r.trimfill.k0 > 0) {
      // The k0 most extreme studies on the trimmed side, mirrored about the filled estimate (Duval & Tweedie 2000).
      const sorted = [...points].sort((a, b) => (r.trimfill!.side === "left" ? b.yi - a.yi : a.yi - b.yi));
      for (const q of sorted.slice(0, r.trimfill.k0)) filled.push({ yi: 2 * r.trimfill.estimate - q.yi, se: q.se });
    }
    return renderFunnelPlot({ points, filled, estimate: r.estimate, ...(r.trimfill?.k0 ? { filledEstimate: r.trimfill.estimate } : {}), scale: axisScale, contours: def.options.funnelContours, xLabel: MEASURE_LABELS[def.measure as AnalysisMeasure] });
  }
  const g = p.regression;
  if (!g) throw new Error("This analysis has no meta-regression (choose a numeric moderator).");
  return renderBubblePlot({
    title: `Meta-regression on ${g.log10 ? "log10 " : ""}${g.field} (k = ${g.k})`,
    points: g.points.map((q) => ({ label: q.study, x: q.x, yi: q.yi, vi: q.vi })), tau2: g.fit.tau2,
    fit: { intercept: g.fit.intercept, slope: g.fit.slope, slopeSe: g.fit.slopeSe, slopePValue: g.fit.slopePValue, test: def.options.test },
    band: g.band.map((b) => ({ x: b.x, lower: b.lower, upper: b.upper })),
    xLabel: `${g.log10 ? "log10 " : ""}${g.field}`, yLabel: MEASURE_LABELS[def.measure as AnalysisMeasure], scale: axisScale,
  });
}

/** The numbers behind a figure, as CSV (analysis scale; log for ratio measures). */
export function figureCsv(kind: FigureKind, p: PipelineResult, s: Sensitivity): string {
  const r = p.result;
  const table = (header: string[], rows: (string | number | undefined | null)[][]) => toCsv({ header, rows: rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] === undefined || row[i] === null ? "" : String(row[i])]))) });
  if (kind === "forest" || kind === "funnel") {
    return table(["study", "subgroup", "yi", "vi", "sei", "weight"], r.studies.map((x, i) => [x.study, p.studies[i].subgroup, x.yi, x.vi, x.vi === null ? null : Math.sqrt(x.vi), r.weights[i]]).concat([["Total", "", r.estimate, r.se ** 2, r.se, 100]]));
  }
  if (kind === "leave1out") return table(["omitted", "estimate", "ciLower", "ciUpper", "tau2", "I2"], (r.leave1out ?? []).map((l) => [l.omitted, l.estimate, l.ciLower, l.ciUpper, l.tau2, l.I2]));
  if (kind === "cumulative") return table(["added", "year", "estimate", "ciLower", "ciUpper", "tau2", "I2"], s.cumulative.map((c) => [c.study, c.year, c.estimate, c.ciLower, c.ciUpper, c.tau2, c.I2]));
  const g = p.regression;
  if (!g) throw new Error("This analysis has no meta-regression (choose a numeric moderator).");
  return table(["study", "moderator", "yi", "vi"], g.points.map((q) => [q.study, q.x, q.yi, q.vi]));
}
