/**
 * Synthetic bar charts with known values, drawn the way journals print them (bars, error bars,
 * tick labels), for measuring the digitiser's accuracy and for the e2e test's PDF figure. The
 * drawing computes pixel positions on its own (value → pixel), independent of mapping.ts.
 */
import type { AxisScale } from "./schema";

export type SyntheticBar = { group: string; mean: number; error: number };
export type SyntheticChart = {
  svg: string;
  width: number;
  height: number;
  /** Where the ticks used for calibration are drawn, and their values. */
  ticks: { value: number; x: number; y: number }[];
  /** Where each bar's top and error-bar end are drawn. */
  bars: (SyntheticBar & { meanAt: { x: number; y: number }; errorAt: { x: number; y: number } })[];
};

const W = 480;
const H = 360;
const PLOT = { left: 70, right: 20, top: 30, bottom: 50 };

export function renderSyntheticBarChart(opts: { bars: SyntheticBar[]; scale: AxisScale; min: number; max: number; ticks: number[]; title?: string }): SyntheticChart {
  const { bars, scale, min, max } = opts;
  const plotH = H - PLOT.top - PLOT.bottom;
  const f = (v: number) => (scale === "log10" ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min));
  const yOf = (v: number) => PLOT.top + plotH * (1 - f(v));
  const axisX = PLOT.left;
  const slot = (W - PLOT.left - PLOT.right) / bars.length;
  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<line x1="${axisX}" y1="${PLOT.top}" x2="${axisX}" y2="${H - PLOT.bottom}" stroke="#000" stroke-width="1.2"/>`);
  parts.push(`<line x1="${axisX}" y1="${H - PLOT.bottom}" x2="${W - PLOT.right}" y2="${H - PLOT.bottom}" stroke="#000" stroke-width="1.2"/>`);
  const ticks = opts.ticks.map((value) => ({ value, x: axisX, y: yOf(value) }));
  for (const t of ticks) {
    parts.push(`<line x1="${axisX - 6}" y1="${t.y}" x2="${axisX}" y2="${t.y}" stroke="#000"/>`);
    parts.push(`<text x="${axisX - 9}" y="${t.y + 4}" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="end">${t.value}</text>`);
  }
  const drawn = bars.map((bar, i) => {
    const cx = PLOT.left + slot * (i + 0.5);
    const top = yOf(bar.mean);
    const end = yOf(bar.mean + bar.error);
    const bottom = yOf(scale === "log10" ? min : Math.max(min, 0));
    parts.push(`<rect x="${cx - slot * 0.3}" y="${top}" width="${slot * 0.6}" height="${bottom - top}" fill="#9ab" stroke="#000"/>`);
    parts.push(`<line x1="${cx}" y1="${top}" x2="${cx}" y2="${end}" stroke="#000" stroke-width="1.2"/>`);
    parts.push(`<line x1="${cx - 8}" y1="${end}" x2="${cx + 8}" y2="${end}" stroke="#000" stroke-width="1.2"/>`);
    parts.push(`<text x="${cx}" y="${H - PLOT.bottom + 18}" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle">${bar.group}</text>`);
    return { ...bar, meanAt: { x: cx, y: top }, errorAt: { x: cx, y: end } };
  });
  if (opts.title) parts.push(`<text x="${W / 2}" y="18" font-family="DejaVu Sans, sans-serif" font-size="13" text-anchor="middle">${opts.title}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join("")}</svg>`;
  return { svg, width: W, height: H, ticks, bars: drawn };
}
