/**
 * An extraction as a flat list of cells, so two extractions can be compared field by field and
 * a consensus assembled from them. Extractors build their own experiments and groups, with their
 * own ids, so cells are matched by the labels people see (experiment label, group name, outcome,
 * time point), case- and space-insensitively. `toEntry` rebuilds answers and outcome data from cells.
 */
import type { Answers, ArmData, Comparison, EffectResult, Experiment, Group, OutcomeData } from "./schema";

export type CellValue = string | number | boolean | string[] | null;
export type CellKind = "text" | "number" | "boolean" | "list" | "locator";
/** `path` keeps the labels as typed (for display and rebuilding); `key` is its normalised form. */
export type Cell = { key: string; path: string[]; kind: CellKind; value: CellValue };

export const ARM_STATS = ["n", "mean", "sd", "se", "ciLower", "ciUpper", "median", "q1", "q3", "min", "max", "events"] as const;
const EFFECT_STATS = ["yi", "se", "ciLower", "ciUpper"] as const;
const GROUP_PROPS = ["model", "treatment", "isControl", "isSham", "n"] as const;

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
export const cellKey = (path: string[]) => JSON.stringify(path.map((p, i) => (i === 0 ? p : norm(p))));

function kindOf(value: CellValue): CellKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "list";
  return "text";
}

/** Flattens one entry. Empty values produce no cell (an absent cell means "not reported"). */
export function toCells(values: Answers, data: OutcomeData): Cell[] {
  const cells: Cell[] = [];
  const add = (path: string[], value: CellValue | undefined, kind?: CellKind) => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    cells.push({ key: cellKey(path), path, kind: kind ?? kindOf(value), value });
  };
  for (const [fieldId, answer] of Object.entries(values)) {
    add(["v", fieldId], answer.value);
    add(["vl", fieldId], answer.locator, "locator");
  }
  for (const x of data.experiments) {
    const groupName = new Map(x.groups.map((g) => [g.id, g.name]));
    add(["x", x.label, "totalN"], x.totalN);
    for (const g of x.groups) {
      add(["g", x.label, g.name, "present"], true);
      for (const prop of GROUP_PROPS) add(["g", x.label, g.name, prop], prop === "isControl" || prop === "isSham" ? (g[prop] ? true : undefined) : g[prop]);
      for (const [name, value] of Object.entries(g.descriptors)) add(["g", x.label, g.name, `d:${name}`], value);
    }
    for (const c of x.comparisons) {
      add(["c", x.label, c.label, "treatments"], c.treatmentGroupIds.map((id) => groupName.get(id) ?? id).sort());
      add(["c", x.label, c.label, "control"], groupName.get(c.controlGroupId) ?? c.controlGroupId);
      add(["c", x.label, c.label, "sharedControl"], c.sharedControl);
    }
    for (const a of data.arms.filter((arm) => arm.experimentId === x.id)) {
      const base = [x.label, groupName.get(a.groupId) ?? a.groupId, a.outcome, a.timepoint];
      for (const stat of ARM_STATS) add(["a", ...base, stat], a.data[stat]);
      add(["a", ...base, "unit"], a.data.unit);
      add(["al", ...base], a.locator, "locator");
    }
    const comparisonLabel = new Map(x.comparisons.map((c) => [c.id, c.label]));
    for (const e of data.effects.filter((eff) => eff.experimentId === x.id)) {
      const base = [x.label, comparisonLabel.get(e.comparisonId) ?? e.comparisonId, e.outcome, e.timepoint];
      for (const stat of EFFECT_STATS) add(["e", ...base, stat], e[stat]);
      add(["e", ...base, "measure"], e.measure);
      add(["el", ...base], e.locator, "locator");
    }
  }
  return cells;
}

/** A person-readable name of a cell: "Species", "Exp 1 › OVX+EV › BMD @ 8 w › SD". */
export function cellLabel(path: string[], fieldLabels: Record<string, string> = {}): string {
  const [kind, ...rest] = path;
  const at = (outcome: string, tp: string) => (tp ? `${outcome} @ ${tp}` : outcome);
  switch (kind) {
    case "v":
      return fieldLabels[rest[0]] ?? rest[0];
    case "vl":
      return `${fieldLabels[rest[0]] ?? rest[0]} (where found)`;
    case "x":
      return `${rest[0]} › stated total n`;
    case "g":
      return `${rest[0]} › ${rest[1]} › ${rest[2] === "present" ? "group" : rest[2].replace(/^d:/, "")}`;
    case "c":
      return `${rest[0]} › ${rest[1]} › ${rest[2]}`;
    case "a":
    case "e":
      return `${rest[0]} › ${rest[1]} › ${at(rest[2], rest[3])} › ${rest[4]}`;
    case "al":
    case "el":
      return `${rest[0]} › ${rest[1]} › ${at(rest[2], rest[3])} (where found)`;
    default:
      return path.join(" › ");
  }
}

/** The "field" a cell belongs to, for agreement per field: a form field, or an outcome-data statistic. */
export function cellField(path: string[], fieldLabels: Record<string, string> = {}): string {
  const [kind, ...rest] = path;
  if (kind === "v") return fieldLabels[rest[0]] ?? rest[0];
  if (kind === "a") return `${rest[2]} › ${rest[4]}`;
  if (kind === "e") return `${rest[2]} › effect ${rest[4]}`;
  if (kind === "g") return `group ${rest[2].replace(/^d:/, "")}`;
  if (kind === "c") return `comparison ${rest[2]}`;
  if (kind === "x") return "stated total n";
  return "where found";
}

type Built = { experiment: Experiment; groups: Map<string, Group>; comparisons: Map<string, Comparison & { treatmentNames: string[]; controlName: string }> };

/** Rebuilds answers and outcome data from cells (ids are assigned in order of appearance). */
export function toEntry(cells: Cell[]): { values: Answers; outcomeData: OutcomeData } {
  const values: Answers = {};
  const experiments = new Map<string, Built>();
  const experimentOf = (label: string): Built => {
    const k = norm(label);
    let built = experiments.get(k);
    if (!built) {
      built = { experiment: { id: `x${experiments.size + 1}`, label, groups: [], comparisons: [] }, groups: new Map(), comparisons: new Map() };
      experiments.set(k, built);
    }
    return built;
  };
  const groupOf = (x: Built, name: string): Group => {
    const k = norm(name);
    let group = x.groups.get(k);
    if (!group) {
      group = { id: `${x.experiment.id}g${x.groups.size + 1}`, name, model: "", treatment: "", isControl: false, isSham: false, descriptors: {} };
      x.groups.set(k, group);
      x.experiment.groups.push(group);
    }
    return group;
  };
  const arms = new Map<string, { experiment: Built; group: string; outcome: string; timepoint: string; data: ArmData; locator: string }>();
  const effects = new Map<string, { experiment: Built; comparison: string; outcome: string; timepoint: string; effect: Partial<EffectResult> }>();
  for (const cell of cells) {
    const [kind, ...p] = cell.path;
    const v = cell.value;
    if (kind === "v") (values[p[0]] ??= { value: null, locator: "" }).value = v;
    else if (kind === "vl") (values[p[0]] ??= { value: null, locator: "" }).locator = String(v ?? "");
    else if (kind === "x" && typeof v === "number") experimentOf(p[0]).experiment.totalN = v;
    else if (kind === "g") {
      const group = groupOf(experimentOf(p[0]), p[1]);
      const prop = p[2];
      if (prop === "isControl" || prop === "isSham") group[prop] = v === true;
      else if (prop === "n" && typeof v === "number") group.n = v;
      else if (prop === "model" || prop === "treatment") group[prop] = String(v ?? "");
      else if (prop.startsWith("d:")) group.descriptors[prop.slice(2)] = String(v ?? "");
    } else if (kind === "c") {
      const x = experimentOf(p[0]);
      const k = norm(p[1]);
      let c = x.comparisons.get(k);
      if (!c) {
        c = { id: `${x.experiment.id}c${x.comparisons.size + 1}`, label: p[1], treatmentGroupIds: [], controlGroupId: "", sharedControl: "NONE", treatmentNames: [], controlName: "" };
        x.comparisons.set(k, c);
      }
      if (p[2] === "treatments") c.treatmentNames = Array.isArray(v) ? v : [String(v)];
      else if (p[2] === "control") c.controlName = String(v ?? "");
      else if (p[2] === "sharedControl" && (v === "SPLIT" || v === "COMBINE" || v === "NONE")) c.sharedControl = v;
    } else if (kind === "a" || kind === "al") {
      const x = experimentOf(p[0]);
      groupOf(x, p[1]);
      const k = cellKey(["a", ...p.slice(0, 4)]);
      const arm = arms.get(k) ?? { experiment: x, group: p[1], outcome: p[2], timepoint: p[3], data: { unit: "" }, locator: "" };
      arms.set(k, arm);
      if (kind === "al") arm.locator = String(v ?? "");
      else if (p[4] === "unit") arm.data.unit = String(v ?? "");
      else if (typeof v === "number") (arm.data as Record<string, number | string>)[p[4]] = v;
    } else if (kind === "e" || kind === "el") {
      const x = experimentOf(p[0]);
      const k = cellKey(["e", ...p.slice(0, 4)]);
      const effect = effects.get(k) ?? { experiment: x, comparison: p[1], outcome: p[2], timepoint: p[3], effect: { measure: "", locator: "" } };
      effects.set(k, effect);
      if (kind === "el") effect.effect.locator = String(v ?? "");
      else if (p[4] === "measure") effect.effect.measure = String(v ?? "");
      else if (typeof v === "number") (effect.effect as Record<string, number | string>)[p[4]] = v;
    }
  }
  for (const x of experiments.values()) {
    for (const c of x.comparisons.values()) {
      const { treatmentNames, controlName, ...comparison } = c;
      comparison.treatmentGroupIds = treatmentNames.map((name) => groupOf(x, name).id);
      comparison.controlGroupId = controlName ? groupOf(x, controlName).id : "";
      if (comparison.treatmentGroupIds.length && comparison.controlGroupId) x.experiment.comparisons.push(comparison);
    }
  }
  const outcomeData: OutcomeData = {
    experiments: [...experiments.values()].map((x) => x.experiment),
    arms: [...arms.values()].map((a) => ({ experimentId: a.experiment.experiment.id, groupId: groupOf(a.experiment, a.group).id, outcome: a.outcome, timepoint: a.timepoint, data: a.data, locator: a.locator })),
    effects: [...effects.values()].flatMap((e) => {
      const comparison = [...e.experiment.comparisons.values()].find((c) => norm(c.label) === norm(e.comparison));
      if (!comparison || e.effect.yi === undefined) return [];
      return [{ ...e.effect, experimentId: e.experiment.experiment.id, comparisonId: comparison.id, outcome: e.outcome, timepoint: e.timepoint, yi: e.effect.yi, measure: e.effect.measure ?? "", locator: e.effect.locator ?? "" } as EffectResult];
    }),
  };
  return { values, outcomeData };
}
