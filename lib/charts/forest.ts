/**
 * Forest plot in RevMan 5's layout as a pure SVG string (issue 13): every text column left of
 * the graph, squares with area ∝ weight, diamonds for subtotals and the total, RevMan's
 * heterogeneity and overall-effect lines, the prediction interval as its own row, favours labels
 * by outcome direction, a log axis for ratios, arrows where a CI runs past the axis, optional
 * risk-of-bias columns on the right. Sizes are in points (1 SVG unit = 1 pt in the PDF export).
 */
import { axisMapper, fixedAxis, symmetricAxis, tickLabel, type Axis } from "./axis";
import { buildColumns, buildRows, type Column, type ForestRow } from "./forest-columns";
import { FONT_FAMILY, judgementColour } from "./rob-palette";
import { escapeXml, textWidth, wrapText } from "./svg-text";
import type { ForestPlotInput, ForestRenderOptions, IntervalPlotInput, RobJudgement } from "./forest-types";

export type * from "./forest-types";

const GAP = 9;
const MARGIN = 8;
const ROB_W = 13;
const SQUARE_COLOUR = "#1f4e9a";
// RevMan's forest-plot glyphs for risk of bias: + low, − high, ? unclear.
const ROB_GLYPH: Record<RobJudgement, string> = { LOW: "+", HIGH: "\u2212", UNCLEAR: "?" };

const f1 = (x: number) => Number(x.toFixed(2));
const text = (x: number, y: number, s: string, attrs = "") => `<text x="${f1(x)}" y="${f1(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(s)}</text>`;

/** Largest |value| the axis must show: pooled CIs, every study's estimate and most of their CIs. */
function axisExtent(rows: ForestRow[], input: ForestPlotInput): number {
  const must: number[] = [];
  const ciEnds: number[] = [];
  for (const r of rows) {
    if (r.kind === "pooled") must.push(r.pooled.ciLower, r.pooled.ciUpper);
    if (r.kind === "study" && r.study.estimate !== null) {
      must.push(r.study.estimate);
      if (r.study.ciLower !== null && r.study.ciUpper !== null) ciEnds.push(Math.abs(r.study.ciLower), Math.abs(r.study.ciUpper));
    }
  }
  if (input.referenceLine !== undefined) must.push(input.referenceLine);
  // Small studies with huge CIs would squash the rest: cover 3/4 of CI ends, arrows for the others.
  ciEnds.sort((a, b) => a - b);
  const q = ciEnds.length ? ciEnds[Math.min(ciEnds.length - 1, Math.floor((ciEnds.length - 1) * 0.75))] : 0;
  return Math.max(q, ...must.filter(Number.isFinite).map(Math.abs), 1e-9);
}

type Layout = { x: Map<string, number>; width: Map<string, number>; labelW: number; graphX: number; graphW: number; robX: number; total: number };

function layoutColumns(columns: Column[], rows: ForestRow[], input: ForestPlotInput, fs: number, graphW: number, maxLabel: number): Layout {
  // Measured as bold (≈10% wider) so bold total rows never collide.
  const tw = (t: string, size: number) => textWidth(t, size) * 1.1;
  const width = new Map<string, number>();
  const cellsOf = (r: ForestRow) => ("cells" in r ? r.cells : {});
  for (const key of [...columns.map((c) => c.key), "ef.est", "ef.lo", "ef.hi", "ef.na"]) {
    const header = columns.find((c) => c.key === key)?.header ?? "";
    width.set(key, Math.max(tw(header, fs), ...rows.map((r) => tw(cellsOf(r)[key] ?? "", fs))));
  }
  for (const c of columns) if (c.group) {
    const members = columns.filter((m) => m.group === c.group);
    const span = members.reduce((a, m) => a + width.get(m.key)!, 0) + GAP * (members.length - 1);
    const need = tw(c.group, fs) - span;
    if (need > 0) width.set(members[members.length - 1].key, width.get(members[members.length - 1].key)! + need);
  }
  const effectW = Math.max(width.get("ef.est")! + width.get("ef.lo")! + width.get("ef.hi")! + 2 * tw(" ", fs), width.get("ef.na")!, tw(input.measureLabel, fs), tw(input.methodLabel ?? "", fs));
  const names = rows.flatMap((r) => (r.kind === "study" ? [r.study.label] : r.kind === "heading" || r.kind === "pooled" ? [r.kind === "heading" ? r.text : r.label] : []));
  let labelW = Math.max(tw(input.studyHeader ?? "Study or Subgroup", fs), Math.min(maxLabel, Math.max(0, ...names.map((n) => tw(n, fs) + 1))), tw("Prediction interval", fs), tw("Total events", fs));
  const columnsW = columns.reduce((a, c) => a + width.get(c.key)! + GAP, 0) + effectW;
  // The heterogeneity lines sit in the text area; widen the study column so they fit (up to a point).
  const longest = Math.max(0, ...rows.map((r) => (r.kind === "text" ? tw(r.text, fs * 0.95) : 0)));
  labelW = Math.max(labelW, Math.min(longest, 470) - columnsW - GAP);
  const x = new Map<string, number>();
  let cursor = MARGIN + labelW + GAP;
  for (const c of columns) {
    cursor += width.get(c.key)!;
    x.set(c.key, cursor); // right edge: numbers are end-anchored
    cursor += GAP;
  }
  x.set("ef.start", cursor);
  const effectEnd = cursor + effectW;
  x.set("ef.hi", effectEnd);
  x.set("ef.lo", effectEnd - width.get("ef.hi")! - tw(" ", fs));
  x.set("ef.est", x.get("ef.lo")! - width.get("ef.lo")! - tw(" ", fs));
  const graphX = effectEnd + GAP * 1.6;
  const robX = graphX + graphW + GAP;
  const robItems = input.rob?.items.length ?? 0;
  const robW = robItems ? Math.max(robItems * ROB_W, tw("Risk of Bias", fs)) : 0;
  return { x, width, labelW, graphX, graphW, robX: robX + (robW - robItems * ROB_W) / 2, total: robX + (robItems ? robW + MARGIN : MARGIN - GAP) };
}

function arrow(x: number, y: number, dir: -1 | 1, size: number) {
  const pts = [[x + dir * size, y], [x - dir * size * 0.2, y - size * 0.6], [x - dir * size * 0.2, y + size * 0.6]].map((p) => p.map(f1).join(",")).join(" ");
  return `<polygon points="${pts}" fill="#000" data-role="arrow" data-direction="${dir < 0 ? "left" : "right"}"/>`;
}

/** A CI line clipped to the axis, with an arrow at each clipped end. */
function ciLine(lo: number, hi: number, y: number, axis: Axis, X: (v: number) => number, fs: number, role = "ci", attrs = ""): string {
  const a = Math.max(lo, axis.min);
  const b = Math.min(hi, axis.max);
  if (b < axis.min || a > axis.max) return `<g data-role="${role}-outside"${attrs}>${arrow(X(lo < axis.min ? axis.min : axis.max), y, lo < axis.min ? -1 : 1, fs * 0.5)}</g>`;
  const parts = [`<line x1="${f1(X(a))}" y1="${f1(y)}" x2="${f1(X(b))}" y2="${f1(y)}" stroke="#000" stroke-width="0.8" data-role="${role}"${attrs}/>`];
  if (lo < axis.min) parts.push(arrow(X(axis.min), y, -1, fs * 0.5));
  if (hi > axis.max) parts.push(arrow(X(axis.max), y, 1, fs * 0.5));
  return parts.join("");
}

/** Favours labels: "Favours [intervention]" right of the null when higher is better. */
export function favoursLabels(f: NonNullable<ForestPlotInput["favours"]>): [string, string] {
  const i = `Favours [${f.intervention}]`;
  const c = `Favours [${f.control}]`;
  return f.direction === "higher" ? [c, i] : [i, c];
}

export function renderForestPlot(input: ForestPlotInput, options: ForestRenderOptions = {}): string {
  const fs = options.fontSize ?? 9;
  const line = Math.round(fs * 1.45 * 10) / 10;
  const { columns, studyCells, kind } = buildColumns(input);
  const rows = buildRows(input, studyCells, kind);
  const L = layoutColumns(columns, rows, input, fs, options.graphWidth ?? 200, options.maxLabelWidth ?? 150);
  const axis = input.axisLimits ? fixedAxis(input.axisLimits[0], input.axisLimits[1], input.scale) : symmetricAxis(axisExtent(rows, input), input.scale);
  const X = axisMapper(axis, L.graphX, L.graphX + L.graphW);
  const out: string[] = [];
  let y = MARGIN;
  if (input.title) {
    y += fs * 1.3;
    out.push(text(MARGIN, y, input.title, `font-size="${f1(fs * 1.2)}" font-weight="bold" data-role="title"`));
    y += fs * 0.6;
  }
  // Header: group names over the arm columns and the measure over the effect text and the graph.
  const h1 = y + line * 0.8;
  const h2 = h1 + line;
  const groups = [...new Set(columns.flatMap((c) => (c.group ? [c.group] : [])))];
  for (const g of groups) {
    const members = columns.filter((c) => c.group === g);
    const left = L.x.get(members[0].key)! - L.width.get(members[0].key)!;
    const right = L.x.get(members[members.length - 1].key)!;
    out.push(text((left + right) / 2, h1, g, `text-anchor="middle" font-weight="bold"`));
    out.push(`<line x1="${f1(left)}" y1="${f1(h1 + 3)}" x2="${f1(right)}" y2="${f1(h1 + 3)}" stroke="#000" stroke-width="0.5"/>`);
  }
  const effectMid = (L.x.get("ef.start")! + L.x.get("ef.hi")!) / 2;
  const graphMid = L.graphX + L.graphW / 2;
  for (const cx of [effectMid, graphMid]) {
    out.push(text(cx, h1, input.measureLabel, `text-anchor="middle" font-weight="bold"`));
    if (input.methodLabel) out.push(text(cx, h2, input.methodLabel, `text-anchor="middle" font-weight="bold"`));
  }
  out.push(text(MARGIN, h2, input.studyHeader ?? "Study or Subgroup", `font-weight="bold"`));
  for (const c of columns) out.push(text(L.x.get(c.key)!, h2, c.header, `text-anchor="end" font-weight="bold"`));
  const robItems = input.rob?.items ?? [];
  if (robItems.length) {
    out.push(text(L.robX + (robItems.length * ROB_W) / 2, h1, "Risk of Bias", `text-anchor="middle" font-weight="bold"`));
    robItems.forEach((it, i) => out.push(text(L.robX + i * ROB_W + ROB_W / 2, h2, it.code, `text-anchor="middle" font-weight="bold"`)));
  }
  const ruleY = h2 + line * 0.35;
  out.push(`<line x1="${MARGIN}" y1="${f1(ruleY)}" x2="${f1(L.total - MARGIN)}" y2="${f1(ruleY)}" stroke="#000" stroke-width="0.6"/>`);
  y = ruleY;

  const maxWeight = Math.max(0, ...rows.flatMap((r) => (r.kind === "study" && r.study.weight !== undefined ? [r.study.weight] : [])));
  const maxSide = line * 0.8;
  const textAreaW = L.graphX - GAP - MARGIN;
  let axisY = 0;
  const cellTexts = (cells: Record<string, string>, baseline: number, field: string, bold: boolean) => {
    const b = bold ? ` font-weight="bold"` : "";
    const at = (key: string) => (key === "ef.na" ? L.x.get("ef.start")! : L.x.get(key)!);
    const parts = Object.entries(cells).sort((a, b) => at(a[0]) - at(b[0])).map(([key, value]) =>
      key === "ef.na" ? text(L.x.get("ef.start")!, baseline, value, `fill="#555"`) : text(L.x.get(key)!, baseline, value, `text-anchor="end" data-col="${key}"${b}`));
    return `<g data-field="${field}">${parts.join("")}</g>`;
  };
  for (const r of rows) {
    if (r.kind === "gap") { y += line * 0.6; continue; }
    if (r.kind === "text") {
      const lines = wrapText(r.text, textAreaW, fs * 0.95);
      out.push(`<g data-field="${r.role}" data-role="stat-line">${lines.map((l, i) => text(MARGIN, y + line * (i + 0.75), l, `font-size="${f1(fs * 0.95)}"`)).join("")}</g>`);
      y += line * lines.length;
      continue;
    }
    if (r.kind === "heading") {
      out.push(text(MARGIN, y + line * 0.75, r.text, `font-weight="bold" data-role="subgroup-heading"`));
      y += line;
      continue;
    }
    const labelLines = r.kind === "study" ? wrapText(r.study.label, L.labelW, fs) : [r.kind === "pooled" ? r.label : r.kind === "events" ? "Total events" : "Prediction interval"];
    const h = line * labelLines.length;
    const baseline = y + line * 0.75;
    const mid = y + line * 0.45;
    const bold = r.kind === "pooled";
    out.push(`<g data-field="label-${r.kind === "study" ? r.index : `${r.kind}-${Math.round(y)}`}">${labelLines.map((l, i) => text(MARGIN, baseline + i * line, l, bold ? `font-weight="bold"` : "")).join("")}</g>`);
    const field = r.kind === "study" ? `cells-${r.index}` : `${r.kind}-${r.kind === "pooled" && r.total ? "total" : Math.round(y)}`;
    out.push(cellTexts(r.cells, baseline, field, bold));
    if (r.kind === "study") {
      const s = r.study;
      if (s.estimate !== null && s.ciLower !== null && s.ciUpper !== null) {
        out.push(ciLine(s.ciLower, s.ciUpper, mid, axis, X, fs, "ci", ` data-study="${r.index}"`));
        if (s.estimate >= axis.min && s.estimate <= axis.max) {
          const side = s.weight !== undefined && maxWeight > 0 ? Math.max(1.5, maxSide * Math.sqrt(s.weight / maxWeight)) : fs * 0.45;
          out.push(`<rect x="${f1(X(s.estimate) - side / 2)}" y="${f1(mid - side / 2)}" width="${f1(side)}" height="${f1(side)}" fill="${SQUARE_COLOUR}" data-role="square" data-study="${r.index}"${s.weight !== undefined ? ` data-weight="${s.weight}"` : ""}/>`);
        }
      }
      (s.rob ?? []).forEach((j, i) => {
        if (!j || i >= robItems.length) return;
        const cx = L.robX + i * ROB_W + ROB_W / 2;
        out.push(`<g data-role="rob" data-judgement="${j}"><circle cx="${f1(cx)}" cy="${f1(mid)}" r="${f1(ROB_W * 0.4)}" fill="${judgementColour(j, "cochrane")}"/>${text(cx, mid + fs * 0.33, ROB_GLYPH[j], `text-anchor="middle" font-weight="bold" fill="${j === "UNCLEAR" ? "#000" : "#fff"}"`)}</g>`);
      });
    } else if (r.kind === "pooled") {
      const p = r.pooled;
      const hh = line * 0.32;
      const [a, b] = [Math.max(p.ciLower, axis.min), Math.min(p.ciUpper, axis.max)];
      const cx = Math.min(Math.max(p.estimate, axis.min), axis.max);
      out.push(`<polygon points="${[[X(a), mid], [X(cx), mid - hh], [X(b), mid], [X(cx), mid + hh]].map((q) => q.map(f1).join(",")).join(" ")}" fill="#000" data-role="diamond" data-kind="${r.total ? "total" : "subtotal"}"/>`);
      if (p.ciLower < axis.min) out.push(arrow(X(axis.min), mid, -1, fs * 0.5));
      if (p.ciUpper > axis.max) out.push(arrow(X(axis.max), mid, 1, fs * 0.5));
      axisY = Math.max(axisY, y + h);
    } else if (r.kind === "prediction") {
      out.push(ciLine(r.lower, r.upper, mid, axis, X, fs, "prediction", ` stroke-dasharray="3,1.5"`).replace('stroke-width="0.8"', 'stroke-width="1.6"'));
      axisY = Math.max(axisY, y + h);
    }
    if (r.kind === "study") axisY = Math.max(axisY, y + h);
    y += h;
  }
  axisY += line * 0.4;
  const top = ruleY;
  const graph: string[] = [];
  if (0 >= axis.min && 0 <= axis.max) graph.push(`<line x1="${f1(X(0))}" y1="${f1(top)}" x2="${f1(X(0))}" y2="${f1(axisY)}" stroke="#000" stroke-width="0.6" data-role="null-line"/>`);
  if (input.referenceLine !== undefined) graph.push(`<line x1="${f1(X(input.referenceLine))}" y1="${f1(top)}" x2="${f1(X(input.referenceLine))}" y2="${f1(axisY)}" stroke="#666" stroke-width="0.6" stroke-dasharray="3,2" data-role="reference-line"/>`);
  graph.push(`<line x1="${f1(L.graphX)}" y1="${f1(axisY)}" x2="${f1(L.graphX + L.graphW)}" y2="${f1(axisY)}" stroke="#000" stroke-width="0.6" data-role="axis"/>`);
  for (const t of axis.ticks) {
    graph.push(`<line x1="${f1(X(t))}" y1="${f1(axisY)}" x2="${f1(X(t))}" y2="${f1(axisY + 3)}" stroke="#000" stroke-width="0.6"/>`);
    graph.push(text(X(t), axisY + 3 + fs, tickLabel(t, axis.scale), `text-anchor="middle" data-role="tick"`));
  }
  let bottom = Math.max(y, axisY + 3 + fs * 1.4);
  if (input.favours) {
    const [left, right] = favoursLabels(input.favours);
    const fy = axisY + 3 + fs * 2.3;
    graph.push(text(X(0) - 4, fy, left, `text-anchor="end" data-role="favours-left"`), text(X(0) + 4, fy, right, `text-anchor="start" data-role="favours-right"`));
    bottom = Math.max(y, fy + fs * 0.4);
  }
  if (robItems.length) {
    bottom += line * 0.6;
    out.push(text(MARGIN, bottom + line * 0.75, "Risk of bias legend", `font-weight="bold"`));
    bottom += line;
    robItems.forEach((it) => {
      out.push(text(MARGIN, bottom + line * 0.75, `(${it.code}) ${it.label}`, `data-role="rob-legend"`));
      bottom += line;
    });
  }
  for (const note of input.footnotes ?? []) {
    out.push(text(MARGIN, bottom + line * 0.75, note, `font-size="${f1(fs * 0.9)}" data-role="footnote"`));
    bottom += line;
  }
  const lastTick = textWidth(tickLabel(axis.ticks[axis.ticks.length - 1], axis.scale), fs) / 2;
  const width = Math.ceil(Math.max(L.total, L.graphX + L.graphW + lastTick + MARGIN, X(0) + 4 + textWidth(input.favours ? favoursLabels(input.favours)[1] : "", fs) + MARGIN));
  const height = Math.ceil(bottom + MARGIN);
  const label = escapeXml(input.title ?? `Forest plot: ${input.measureLabel}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${fs}" role="img" aria-label="${label}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...out, ...graph,
    `</svg>`,
  ].join("\n");
}

/** Leave-one-out and cumulative plots: the forest layout with one row per omitted or added study. */
export function renderIntervalPlot(input: IntervalPlotInput, options: ForestRenderOptions = {}): string {
  const ref = input.reference;
  return renderForestPlot({
    title: input.title, measureLabel: input.measureLabel, methodLabel: "95% CI", scale: input.scale, studyHeader: input.studyHeader,
    extraColumns: input.extraColumns, favours: input.favours, digits: input.digits, referenceLine: ref?.estimate,
    sections: [{ studies: input.rows.map((r) => ({ label: r.label, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, extra: r.extra })) }],
    total: ref ? { estimate: ref.estimate, ciLower: ref.ciLower, ciUpper: ref.ciUpper, label: ref.label ?? "All studies" } : undefined,
  }, options);
}
