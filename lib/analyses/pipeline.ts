/**
 * The results pipeline, pure: consensus outcome rows (lib/extraction loadConsensusOutcomeRows)
 * → the analysis's selection (outcome, time point rule, exclusions, subgroup and moderator
 * fields) → prepareOutcomeRows → runMetaAnalysis, i.e. exactly what `sieve meta` runs on the
 * same CSV. The page, the CLI, the bundle and the bench all call {@link runAnalysisPipeline}.
 */
import { type CsvRow, type DroppedStudy, InputError, type MetaMeasure, type StudyInput } from "@/lib/stats/analysis-input";
import { computeEffect, type MetaAnalysisResult, type MetaMethod, runMetaAnalysis } from "@/lib/stats/analysis";
import { prepareOutcomeRows, type ConversionRecord, type SharedControlRecord } from "@/lib/stats/outcome-layout";
import { criticalValue } from "@/lib/stats/distributions";
import { fitRma, type RmaFit, type RmaMethod } from "@/lib/stats/random-effects";
import { ROB_FIELD_PREFIX, type AnalysisDefinition } from "./schema";

export type OutcomeTable = { header: string[]; rows: Record<string, string>[] };
/** Consensus risk-of-bias judgements: study label → item id → judgement (LOW, HIGH, UNCLEAR, YES, NO, SOME_CONCERNS). */
export type RobTable = Map<string, Record<string, string>>;

export type Regression = {
  field: string;
  log10: boolean;
  k: number;
  points: { study: string; x: number; yi: number; vi: number }[];
  fit: NonNullable<MetaAnalysisResult["moderator"]>;
  slopeCi: [number, number];
  /** The fitted line with its 95% confidence band, for the bubble plot. */
  band: { x: number; fit: number; lower: number; upper: number }[];
  /** Studies without a usable moderator value (left out of the regression only). */
  missing: string[];
};

export type PipelineResult = {
  /** The measure the studies were pooled on: GEN when each study's rows were combined first. */
  measure: MetaMeasure;
  method: MetaMethod;
  studies: StudyInput[];
  /** Base study (the `study` cell) of each used comparison, for risk of bias and years. */
  baseStudy: string[];
  result: MetaAnalysisResult;
  dropped: DroppedStudy[];
  conversions: ConversionRecord[];
  sharedControls: SharedControlRecord[];
  combined: { study: string; rows: number }[];
  regression?: Regression;
  subgroupField?: string;
};

/** SYRCLE and CAMARADES items are questions where "NO" means high risk (lib/rob). */
export const isHighRisk = (judgement: string | undefined) => judgement === "HIGH" || judgement === "NO";

const cell = (row: CsvRow, column: string) => (row[column] ?? "").trim();

/** Borenstein et al. 2009 (Introduction to Meta-Analysis, ch. 24, eq. 24.6): mean of m correlated effects. */
export function combineWithinStudy(effects: { yi: number; vi: number }[], r: number): { yi: number; vi: number } {
  const m = effects.length;
  const yi = effects.reduce((s, e) => s + e.yi, 0) / m;
  let v = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) v += i === j ? effects[i].vi : r * Math.sqrt(effects[i].vi * effects[j].vi);
  return { yi, vi: v / (m * m) };
}

function subgroupValue(row: CsvRow, field: string, rob: RobTable | undefined, threshold: number | undefined): string {
  if (field.startsWith(ROB_FIELD_PREFIX)) {
    const judgement = rob?.get(cell(row, "study"))?.[field.slice(ROB_FIELD_PREFIX.length)];
    return judgement ? judgement.toLowerCase().replace("_", " ") : "Not assessed";
  }
  const raw = cell(row, field);
  if (raw === "") return "Not reported";
  if (threshold === undefined) return raw;
  const x = Number(raw);
  if (!Number.isFinite(x)) return "Not numeric";
  return x >= threshold ? `≥ ${threshold}` : `< ${threshold}`;
}

function moderatorValue(row: CsvRow, field: string, log10: boolean): number | undefined {
  const raw = cell(row, field);
  const x = raw === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(x) || (log10 && !(x > 0))) return undefined;
  return log10 ? Math.log10(x) : x;
}

function requireField(header: readonly string[], field: string | undefined, what: string) {
  if (field && !field.startsWith(ROB_FIELD_PREFIX) && !header.includes(field)) {
    throw new InputError(`The ${what} field "${field}" is not a column of the consensus data (characteristics: ${header.slice(header.indexOf("sei") + 1).join(", ") || "none"}).`);
  }
}

/** Runs one analysis on the consensus rows; bad data or too few studies throw InputError with the reason. */
export function runAnalysisPipeline(table: OutcomeTable, def: AnalysisDefinition, rob?: RobTable): PipelineResult {
  const o = def.options;
  requireField(table.header, o.subgroup, "subgroup");
  requireField(table.header, o.moderator, "moderator");
  const combine = o.timepointRule === "combine";
  // Combining within study reads every time point: each (experiment, time point) is kept apart so
  // that rows at different times are never mistaken for comparisons sharing one control group.
  // (The chosen time point is ignored then: combining means every time point of the outcome.)
  const selection: CsvRow[] = combine
    ? table.rows.map((r) => ({ ...r, experiment: `${cell(r, "experiment")} @ ${cell(r, "timepoint")}`, timepoint: "" }))
    : table.rows;
  const prepared = prepareOutcomeRows(table.header, selection, {
    measure: def.measure as MetaMeasure,
    outcome: def.outcome,
    timepoint: combine ? undefined : def.timepoint || undefined,
    direction: o.direction,
  });
  const rowOf = (s: StudyInput) => selection[s.row - 2];
  const excluded = new Map(o.exclusions.map((e) => [e.study, e.reason]));
  const dropped = [...prepared.dropped];
  let studies: StudyInput[] = [];
  for (const s of prepared.studies) {
    const reason = excluded.get(s.study) ?? excluded.get(cell(rowOf(s), "study"));
    if (reason !== undefined) dropped.push({ study: s.study, row: s.row, reason: `excluded by the reviewers: ${reason}` });
    else studies.push(s);
  }

  let measure = def.measure as MetaMeasure;
  const combined: PipelineResult["combined"] = [];
  if (combine) {
    const groups = new Map<string, StudyInput[]>();
    for (const s of studies) groups.set(cell(rowOf(s), "study"), [...(groups.get(cell(rowOf(s), "study")) ?? []), s]);
    studies = [...groups.entries()].map(([study, list]) => {
      if (list.length > 1) combined.push({ study, rows: list.length });
      const values = combineWithinStudy(list.map((s) => computeEffect(def.measure as MetaMeasure, s, o.smdVariant)), o.withinR);
      return { study, row: list[0].row, data: { kind: "generic", values } };
    });
    measure = "GEN";
  }
  if (studies.length < 2) throw new InputError(`At least 2 usable studies are needed; ${studies.length} left after the exclusions.`);

  const baseStudy = studies.map((s) => cell(rowOf(s), "study"));
  if (o.subgroup) for (const s of studies) s.subgroup = subgroupValue(rowOf(s), o.subgroup, rob, o.subgroupThreshold);
  const moderatorOf = o.moderator ? studies.map((s) => moderatorValue(rowOf(s), o.moderator!, o.moderatorLog10)) : [];
  const allModerated = o.moderator !== undefined && moderatorOf.every((x) => x !== undefined);
  if (allModerated) studies.forEach((s, i) => (s.moderator = moderatorOf[i]));

  const method = def.method as MetaMethod;
  const k = studies.length;
  const result = runMetaAnalysis(studies, {
    measure, method, test: o.test, smdVariant: o.smdVariant,
    subgroup: o.subgroup !== undefined, moderator: allModerated && k >= 3,
    egger: k >= 3, begg: k >= 3, trimfill: method !== "MH" && k >= 3, leave1out: k >= 3,
  }, dropped);

  let regression: Regression | undefined;
  if (o.moderator) {
    const usable = studies.map((s, i) => ({ s, x: moderatorOf[i] })).filter((u): u is { s: StudyInput; x: number } => u.x !== undefined);
    const missing = studies.filter((_, i) => moderatorOf[i] === undefined).map((s) => s.study);
    const fit = allModerated ? result.moderator : usable.length >= 3
      ? runMetaAnalysis(usable.map((u) => ({ ...u.s, moderator: u.x })), { measure, method, test: o.test, smdVariant: o.smdVariant, moderator: true }).moderator
      : undefined;
    if (fit) {
      const effects = usable.map((u) => computeEffect(measure, u.s, o.smdVariant));
      const xs = usable.map((u) => u.x);
      const full = fitRma(effects.map((e) => e.yi), effects.map((e) => e.vi), { method: method as RmaMethod, test: o.test, mods: [xs] });
      regression = {
        field: o.moderator, log10: o.moderatorLog10, k: usable.length, fit, missing, slopeCi: [full.ciLower[1], full.ciUpper[1]],
        band: regressionBand(full, Math.min(...xs), Math.max(...xs)),
        points: usable.map((u, i) => ({ study: u.s.study, x: u.x, ...effects[i] })),
      };
    }
  }
  return {
    measure, method, studies, baseStudy, result, dropped: result.dropped,
    conversions: prepared.conversions, sharedControls: prepared.sharedControls, combined, regression, subgroupField: o.subgroup,
  };
}

/** ŷ(x) = b₀ + b₁x with CI ŷ ± c·√(x'Vx) (metafor predict.rma with newmods), at 41 points. */
function regressionBand(fit: RmaFit, lo: number, hi: number) {
  const crit = criticalValue(0.05, fit.ddf);
  const V = fit.vb;
  return Array.from({ length: 41 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / 40;
    const y = fit.beta[0] + fit.beta[1] * x;
    const se = Math.sqrt(V[0][0] + 2 * x * V[0][1] + x * x * V[1][1]);
    return { x, fit: y, lower: y - crit * se, upper: y + crit * se };
  });
}

/** The distinct outcomes and time points in the consensus rows (for the definition form). */
export function outcomeChoices(table: OutcomeTable): { outcome: string; timepoints: string[] }[] {
  const map = new Map<string, Set<string>>();
  for (const r of table.rows) {
    const outcome = cell(r, "outcome");
    if (!outcome) continue;
    if (!map.has(outcome)) map.set(outcome, new Set());
    const tp = cell(r, "timepoint");
    if (tp) map.get(outcome)!.add(tp);
  }
  return [...map.entries()].map(([outcome, tps]) => ({ outcome, timepoints: [...tps].sort() }));
}

/** Columns usable as subgroup or moderator: the characteristics after the layout's own columns. */
export function characteristicFields(table: OutcomeTable): string[] {
  const start = table.header.indexOf("sei");
  return start < 0 ? [] : table.header.slice(start + 1);
}
