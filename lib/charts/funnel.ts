/**
 * Funnel plot (issue 13): effect on x (log axis for ratios), standard error on an inverted y axis
 * (0 at the top), the pooled estimate with its pseudo-95% limits estimate ± 1.96·SE (Sterne &
 * Egger 2001, J Clin Epidemiol 54:1046), optional contour-enhanced shading around the null for
 * p = 0.10, 0.05 and 0.01 (Peters et al. 2008, J Clin Epidemiol 61:991; metafor funnel(level =
 * c(90, 95, 99))), and trim-and-fill's imputed studies as hollow points.
 */
import { fixedAxis, niceTicks, type Axis } from "./axis";
import { drawAxes, f2, FONT, makeFrame, svgText, wrapSvg } from "./scatter-frame";
import type { FunnelPlotInput } from "./forest-types";

export type * from "./forest-types";

const Z95 = 1.959963984540054;
// Two-sided normal quantiles for the contours, widest first: p < 0.01 outside 2.576·SE.
const CONTOURS = [
  { z: 2.5758293035489, fill: "#bfbfbf", label: "0.01 < p < 0.05" },
  { z: 1.959963984540054, fill: "#8c8c8c", label: "0.05 < p < 0.10" },
  { z: 1.6448536269514722, fill: "#ffffff", label: "p > 0.10" },
];
const OUTSIDE = { fill: "#e6e6e6", label: "p < 0.01" };

export function renderFunnelPlot(input: FunnelPlotInput): string {
  const all = [...input.points, ...(input.filled ?? [])];
  if (!all.length) throw new Error("A funnel plot needs at least one study.");
  const maxSe = (Math.max(...all.map((p) => p.se)) || 1) * 1.05;
  const xs = [...all.map((p) => p.yi), input.estimate - Z95 * maxSe, input.estimate + Z95 * maxSe];
  if (input.contours) xs.push(-CONTOURS[0].z * maxSe, CONTOURS[0].z * maxSe);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.04;
  const xAxis: Axis = fixedAxis(lo - pad, hi + pad, input.scale);
  const yTicks = niceTicks(0, maxSe, 5).filter((t) => t <= maxSe);
  const yAxis: Axis = { min: 0, max: maxSe, ticks: yTicks, scale: "linear" };
  const legendH = input.contours ? 14 : 0;
  const frame = makeFrame(xAxis, yAxis, { width: 400, height: 300 + legendH, top: input.title ? 26 : 12, invertY: true, legend: legendH });
  const { area, X, Y } = frame;
  const body: string[] = [];
  if (input.title) body.push(svgText(area.left, 16, input.title, `font-weight="bold" font-size="${FONT * 1.15}"`));
  body.push(`<defs><clipPath id="funnel-area"><rect x="${f2(area.left)}" y="${f2(area.top)}" width="${f2(area.right - area.left)}" height="${f2(area.bottom - area.top)}"/></clipPath></defs>`);
  const inner: string[] = [];
  const triangle = (centre: number, z: number) => `${f2(X(centre - z * maxSe))},${f2(Y(maxSe))} ${f2(X(centre))},${f2(Y(0))} ${f2(X(centre + z * maxSe))},${f2(Y(maxSe))}`;
  if (input.contours) {
    inner.push(`<rect x="${f2(area.left)}" y="${f2(area.top)}" width="${f2(area.right - area.left)}" height="${f2(area.bottom - area.top)}" fill="${OUTSIDE.fill}" data-role="contour" data-p="0.01"/>`);
    for (const c of CONTOURS) inner.push(`<polygon points="${triangle(0, c.z)}" fill="${c.fill}" data-role="contour" data-z="${c.z}"/>`);
  }
  // Pseudo-95% limits and the pooled estimate.
  inner.push(`<polyline points="${triangle(input.estimate, Z95)}" fill="none" stroke="#000" stroke-width="0.7" stroke-dasharray="3,2" data-role="pseudo-ci"/>`);
  inner.push(`<line x1="${f2(X(input.estimate))}" y1="${f2(Y(0))}" x2="${f2(X(input.estimate))}" y2="${f2(Y(maxSe))}" stroke="#000" stroke-width="0.7" data-role="estimate"/>`);
  if (input.filledEstimate !== undefined) {
    inner.push(`<line x1="${f2(X(input.filledEstimate))}" y1="${f2(Y(0))}" x2="${f2(X(input.filledEstimate))}" y2="${f2(Y(maxSe))}" stroke="#555" stroke-width="0.7" stroke-dasharray="1.5,1.5" data-role="filled-estimate"/>`);
  }
  for (const p of input.points) inner.push(`<circle cx="${f2(X(p.yi))}" cy="${f2(Y(p.se))}" r="2.8" fill="#000" data-role="study"/>`);
  for (const p of input.filled ?? []) inner.push(`<circle cx="${f2(X(p.yi))}" cy="${f2(Y(p.se))}" r="2.8" fill="#fff" stroke="#000" stroke-width="0.8" data-role="filled-study"/>`);
  body.push(`<g clip-path="url(#funnel-area)">${inner.join("")}</g>`);
  body.push(...drawAxes(frame, xAxis, yAxis, { x: input.scale === "log" ? `${input.xLabel} (log scale)` : input.xLabel, y: "Standard error" }));
  if (input.contours) {
    const ly = frame.height - 8;
    let lx = area.left;
    for (const c of [...CONTOURS].reverse().concat([OUTSIDE as (typeof CONTOURS)[number]])) {
      body.push(`<rect x="${f2(lx)}" y="${f2(ly - 7)}" width="9" height="8" fill="${c.fill}" stroke="#000" stroke-width="0.4" data-role="contour-key"/>`);
      body.push(svgText(lx + 12, ly, c.label, `font-size="${FONT * 0.9}"`));
      lx += 22 + c.label.length * FONT * 0.5;
    }
  }
  return wrapSvg(frame, input.title ?? "Funnel plot", body);
}
