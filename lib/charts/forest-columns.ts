/**
 * The forest plot's rows and text columns (RevMan 5 order): study, the arms' mean/SD/total or
 * events/total (or the generic effect and SE), extra columns, weight, and the effect with its CI.
 * Every number column has one number of decimals and is right-aligned, so decimal points line up.
 * The effect text "8.88 [2.23, 15.53]" is three right-aligned parts for the same reason.
 */
import { formatEffect } from "./axis";
import { formatHeterogeneity, formatOverallEffect, formatRevManP } from "@/lib/stats/revman-text";
import type { ForestArms, ForestPlotInput, ForestPooled, ForestStudy } from "./forest-types";

export type Column = { key: string; header: string; group?: string };

export type ForestRow =
  | { kind: "heading"; text: string }
  | { kind: "study"; study: ForestStudy; index: number; cells: Record<string, string> }
  | { kind: "pooled"; pooled: ForestPooled; label: string; total: boolean; cells: Record<string, string> }
  | { kind: "events"; cells: Record<string, string> }
  | { kind: "prediction"; lower: number; upper: number; cells: Record<string, string> }
  | { kind: "text"; text: string; role: string }
  | { kind: "gap" };

/** Decimals shown for a column: those of the most precise input, at most `cap`. */
function decimalsOf(values: number[], cap: number, floor = 0): number {
  let d = floor;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const s = String(Number(v.toPrecision(10)));
    const frac = s.includes("e") ? cap : (s.split(".")[1] ?? "").length;
    d = Math.max(d, Math.min(cap, frac));
  }
  return d;
}

const armKind = (studies: ForestStudy[]) => {
  const counts = new Map<ForestArms["kind"], number>();
  for (const s of studies) if (s.arms) counts.set(s.arms.kind, (counts.get(s.arms.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
};

/** Column list and per-study cell texts. */
export function buildColumns(input: ForestPlotInput): { columns: Column[]; studyCells: (s: ForestStudy) => Record<string, string>; kind?: ForestArms["kind"] } {
  const studies = input.sections.flatMap((s) => s.studies);
  const [exp, ctl] = input.armLabels ?? ["Experimental", "Control"];
  const kind = armKind(studies);
  const columns: Column[] = [];
  const pick = <T,>(f: (a: ForestArms) => T | undefined) => studies.flatMap((s) => (s.arms ? [f(s.arms)] : [])).filter((v): v is T => v !== undefined);
  let armCells: (a: ForestArms) => Record<string, string> = () => ({});
  if (kind === "continuous") {
    columns.push(
      { key: "e.mean", header: "Mean", group: exp }, { key: "e.sd", header: "SD", group: exp }, { key: "e.n", header: "Total", group: exp },
      { key: "c.mean", header: "Mean", group: ctl }, { key: "c.sd", header: "SD", group: ctl }, { key: "c.n", header: "Total", group: ctl },
    );
    const dm = decimalsOf(pick((a) => (a.kind === "continuous" ? [a.experimental.mean, a.control.mean] : undefined)).flat(), 3);
    const ds = decimalsOf(pick((a) => (a.kind === "continuous" ? [a.experimental.sd, a.control.sd] : undefined)).flat(), 3);
    armCells = (a): Record<string, string> => (a.kind !== "continuous" ? {} : {
      "e.mean": a.experimental.mean.toFixed(dm), "e.sd": a.experimental.sd.toFixed(ds), "e.n": String(a.experimental.n),
      "c.mean": a.control.mean.toFixed(dm), "c.sd": a.control.sd.toFixed(ds), "c.n": String(a.control.n),
    });
  } else if (kind === "binary") {
    columns.push(
      { key: "e.events", header: "Events", group: exp }, { key: "e.n", header: "Total", group: exp },
      { key: "c.events", header: "Events", group: ctl }, { key: "c.n", header: "Total", group: ctl },
    );
    armCells = (a): Record<string, string> => (a.kind !== "binary" ? {} : {
      "e.events": String(a.experimental.events), "e.n": String(a.experimental.n), "c.events": String(a.control.events), "c.n": String(a.control.n),
    });
  } else if (kind === "generic") {
    const group = input.scale === "log" ? `log[${input.measureLabel}]` : input.measureLabel;
    columns.push({ key: "g.est", header: "Estimate", group }, { key: "g.se", header: "SE", group });
    const de = decimalsOf(pick((a) => (a.kind === "generic" ? a.estimate : undefined)), 4, 2);
    const dse = decimalsOf(pick((a) => (a.kind === "generic" ? a.se : undefined)), 4, 2);
    armCells = (a): Record<string, string> => (a.kind !== "generic" ? {} : { "g.est": a.estimate.toFixed(de), "g.se": a.se.toFixed(dse) });
  }
  (input.extraColumns ?? []).forEach((header, i) => columns.push({ key: `x.${i}`, header }));
  const hasWeights = studies.some((s) => s.weight !== undefined);
  if (hasWeights) columns.push({ key: "weight", header: "Weight" });
  const studyCells = (s: ForestStudy) => {
    const cells: Record<string, string> = { ...(s.arms ? armCells(s.arms) : {}) };
    (s.extra ?? []).forEach((t, i) => (cells[`x.${i}`] = t));
    if (s.weight !== undefined && hasWeights) cells.weight = `${s.weight.toFixed(1)}%`;
    Object.assign(cells, effectCells(s.estimate, s.ciLower, s.ciUpper, input));
    return cells;
  };
  return { columns, studyCells, kind };
}

/** The effect column's three parts; "Not estimable" when there is no estimate. */
export function effectCells(estimate: number | null, lower: number | null, upper: number | null, input: Pick<ForestPlotInput, "scale" | "digits">): Record<string, string> {
  if (estimate === null || lower === null || upper === null || !Number.isFinite(estimate)) return { "ef.na": "Not estimable" };
  const d = input.digits ?? 2;
  return { "ef.est": formatEffect(estimate, input.scale, d), "ef.lo": `[${formatEffect(lower, input.scale, d)},`, "ef.hi": `${formatEffect(upper, input.scale, d)}]` };
}

const i2FromQ = (Q: number, df: number) => (Q > 0 ? Math.max(0, ((Q - df) / Q) * 100) : 0);

/** "Test for subgroup differences: Chi² = 1.20, df = 1 (P = 0.27), I² = 16.7%" as RevMan 5 writes it. */
export function formatSubgroupDifferences(t: { Q: number; df: number; pValue: number }): string {
  return `Test for subgroup differences: Chi² = ${t.Q.toFixed(2)}, df = ${t.df} (P ${formatRevManP(t.pValue)}), I² = ${i2FromQ(t.Q, t.df).toFixed(1)}%`;
}

function pooledRows(pooled: ForestPooled, studies: ForestStudy[], total: boolean, kind: ForestArms["kind"] | undefined, input: ForestPlotInput, role: string): ForestRow[] {
  const cells: Record<string, string> = effectCells(pooled.estimate, pooled.ciLower, pooled.ciUpper, input);
  const sum = (f: (a: ForestArms) => number | undefined) => studies.reduce((acc, s) => acc + ((s.arms && f(s.arms)) || 0), 0);
  if (kind === "continuous" || kind === "binary") {
    cells["e.n"] = String(sum((a) => (a.kind === "generic" ? undefined : a.experimental.n)));
    cells["c.n"] = String(sum((a) => (a.kind === "generic" ? undefined : a.control.n)));
  }
  const weights = studies.map((s) => s.weight).filter((w): w is number => w !== undefined);
  const weight = pooled.weight ?? (weights.length ? weights.reduce((a, b) => a + b, 0) : undefined);
  if (weight !== undefined) cells.weight = `${weight.toFixed(1)}%`;
  const rows: ForestRow[] = [{ kind: "pooled", pooled, total, label: pooled.label ?? (total ? "Total (95% CI)" : "Subtotal (95% CI)"), cells }];
  if (kind === "binary") {
    rows.push({ kind: "events", cells: {
      "e.events": String(sum((a) => (a.kind === "binary" ? a.experimental.events : undefined))),
      "c.events": String(sum((a) => (a.kind === "binary" ? a.control.events : undefined))),
    } });
  }
  if (pooled.prediction) {
    const p = pooled.prediction;
    const d = input.digits ?? 2;
    rows.push({ kind: "prediction", lower: p.lower, upper: p.upper, cells: { "ef.lo": `[${formatEffect(p.lower, input.scale, d)},`, "ef.hi": `${formatEffect(p.upper, input.scale, d)}]` } });
  }
  if (pooled.heterogeneity) rows.push({ kind: "text", text: formatHeterogeneity(pooled.heterogeneity), role: `heterogeneity-${role}` });
  if (pooled.overallEffect) rows.push({ kind: "text", text: formatOverallEffect(pooled.overallEffect), role: `overall-${role}` });
  return rows;
}

/** Every row of the plot, top to bottom. */
export function buildRows(input: ForestPlotInput, studyCells: (s: ForestStudy) => Record<string, string>, kind: ForestArms["kind"] | undefined): ForestRow[] {
  const rows: ForestRow[] = [];
  let index = 0;
  input.sections.forEach((section, si) => {
    if (section.title) rows.push({ kind: "heading", text: section.title });
    for (const study of section.studies) rows.push({ kind: "study", study, index: index++, cells: studyCells(study) });
    if (section.subtotal) rows.push(...pooledRows(section.subtotal, section.studies, false, kind, input, `subgroup-${si}`));
    if (section.title || section.subtotal) rows.push({ kind: "gap" });
  });
  if (rows[rows.length - 1]?.kind === "gap" && !input.total) rows.pop();
  if (input.total) rows.push(...pooledRows(input.total, input.sections.flatMap((s) => s.studies), true, kind, input, "total"));
  if (input.subgroupTest) {
    const note = input.subgroupTest.note ? `; ${input.subgroupTest.note}` : "";
    rows.push({ kind: "text", text: formatSubgroupDifferences(input.subgroupTest) + note, role: "subgroup-differences" });
  }
  return rows;
}
