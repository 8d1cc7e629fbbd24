/**
 * The analysis's figures from its pipeline result: forest (with subgroups, the prediction
 * interval and RevMan's heterogeneity and overall-effect lines), leave-one-out, cumulative,
 * funnel and bubble plots, plus the numbers behind each as CSV. Pure; web, CLI and bench share it.
 */
import { formatHeterogeneity, formatOverallEffect, formatRevManP } from "@/lib/stats/revman-text";
import { pTwoSidedZ } from "@/lib/stats/distributions";
import { toCsv } from "@/lib/extraction/outcome-rows";
import { columnWidth, renderForest, type ForestRow } from "./forest-chart";
import { renderBubble, renderFunnel } from "./scatter-charts";
import type { PipelineResult, RobTable } from "./pipeline";
import { MEASURE_LABELS, RATIO_MEASURES, type AnalysisDefinition, type AnalysisMeasure } from "./schema";
import type { Sensitivity } from "./sensitivity";

export const FIGURES = ["forest", "leave1out", "cumulative", "funnel", "bubble"] as const;
export type FigureKind = (typeof FIGURES)[number];
export type Direction = "higher" | "lower";

const Z = 1.959963984540054;
const num = (x: number | undefined, d: number) => (x === undefined || !Number.isFinite(x) ? "" : x.toFixed(d));

function scale(def: AnalysisDefinition) {
  const log = RATIO_MEASURES.includes(def.measure as AnalysisMeasure);
  const show = (x: number) => (log ? Math.exp(x) : x);
  const ci = (e: number, lo: number, hi: number) => `${show(e).toFixed(2)} [${show(lo).toFixed(2)}, ${show(hi).toFixed(2)}]`;
  return { log, show, ci };
}

function favours(def: AnalysisDefinition, direction: Direction): [string, string] {
  // For the NMD a positive value is always benefit; otherwise the outcome's direction decides.
  const higherBetter = def.measure === "NMD" || direction === "higher";
  return higherBetter ? ["Favours [control]", "Favours [intervention]"] : ["Favours [intervention]", "Favours [control]"];
}

function studyCells(p: PipelineResult, i: number): string[] {
  const d = p.studies[i].data;
  if (d.kind === "continuous" || d.kind === "nmd") {
    const v = d.values;
    const digits = Math.max(...[v.m1i, v.m2i, v.sd1i, v.sd2i].map((x) => Math.min(3, (String(x).split(".")[1] ?? "").length)), 1);
    return [num(v.m1i, digits), num(v.sd1i, digits), String(v.n1i), num(v.m2i, digits), num(v.sd2i, digits), String(v.n2i)];
  }
  if (d.kind === "binary") return [String(d.values.ai), String(d.values.ai + d.values.bi), String(d.values.ci), String(d.values.ci + d.values.di)];
  return [num(d.values.yi, 2), num(Math.sqrt(d.values.vi), 4)];
}

function columns(p: PipelineResult) {
  const kind = p.studies[0].data.kind;
  if (kind === "continuous" || kind === "nmd") return ["Mean", "SD", "Total", "Mean", "SD", "Total"].map((title, i) => ({ title, group: i < 3 ? "Experimental" : "Control" }));
  if (kind === "binary") return ["Events", "Total", "Events", "Total"].map((title, i) => ({ title, group: i < 2 ? "Experimental" : "Control" }));
  return [{ title: "Effect", group: undefined }, { title: "SE", group: undefined }];
}

const i2FromQ = (Q: number, df: number) => (Q > 0 ? Math.max(0, ((Q - df) / Q) * 100) : 0);

const ROB_SYMBOL: Record<string, string> = { LOW: "+", YES: "+", HIGH: "−", NO: "−", UNCLEAR: "?", SOME_CONCERNS: "!" };

/** The main forest plot (RevMan 5 layout); subgroups as their own blocks with subtotals; optional risk-of-bias columns (+ low, − high, ? unclear, ! some concerns). */
export function forestSpec(p: PipelineResult, def: AnalysisDefinition, direction: Direction = "higher", rob?: RobTable) {
  const { log, ci } = scale(def);
  const r = p.result;
  const cols = columns(p);
  const robItems = rob && rob.size ? [...new Set([...rob.values()].flatMap((x) => Object.keys(x)))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })) : [];
  const robCells = (i: number) => robItems.map((item) => ROB_SYMBOL[rob!.get(p.baseStudy[i])?.[item] ?? ""] ?? "");
  const cells = p.studies.map((_, i) => studyCells(p, i));
  const weightCol = r.weights.map((w) => `${w.toFixed(1)}%`);
  const effectCol = r.studies.map((s) => (s.yi === null || s.vi === null ? "Not estimable" : ci(s.yi, s.yi - Z * Math.sqrt(s.vi), s.yi + Z * Math.sqrt(s.vi))));
  const total = (idx: number[]) => p.studies.reduce((acc, s, i) => {
    if (!idx.includes(i)) return acc;
    const d = s.data;
    return d.kind === "binary" ? [acc[0] + d.values.ai + d.values.bi, acc[1] + d.values.ci + d.values.di] : d.kind === "generic" ? acc : [acc[0] + d.values.n1i, acc[1] + d.values.n2i];
  }, [0, 0]);
  const blankCells = (idx: number[]) => {
    const [n1, n2] = total(idx);
    if (cols.length === 6) return ["", "", String(n1), "", "", String(n2)];
    if (cols.length === 4) return ["", String(n1), "", String(n2)];
    return ["", ""];
  };
  const studyRow = (i: number): ForestRow => {
    const s = r.studies[i];
    const ok = s.yi !== null && s.vi !== null;
    return { kind: "study", label: p.studies[i].study, cells: [...cells[i], weightCol[i] ?? "", effectCol[i], ...robCells(i)], weight: r.weights[i], estimate: ok ? s.yi! : NaN, lower: ok ? s.yi! - Z * Math.sqrt(s.vi!) : NaN, upper: ok ? s.yi! + Z * Math.sqrt(s.vi!) : NaN };
  };
  const rows: ForestRow[] = [];
  const all = p.studies.map((_, i) => i);
  if (r.subgroups) {
    for (const g of r.subgroups) {
      const idx = all.filter((i) => p.studies[i].subgroup === g.name);
      const w = idx.reduce((s, i) => s + (r.weights[i] ?? 0), 0);
      rows.push({ kind: "heading", label: `${p.subgroupField}: ${g.name}` }, ...idx.map(studyRow));
      rows.push({ kind: "diamond", label: "Subtotal (95% CI)", cells: [...blankCells(idx), `${w.toFixed(1)}%`, ci(g.estimate, g.ciLower, g.ciUpper)], estimate: g.estimate, lower: g.ciLower, upper: g.ciUpper, bold: true });
      rows.push({ kind: "text", label: `Heterogeneity: ${g.tau2 !== undefined ? `Tau² = ${g.tau2.toFixed(2)}; ` : ""}I² = ${Math.round(g.I2)}%` });
      const z = Math.abs(g.estimate / g.se);
      rows.push({ kind: "text", label: def.options.test === "knha" ? `Test for overall effect: estimate / SE = ${z.toFixed(2)}` : `Test for overall effect: Z = ${z.toFixed(2)} (P ${formatRevManP(pTwoSidedZ(z))})` });
    }
  } else rows.push(...all.map(studyRow));
  rows.push({ kind: "diamond", label: "Total (95% CI)", cells: [...blankCells(all), "100.0%", ci(r.estimate, r.ciLower, r.ciUpper)], estimate: r.estimate, lower: r.ciLower, upper: r.ciUpper, bold: true });
  if (def.options.prediction && r.predictionLower !== undefined) rows.push({ kind: "prediction", label: "Prediction interval", estimate: r.estimate, lower: r.predictionLower, upper: r.predictionUpper! });
  rows.push({ kind: "text", label: formatHeterogeneity({ tau2: r.tau2 ?? null, Q: r.Q, df: r.QDf, pValue: r.QPValue }) });
  rows.push({ kind: "text", label: formatOverallEffect({ statistic: r.statistic, pValue: r.pValue, test: def.options.test }) });
  if (r.subgroupTest) {
    const t = r.subgroupTest;
    const bonf = def.options.bonferroni ? `; Bonferroni-adjusted threshold P < ${(0.05 / def.options.bonferroni).toPrecision(2)} across ${def.options.bonferroni} stratifications` : "";
    rows.push({ kind: "text", label: `Test for subgroup differences: Chi² = ${t.Q.toFixed(2)}, df = ${t.df} (P ${formatRevManP(t.pValue)}), I² = ${i2FromQ(t.Q, t.df).toFixed(1)}%${bonf}` });
  }
  const effectTitle = [
    `${MEASURE_LABELS[def.measure as AnalysisMeasure]}${p.measure === "GEN" && def.measure !== "GEN" ? " (combined)" : ""}`,
    `${p.method === "MH" ? "M-H" : "IV"}, ${p.method === "FE" || p.method === "MH" ? "Fixed" : "Random"}${def.options.test === "knha" ? " (HK)" : ""}, 95% CI`,
  ];
  const allCols = [...cols, { title: "Weight", group: undefined }, { title: `${def.measure === "GEN" ? "Effect" : def.measure} [95% CI]`, group: undefined }, ...robItems.map((item) => ({ title: item, group: "Risk of bias" }))];
  const cellsByCol = allCols.map((_, c) => rows.flatMap((row) => ("cells" in row ? [row.cells[c] ?? ""] : [])));
  return {
    columns: allCols.map((c, i) => ({ ...c, width: columnWidth(c.title, cellsByCol[i]) })),
    rows, log, nullValue: 0, favours: favours(def, direction), effectTitle, title: `${def.name}: ${def.outcome}${def.timepoint ? ` (${def.timepoint})` : ""}`,
  };
}

function simpleForest(title: string, items: { label: string; estimate: number; ciLower: number; ciUpper: number; extra: string }[], def: AnalysisDefinition, direction: Direction, pooled: { estimate: number; ciLower: number; ciUpper: number }, extraTitle: string) {
  const { log, ci } = scale(def);
  const rows: ForestRow[] = items.map((it) => ({ kind: "study", label: it.label, cells: [it.extra, ci(it.estimate, it.ciLower, it.ciUpper)], estimate: it.estimate, lower: it.ciLower, upper: it.ciUpper }));
  rows.push({ kind: "diamond", label: "All studies", cells: ["", ci(pooled.estimate, pooled.ciLower, pooled.ciUpper)], estimate: pooled.estimate, lower: pooled.ciLower, upper: pooled.ciUpper, bold: true });
  const cols = [extraTitle, "Estimate [95% CI]"];
  return renderForest({ columns: cols.map((t, i) => ({ title: t, width: columnWidth(t, rows.flatMap((r) => ("cells" in r ? [r.cells[i]] : []))) })), rows, log, nullValue: 0, favours: favours(def, direction), effectTitle: ["95% CI"], title, labelTitle: title === "Leave-one-out" ? "Study omitted" : "Study added", fitAll: true });
}

export function renderAnalysisFigure(kind: FigureKind, p: PipelineResult, def: AnalysisDefinition, s: Sensitivity, direction: Direction = "higher", rob?: RobTable): string {
  const r = p.result;
  const { log } = scale(def);
  if (kind === "forest") return renderForest(forestSpec(p, def, direction, rob));
  if (kind === "leave1out") {
    return simpleForest("Leave-one-out", (r.leave1out ?? []).map((l) => ({ label: `Omitting ${l.omitted}`, estimate: l.estimate, ciLower: l.ciLower, ciUpper: l.ciUpper, extra: `${Math.round(l.I2)}%` })), def, direction, r, "I²");
  }
  if (kind === "cumulative") {
    return simpleForest("Cumulative meta-analysis by year", s.cumulative.map((c) => ({ label: `+ ${c.study}`, estimate: c.estimate, ciLower: c.ciLower, ciUpper: c.ciUpper, extra: c.year === null ? "—" : String(c.year) })), def, direction, r, "Year");
  }
  if (kind === "funnel") {
    const points = r.studies.filter((x) => x.yi !== null && x.vi !== null).map((x) => ({ yi: x.yi!, se: Math.sqrt(x.vi!) }));
    const filled: { yi: number; se: number; filled: boolean }[] = [];
    if (r.trimfill && r.trimfill.k0 > 0) {
      // The k0 most extreme studies on the trimmed side, mirrored about the filled estimate (Duval & Tweedie 2000).
      const sorted = [...points].sort((a, b) => (r.trimfill!.side === "left" ? b.yi - a.yi : a.yi - b.yi));
      for (const q of sorted.slice(0, r.trimfill.k0)) filled.push({ yi: 2 * r.trimfill.estimate - q.yi, se: q.se, filled: true });
    }
    return renderFunnel({ points: [...points, ...filled], estimate: r.estimate, log, contours: def.options.funnelContours, xLabel: `${MEASURE_LABELS[def.measure as AnalysisMeasure]}${log ? " (log scale)" : ""}` });
  }
  const g = p.regression;
  if (!g) throw new Error("This analysis has no meta-regression (choose a numeric moderator).");
  return renderBubble({
    points: g.points, band: g.band, xLabel: `${g.log10 ? "log10 " : ""}${g.field}`, yLabel: `${def.measure}${log ? " (log)" : ""}`,
    caption: `Slope ${g.fit.slope.toFixed(3)} [${g.slopeCi[0].toFixed(3)}, ${g.slopeCi[1].toFixed(3)}], P ${formatRevManP(g.fit.slopePValue)}; k = ${g.k}`,
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
