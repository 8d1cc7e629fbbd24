/**
 * The outcome-data CSV layout (issue 10 point 5) → one extraction per study: experiments,
 * groups (1 = treatment, 2 = control, 3 = sham), comparisons (rows of one experiment naming
 * the same group2 share it; `shared_control` split|combine), arms as reported, effects (yi with
 * sei or vi), and any other column as a characteristic. Problems name the spreadsheet row.
 */
import { LAYOUT_KEYS, armColumns } from "./outcome-rows";
import type { Answers, ArmData, FormField, OutcomeData } from "./schema";

export type ImportedStudy = { label: string; firstRow: number; values: Answers; outcomeData: OutcomeData; armRows: number[]; effectRows: number[] };
export type ImportedOutcome = { name: string; type: "CONTINUOUS" | "BINARY" | "GENERIC" };
export class CsvImportError extends Error {}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const STAT_KEYS: (keyof ArmData)[] = ["mean", "sd", "se", "ciLower", "ciUpper", "median", "q1", "q3", "min", "max", "n"];
const line = (index: number) => index + 2;

function number(row: Record<string, string | undefined>, column: string, index: number): number | undefined {
  const text = (row[column] ?? "").trim();
  if (text === "" || /^(na|nr|n\/a)$/i.test(text)) return undefined;
  if (!NUMBER.test(text)) throw new CsvImportError(`Row ${line(index)}: “${text}” in column ${column} is not a number.`);
  return Number(text);
}

function armFrom(row: Record<string, string | undefined>, arm: 1 | 2 | 3, index: number): ArmData | null {
  const data: ArmData = { unit: "" };
  armColumns(arm).forEach((column, i) => {
    const v = number(row, column, index);
    if (v !== undefined) (data as Record<string, number | string>)[STAT_KEYS[i]] = v;
  });
  if (arm !== 3) {
    const events = number(row, arm === 1 ? "ai" : "ci", index);
    const nonEvents = number(row, arm === 1 ? "bi" : "di", index);
    if (events !== undefined) data.events = events;
    if (events !== undefined && nonEvents !== undefined) {
      const total = events + nonEvents;
      if (data.n !== undefined && data.n !== total) throw new CsvImportError(`Row ${line(index)}: arm ${arm} has n${arm}i = ${data.n} but events + non-events = ${total}.`);
      data.n = total;
    }
  }
  return Object.keys(data).length > 1 ? data : null;
}

const slugId = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "") || "field";

/** Spreadsheets write "rat" for the form's "Rat": take the option as the form spells it. */
const canonicalOption = (field: FormField, text: string) => field.options.find((o) => o.toLowerCase() === text.toLowerCase()) ?? text;

/** Column → answer of the form's field with that id (typed by the field), or a text answer. */
function answerFor(column: string, text: string, fields: Map<string, FormField>): [string, Answers[string]] {
  const id = fields.has(column) ? column : fields.has(column.replace(/^char_/, "")) ? column.replace(/^char_/, "") : slugId(column);
  const field = fields.get(id);
  let value: Answers[string]["value"] = text;
  if (field?.type === "INTEGER" || field?.type === "NUMBER") value = NUMBER.test(text) ? Number(text) : text;
  else if (field?.type === "YES_NO") value = /^(yes|true|y)$/i.test(text) ? true : /^(no|false|n)$/i.test(text) ? false : text;
  else if (field?.type === "MULTIPLE_CHOICE") value = text.split(";").map((s) => canonicalOption(field, s.trim())).filter(Boolean);
  else if (field?.type === "SINGLE_CHOICE") value = canonicalOption(field, text);
  return [id, { value, locator: "" }];
}

export function outcomeTypeOf(columns: readonly string[], row: Record<string, string | undefined>): ImportedOutcome["type"] {
  const filled = (c: string) => columns.includes(c) && (row[c] ?? "").trim() !== "";
  if (filled("ai") || filled("ci")) return "BINARY";
  if (filled("yi")) return "GENERIC";
  return "CONTINUOUS";
}

export function parseOutcomeCsv(header: readonly string[], rows: readonly Record<string, string | undefined>[], formFields: FormField[]): { studies: ImportedStudy[]; outcomes: ImportedOutcome[] } {
  for (const required of ["study", "outcome"]) if (!header.includes(required)) throw new CsvImportError(`The CSV needs a “${required}” column (columns found: ${header.join(", ") || "none"}).`);
  const known = new Set([...LAYOUT_KEYS, "reviewer", "group3", ...armColumns(1), ...armColumns(2), ...armColumns(3), "ai", "bi", "ci", "di", "yi", "vi", "sei"]);
  const extra = header.filter((h) => !known.has(h));
  const fields = new Map(formFields.map((f) => [f.id, f]));
  const studies = new Map<string, ImportedStudy>();
  const outcomes = new Map<string, ImportedOutcome>();
  rows.forEach((row, index) => {
    const label = (row.study ?? "").trim();
    const outcome = (row.outcome ?? "").trim();
    if (!label) throw new CsvImportError(`Row ${line(index)}: the study label is empty.`);
    if (!outcome) throw new CsvImportError(`Row ${line(index)}: the outcome is empty.`);
    if (!outcomes.has(outcome)) outcomes.set(outcome, { name: outcome, type: outcomeTypeOf(header, row) });
    const key = label.toLowerCase();
    const study = studies.get(key) ?? { label, firstRow: line(index), values: {}, outcomeData: { experiments: [], arms: [], effects: [] }, armRows: [], effectRows: [] };
    studies.set(key, study);
    for (const column of extra) {
      const text = (row[column] ?? "").trim();
      if (!text) continue;
      const [id, answer] = answerFor(column, text, fields);
      if (!study.values[id]) study.values[id] = answer;
    }
    const data = study.outcomeData;
    const experimentLabel = (row.experiment ?? "").trim() || "Experiment 1";
    let experiment = data.experiments.find((x) => x.label.toLowerCase() === experimentLabel.toLowerCase());
    if (!experiment) {
      experiment = { id: `x${data.experiments.length + 1}`, label: experimentLabel, groups: [], comparisons: [] };
      data.experiments.push(experiment);
    }
    const x = experiment;
    const group = (name: string, role: "control" | "sham" | "treatment") => {
      let g = x.groups.find((existing) => existing.name.toLowerCase() === name.toLowerCase());
      if (!g) {
        g = { id: `${x.id}g${x.groups.length + 1}`, name, model: "", treatment: "", isControl: role === "control", isSham: role === "sham", descriptors: {} };
        x.groups.push(g);
      } else if (role === "control") g.isControl = true;
      return g;
    };
    const comparisonLabel = (row.comparison ?? "").trim();
    const g1 = group((row.group1 ?? "").trim() || (comparisonLabel ? `${comparisonLabel}: treatment` : "Treatment"), "treatment");
    const g2 = group((row.group2 ?? "").trim() || (comparisonLabel ? `${comparisonLabel}: control` : "Control"), "control");
    const shared = (row.shared_control ?? "").trim().toLowerCase();
    if (shared && shared !== "split" && shared !== "combine") throw new CsvImportError(`Row ${line(index)}: shared_control must be split, combine or empty (got “${row.shared_control}”).`);
    const label2 = comparisonLabel || `${g1.name} vs ${g2.name}`;
    let comparison = x.comparisons.find((c) => c.label.toLowerCase() === label2.toLowerCase());
    if (!comparison) {
      comparison = { id: `${x.id}c${x.comparisons.length + 1}`, label: label2, treatmentGroupIds: [], controlGroupId: g2.id, sharedControl: shared === "split" ? "SPLIT" : shared === "combine" ? "COMBINE" : "NONE" };
      x.comparisons.push(comparison);
    }
    if (comparison.controlGroupId !== g2.id) throw new CsvImportError(`Row ${line(index)}: comparison “${label2}” already has another control group.`);
    if (!comparison.treatmentGroupIds.includes(g1.id)) comparison.treatmentGroupIds.push(g1.id);
    const timepoint = (row.timepoint ?? "").trim();
    const arms: [typeof g1, ArmData | null][] = [[g1, armFrom(row, 1, index)], [g2, armFrom(row, 2, index)]];
    const shamData = armFrom(row, 3, index);
    if (shamData) arms.push([group((row.group3 ?? "").trim() || "Sham", "sham"), shamData]);
    for (const [g, armData] of arms) {
      if (!armData) continue;
      const existing = data.arms.findIndex((a) => a.experimentId === x.id && a.groupId === g.id && a.outcome === outcome && a.timepoint === timepoint);
      if (existing >= 0) {
        // A shared control repeats on each of its rows: the same numbers are fine, different ones are not.
        if (JSON.stringify(data.arms[existing].data) !== JSON.stringify(armData))
          throw new CsvImportError(`Row ${line(index)}: group “${g.name}” of study “${label}” has different numbers for ${outcome}${timepoint ? ` at ${timepoint}` : ""} than row ${study.armRows[existing]}.`);
        continue;
      }
      if (g.n === undefined && armData.n !== undefined && Number.isInteger(armData.n) && armData.n >= 1) g.n = armData.n;
      data.arms.push({ experimentId: x.id, groupId: g.id, outcome, timepoint, data: armData, locator: "" });
      study.armRows.push(line(index));
    }
    const yi = number(row, "yi", index);
    if (yi !== undefined) {
      const sei = number(row, "sei", index);
      const vi = number(row, "vi", index);
      const se = sei ?? (vi !== undefined ? Math.sqrt(vi) : undefined);
      if (se === undefined) throw new CsvImportError(`Row ${line(index)}: yi needs vi or sei.`);
      data.effects.push({ experimentId: x.id, comparisonId: comparison.id, outcome, timepoint, measure: "", yi, se, locator: "" });
      study.effectRows.push(line(index));
    }
  });
  return { studies: [...studies.values()], outcomes: [...outcomes.values()] };
}

/** Turns an entry's field-error key back into the CSV row it came from. */
export function rowOfError(study: ImportedStudy, key: string): string {
  const arm = /^outcomeData\.arms\.(\d+)\.?(\w*)/.exec(key);
  if (arm) return `row ${study.armRows[Number(arm[1])] ?? study.firstRow}${arm[2] ? ` (${arm[2]})` : ""}`;
  const effect = /^outcomeData\.effects\.(\d+)/.exec(key);
  if (effect) return `row ${study.effectRows[Number(effect[1])] ?? study.firstRow}`;
  return `study “${study.label}” (first row ${study.firstRow}), ${key.replace(/^values\./, "column ")}`;
}
