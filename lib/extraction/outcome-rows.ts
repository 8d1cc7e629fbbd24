/**
 * Extractions → the one outcome-data CSV layout of issue 10 point 5, which import, export and
 * analysis share: `study, [reviewer], experiment, comparison, group1, group2, shared_control,
 * outcome, timepoint`, per arm (1 = treatment, 2 = control, 3 = sham) `m·i sd·i se·i ci·lb ci·ub
 * median·i lq·i uq·i min·i max·i n·i`, events `ai ci`, effects `yi sei`, then the characteristics.
 * Every cell is a string; empty means not reported. A comparison of a shared control (Handbook
 * 23.3.4) gives one row per treatment group, all naming the same group2 with its
 * shared_control, so lib/stats/outcome-layout splits or combines them. Numbers are written as
 * reported (converted to the outcome's own unit where it defines the reported one); the SD
 * conversions happen in the analysis, where they are listed.
 * Also the tidy long layout: one row per group × outcome × time point, as SyRF exports.
 */
import { convertArm, convertArmUnit } from "@/lib/stats/arm-conversion";
import type { Answers, ArmData, ArmResult, Experiment, FormField, OutcomeData } from "./schema";

export type OutcomeDef = { name: string; unit: string; type: string; units: { unit: string; factor: number }[] };
export type StudyExtraction = { label: string; reviewer?: string; values: Answers; outcomeData: OutcomeData };
export type CsvTable = { header: string[]; rows: Record<string, string>[] };

const ARM_COLUMNS = [
  ["mean", "m#i"],
  ["sd", "sd#i"],
  ["se", "se#i"],
  ["ciLower", "ci#lb"],
  ["ciUpper", "ci#ub"],
  ["median", "median#i"],
  ["q1", "lq#i"],
  ["q3", "uq#i"],
  ["min", "min#i"],
  ["max", "max#i"],
  ["n", "n#i"],
] as const;
export const armColumns = (arm: 1 | 2 | 3) => ARM_COLUMNS.map(([, c]) => c.replace("#", String(arm)));
export const LAYOUT_KEYS = ["study", "experiment", "comparison", "group1", "group2", "shared_control", "outcome", "timepoint"];
const TAIL = ["ai", "ci", "yi", "sei"];
const Z975 = 1.959963984540054;

const str = (v: number | undefined) => (v === undefined ? "" : String(v));

export function answerText(value: Answers[string]["value"] | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.join("; ");
  return String(value);
}

/** Characteristic columns: the form's field ids (prefixed where one would clash with the layout). */
export function characteristicColumns(fields: FormField[]): { id: string; column: string }[] {
  const reserved = new Set([...LAYOUT_KEYS, "reviewer", ...armColumns(1), ...armColumns(2), ...armColumns(3), ...TAIL]);
  return fields.filter((f) => f.type !== "OUTCOME_DATA").map((f) => ({ id: f.id, column: reserved.has(f.id) ? `char_${f.id}` : f.id }));
}

/** The arm in the outcome's own unit when it was reported in another unit the outcome defines. */
function inOutcomeUnit(data: ArmData, outcome: OutcomeDef | undefined): ArmData {
  if (!outcome || !data.unit || data.unit === outcome.unit) return data;
  try {
    return { ...data, ...convertArmUnit(data, data.unit, outcome.unit, outcome.units), unit: outcome.unit };
  } catch {
    return data; // an undefined unit stays as reported; validation of the outcome's units is the form's job
  }
}

function armCells(arm: 1 | 2 | 3, data: ArmData | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, template] of ARM_COLUMNS) out[template.replace("#", String(arm))] = str(data?.[key]);
  return out;
}

type Keyed = Map<string, ArmResult>;
const armKey = (groupId: string, outcome: string, timepoint: string) => JSON.stringify([groupId, outcome, timepoint]);

function experimentRows(study: StudyExtraction, x: Experiment, outcomes: Map<string, OutcomeDef>, withSham: boolean): Record<string, string>[] {
  const arms: Keyed = new Map(study.outcomeData.arms.filter((a) => a.experimentId === x.id).map((a) => [armKey(a.groupId, a.outcome, a.timepoint), a]));
  const effects = study.outcomeData.effects.filter((e) => e.experimentId === x.id);
  const name = new Map(x.groups.map((g) => [g.id, g.name]));
  const sham = x.groups.find((g) => g.isSham);
  const rows: Record<string, string>[] = [];
  for (const comparison of x.comparisons) {
    const members = [...comparison.treatmentGroupIds, comparison.controlGroupId];
    const pairs = new Map<string, [string, string]>();
    for (const a of arms.values()) if (members.includes(a.groupId)) pairs.set(JSON.stringify([a.outcome, a.timepoint]), [a.outcome, a.timepoint]);
    for (const e of effects) if (e.comparisonId === comparison.id) pairs.set(JSON.stringify([e.outcome, e.timepoint]), [e.outcome, e.timepoint]);
    for (const [outcome, timepoint] of pairs.values()) {
      const def = outcomes.get(outcome);
      const control = arms.get(armKey(comparison.controlGroupId, outcome, timepoint));
      const shamArm = sham && !members.includes(sham.id) ? arms.get(armKey(sham.id, outcome, timepoint)) : undefined;
      const effect = effects.find((e) => e.comparisonId === comparison.id && e.outcome === outcome && e.timepoint === timepoint);
      comparison.treatmentGroupIds.forEach((groupId, i) => {
        const treatment = arms.get(armKey(groupId, outcome, timepoint));
        const t = treatment && inOutcomeUnit(treatment.data, def);
        const c = control && inOutcomeUnit(control.data, def);
        const withEffect = i === 0 && effect;
        rows.push({
          experiment: x.label,
          comparison: comparison.label,
          group1: name.get(groupId) ?? "",
          group2: name.get(comparison.controlGroupId) ?? "",
          shared_control: comparison.sharedControl === "NONE" ? "" : comparison.sharedControl.toLowerCase(),
          outcome,
          timepoint,
          ...armCells(1, def?.type === "BINARY" ? { unit: "", n: t?.n } : t),
          ...armCells(2, def?.type === "BINARY" ? { unit: "", n: c?.n } : c),
          ...(withSham ? armCells(3, shamArm && def?.type !== "BINARY" ? inOutcomeUnit(shamArm.data, def) : undefined) : {}),
          ai: str(t?.events),
          ci: str(c?.events),
          yi: withEffect ? str(effect.yi) : "",
          sei: withEffect ? str(effect.se ?? (effect.ciLower !== undefined && effect.ciUpper !== undefined ? (effect.ciUpper - effect.ciLower) / (2 * Z975) : undefined)) : "",
        });
      });
    }
  }
  return rows;
}

/**
 * The outcome layout of several studies' extractions (the consensus, or with `reviewer` set on
 * each, the raw dual extractions). Characteristics come from the form's fields, in form order.
 */
export function outcomeRows(studies: StudyExtraction[], outcomeList: OutcomeDef[], fields: FormField[]): CsvTable {
  const outcomes = new Map(outcomeList.map((o) => [o.name, o]));
  const raw = studies.some((s) => s.reviewer !== undefined);
  const withSham = studies.some((s) => s.outcomeData.experiments.some((x) => x.groups.some((g) => g.isSham)));
  const characteristics = characteristicColumns(fields);
  const header = [
    "study",
    ...(raw ? ["reviewer"] : []),
    ...LAYOUT_KEYS.slice(1),
    ...armColumns(1),
    ...armColumns(2),
    ...(withSham ? armColumns(3) : []),
    ...TAIL,
    ...characteristics.map((c) => c.column),
  ];
  const rows: Record<string, string>[] = [];
  for (const study of studies) {
    const fixed = {
      study: study.label,
      ...(raw ? { reviewer: study.reviewer ?? "" } : {}),
      ...Object.fromEntries(characteristics.map((c) => [c.column, answerText(study.values[c.id]?.value)])),
    };
    for (const x of study.outcomeData.experiments) for (const row of experimentRows(study, x, outcomes, withSham)) rows.push({ ...fixed, ...row });
  }
  return { header, rows };
}

/** The consensus entries in the outcome layout: what `sieve meta` and the results page analyse. */
export const consensusOutcomeRows = (studies: StudyExtraction[], outcomes: OutcomeDef[], fields: FormField[]) =>
  outcomeRows(studies.map(({ reviewer: _reviewer, ...s }) => s), outcomes, fields);

/** Raw dual extractions: the same layout with a `reviewer` column. */
export const rawOutcomeRows = (entries: (StudyExtraction & { reviewer: string })[], outcomes: OutcomeDef[], fields: FormField[]) => outcomeRows(entries, outcomes, fields);

const LONG_HEADER = [
  "study", "reviewer", "experiment", "group", "control", "sham", "model", "treatment", "group_n", "descriptors",
  "outcome", "outcome_unit", "timepoint", "n", "mean", "sd", "se", "ci_lower", "ci_upper", "median", "q1", "q3", "min", "max", "events",
  "reported_unit", "locator", "converted_mean", "converted_sd", "conversion", "not_converted_because",
];

/** Tidy long: one row per group × outcome × time point with the conversion lib/stats makes of it. */
export function longRows(studies: StudyExtraction[], outcomeList: OutcomeDef[], fields: FormField[]): CsvTable {
  const outcomes = new Map(outcomeList.map((o) => [o.name, o]));
  const characteristics = characteristicColumns(fields);
  const rows: Record<string, string>[] = [];
  for (const study of studies) {
    const fixed = Object.fromEntries(characteristics.map((c) => [c.column, answerText(study.values[c.id]?.value)]));
    for (const x of study.outcomeData.experiments) {
      for (const arm of study.outcomeData.arms.filter((a) => a.experimentId === x.id)) {
        const group = x.groups.find((g) => g.id === arm.groupId);
        const def = outcomes.get(arm.outcome);
        const d = arm.data;
        const converted = def?.type === "BINARY" || d.events !== undefined ? null : convertArm(inOutcomeUnit(d, def));
        rows.push({
          study: study.label, reviewer: study.reviewer ?? "", experiment: x.label, group: group?.name ?? "",
          control: group?.isControl ? "yes" : "no", sham: group?.isSham ? "yes" : "no", model: group?.model ?? "", treatment: group?.treatment ?? "",
          group_n: str(group?.n), descriptors: Object.entries(group?.descriptors ?? {}).map(([k, v]) => `${k}=${v}`).join("; "),
          outcome: arm.outcome, outcome_unit: def?.unit ?? "", timepoint: arm.timepoint,
          n: str(d.n), mean: str(d.mean), sd: str(d.sd), se: str(d.se), ci_lower: str(d.ciLower), ci_upper: str(d.ciUpper), median: str(d.median),
          q1: str(d.q1), q3: str(d.q3), min: str(d.min), max: str(d.max), events: str(d.events), reported_unit: d.unit, locator: arm.locator,
          converted_mean: converted?.ok ? String(converted.mean) : "", converted_sd: converted?.ok ? String(converted.sd) : "",
          conversion: converted?.ok ? converted.method : "", not_converted_because: converted && !converted.ok ? converted.reason : "",
          ...fixed,
        });
      }
    }
  }
  return { header: [...LONG_HEADER, ...characteristics.map((c) => c.column)], rows };
}

/** RFC 4180 CSV (quotes where needed, CRLF-free: one \n per row). */
export function toCsv(table: CsvTable): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [table.header.map(cell).join(","), ...table.rows.map((r) => table.header.map((h) => cell(r[h] ?? "")).join(","))].join("\n") + "\n";
}
