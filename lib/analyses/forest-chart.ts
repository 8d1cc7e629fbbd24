/**
 * Adapter (issue 13 brief): a RevMan 5-layout forest plot as a pure SVG string, written here
 * because lib/charts/forest.ts (helper C) had not landed. Every column sits left of the graph,
 * numbers are right-aligned with fixed decimals (so decimals align), study names wrap, squares
 * have area ∝ weight, CIs beyond the axis end in arrows, ratio measures use a log axis with
 * symmetric ticks. The same builder draws the leave-one-out and cumulative plots (no weights).
 */
import { escapeXml, textWidth, wrapText } from "@/lib/charts/svg-text";

export type ForestRow =
  | { kind: "study"; label: string; cells: string[]; weight?: number; estimate: number; lower: number; upper: number }
  | { kind: "diamond"; label: string; cells: string[]; estimate: number; lower: number; upper: number; bold?: boolean }
  | { kind: "prediction"; label: string; lower: number; upper: number; estimate: number }
  | { kind: "heading"; label: string }
  | { kind: "text"; label: string };

export type ForestSpec = {
  columns: { title: string; group?: string; width: number }[];
  rows: ForestRow[];
  /** Values are on the analysis scale; `log` draws exp(x) tick labels on a log axis. */
  log: boolean;
  nullValue: number;
  favours: [string, string];
  /** One or two lines above the graph, e.g. ["Std. Mean Difference", "IV, Random, 95% CI"]. */
  effectTitle: string[];
  title?: string;
  /** Header of the label column (default "Study or Subgroup"). */
  labelTitle?: string;
  /** Fit the axis to every CI (pooled-estimate plots such as leave-one-out), not only the pooled ones. */
  fitAll?: boolean;
};

const FONT = 11;
const LINE = 16;
const PLOT_W = 230;
const LABEL_W = 150;
const PAD = 10;
const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "—");

/** Symmetric "nice" ticks around the null: ±{0.5,1,2,5}×10^k (linear) or 10^±k / 2^±k (log). */
export function axisTicks(values: number[], log: boolean): { min: number; max: number; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  const span = Math.max(1e-9, ...finite.map(Math.abs));
  if (log) {
    // Ratios: 1 in the middle and reciprocal pairs either side (0.5 and 2, 0.2 and 5, …).
    const scales: [number, number[]][] = [[2, [0.5, 0.7, 1, 1.5, 2]], [5, [0.2, 0.5, 1, 2, 5]], [10, [0.1, 0.2, 0.5, 1, 2, 5, 10]], [100, [0.01, 0.1, 1, 10, 100]], [1000, [0.001, 0.01, 0.1, 1, 10, 100, 1000]]];
    const [top, ticks] = scales.find(([m]) => Math.log(m) >= Math.min(span, Math.log(1000)) * 0.999) ?? scales[scales.length - 1];
    return { min: -Math.log(top), max: Math.log(top), ticks: ticks.map((t) => Math.log(t)) };
  }
  const steps = [0.5, 1, 2, 5];
  let best = 1;
  for (let e = -4; e <= 6; e++) {
    const found = steps.map((s) => s * 10 ** e).find((v) => v >= span * 0.999);
    if (found !== undefined) {
      best = found;
      break;
    }
  }
  return { min: -best, max: best, ticks: [-best, -best / 2, 0, best / 2, best] };
}

const tickLabel = (t: number, log: boolean) => {
  if (!log) return Math.abs(t) < 1e-12 ? "0" : String(+t.toPrecision(3));
  const v = Math.exp(t);
  return v >= 10 ? String(Math.round(v)) : String(+v.toPrecision(2));
};

export function renderForest(spec: ForestSpec): string {
  const colX: number[] = [];
  let x = PAD + LABEL_W;
  for (const c of spec.columns) {
    x += c.width;
    colX.push(x);
  }
  const plotX = x + 24;
  const width = plotX + PLOT_W + PAD;
  const numeric = spec.rows.flatMap((r) => ("lower" in r ? [r.lower, r.upper, r.estimate] : []));
  // The axis covers the CIs of the pooled results and most studies; wider CIs end in arrows.
  const pooled = spec.rows.filter((r) => r.kind === "diamond").flatMap((r) => ("lower" in r ? [r.lower, r.upper] : []));
  const studyValues = spec.rows.filter((r) => r.kind === "study").flatMap((r) => ("lower" in r ? [r.estimate] : []));
  const axis = axisTicks([...(spec.fitAll ? numeric : [...pooled, ...studyValues]), ...(numeric.length ? [] : [1])].map((v) => v - (spec.log ? 0 : spec.nullValue)), spec.log);
  const toX = (v: number) => plotX + ((Math.min(Math.max(v, axis.min), axis.max) - axis.min) / (axis.max - axis.min)) * PLOT_W;

  const out: string[] = [];
  const hasGroups = spec.columns.some((c) => c.group);
  let y = PAD + (spec.title ? LINE * 1.5 : 0) + (hasGroups || spec.effectTitle.length > 1 ? LINE : 0) + LINE;
  const headerY = y;
  const text = (tx: number, ty: number, s: string, anchor = "start", weight = "normal") =>
    out.push(`<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="${anchor}"${weight !== "normal" ? ` font-weight="${weight}"` : ""}>${escapeXml(s)}</text>`);
  if (spec.title) text(PAD, PAD + LINE, spec.title, "start", "bold");
  // Column headers (grouped like RevMan's "Experimental | Control").
  const groups = new Map<string, { from: number; to: number }>();
  spec.columns.forEach((c, i) => {
    if (!c.group) return;
    const g = groups.get(c.group) ?? { from: colX[i] - c.width, to: colX[i] };
    groups.set(c.group, { from: Math.min(g.from, colX[i] - c.width), to: colX[i] });
  });
  for (const [name, g] of groups) {
    text((g.from + g.to) / 2 + 4, headerY - LINE, name, "middle", "bold");
    out.push(`<line x1="${g.from + 10}" x2="${g.to}" y1="${headerY - LINE + 4}" y2="${headerY - LINE + 4}" stroke="#000" stroke-width="0.5"/>`);
  }
  text(PAD, headerY, spec.labelTitle ?? "Study or Subgroup", "start", "bold");
  spec.columns.forEach((c, i) => text(colX[i], headerY, c.title, "end", "bold"));
  spec.effectTitle.slice(-2).forEach((line, i, all) => text(plotX + PLOT_W / 2, headerY - (all.length - 1 - i) * LINE, line, "middle", "bold"));
  y += 6;
  out.push(`<line x1="${PAD}" x2="${width - PAD}" y1="${y}" y2="${y}" stroke="#000" stroke-width="0.7"/>`);
  y += LINE;
  const top = y - LINE + 4;

  const maxWeight = Math.max(1e-9, ...spec.rows.map((r) => (r.kind === "study" ? r.weight ?? 0 : 0)));
  for (const r of spec.rows) {
    if (r.kind === "heading") {
      text(PAD, y, r.label, "start", "bold");
      y += LINE;
      continue;
    }
    if (r.kind === "text") {
      const lines = wrapText(r.label, width - 2 * PAD - PLOT_W - 16, FONT);
      for (const l of lines) {
        text(PAD, y, l);
        y += LINE;
      }
      continue;
    }
    const labelLines = wrapText(r.label, LABEL_W - 6, FONT);
    labelLines.forEach((l, i) => text(PAD, y + i * LINE, l, "start", r.kind === "diamond" && r.bold ? "bold" : "normal"));
    if (r.kind !== "prediction") r.cells.forEach((c, i) => text(colX[i], y, c, "end", r.kind === "diamond" && r.bold ? "bold" : "normal"));
    const cy = y - FONT / 3;
    const lo = toX(r.lower);
    const hi = toX(r.upper);
    if (r.kind === "study") {
      out.push(`<line x1="${lo.toFixed(1)}" x2="${hi.toFixed(1)}" y1="${cy.toFixed(1)}" y2="${cy.toFixed(1)}" stroke="#000" stroke-width="1"/>`);
      for (const [edge, over, dir] of [[lo, r.lower < axis.min, -1], [hi, r.upper > axis.max, 1]] as const) {
        if (over) out.push(`<path d="M${(edge + dir * 5).toFixed(1)},${cy.toFixed(1)} l${-dir * 6},-3.5 v7 z" fill="#000"/>`);
      }
      if (r.estimate >= axis.min && r.estimate <= axis.max) {
        const side = 3 + 9 * Math.sqrt((r.weight ?? maxWeight) / maxWeight);
        out.push(`<rect x="${(toX(r.estimate) - side / 2).toFixed(1)}" y="${(cy - side / 2).toFixed(1)}" width="${side.toFixed(1)}" height="${side.toFixed(1)}" fill="#1f6f43"/>`);
      }
    } else if (r.kind === "diamond") {
      const c = toX(r.estimate);
      out.push(`<path d="M${lo.toFixed(1)},${cy.toFixed(1)} L${c.toFixed(1)},${(cy - 5).toFixed(1)} L${hi.toFixed(1)},${cy.toFixed(1)} L${c.toFixed(1)},${(cy + 5).toFixed(1)} Z" fill="#000"/>`);
    } else {
      out.push(`<rect x="${lo.toFixed(1)}" y="${(cy - 2.5).toFixed(1)}" width="${Math.max(1, hi - lo).toFixed(1)}" height="5" fill="#b91c1c"/>`);
      text(colX[colX.length - 1] ?? plotX - 16, y, `[${fmt(spec.log ? Math.exp(r.lower) : r.lower)}, ${fmt(spec.log ? Math.exp(r.upper) : r.upper)}]`, "end");
    }
    y += LINE * labelLines.length;
  }
  const bottom = y - LINE + 6;
  // Axis with the line of no effect.
  const nullX = toX(spec.log ? 0 : spec.nullValue);
  out.push(`<line x1="${nullX.toFixed(1)}" x2="${nullX.toFixed(1)}" y1="${top}" y2="${bottom}" stroke="#000" stroke-width="0.7"/>`);
  out.push(`<line x1="${plotX}" x2="${plotX + PLOT_W}" y1="${bottom}" y2="${bottom}" stroke="#000" stroke-width="0.7"/>`);
  for (const t of axis.ticks) {
    const tx = toX(t);
    out.push(`<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${bottom}" y2="${bottom + 4}" stroke="#000" stroke-width="0.7"/>`);
    text(tx, bottom + 4 + FONT, tickLabel(spec.log ? t : t + spec.nullValue, spec.log), "middle");
  }
  text(plotX, bottom + 8 + 2 * FONT, spec.favours[0], "start");
  text(plotX + PLOT_W, bottom + 8 + 2 * FONT, spec.favours[1], "end");
  const height = bottom + 8 + 2 * FONT + PAD;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${Math.ceil(height)}" viewBox="0 0 ${width} ${Math.ceil(height)}" font-family="Arial, Helvetica, 'DejaVu Sans', sans-serif" font-size="${FONT}"><rect width="100%" height="100%" fill="#fff"/>${out.join("")}</svg>`;
}

/** Width of a numeric column that fits its title and every cell. */
export const columnWidth = (title: string, cells: string[]) => Math.ceil(Math.max(textWidth(title, FONT), ...cells.map((c) => textWidth(c, FONT)))) + 12;
