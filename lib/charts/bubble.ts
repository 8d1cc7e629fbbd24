/**
 * Bubble plot for a meta-regression on one moderator (issue 13; metafor regplot): x = moderator,
 * y = effect, bubble area ∝ weight 1/(vᵢ + τ²), the fitted line b0 + b1·x with its 95% CI band
 * ŷ ± crit·√(Var b0 + 2x·Cov + x²·Var b1), and the slope with its CI and p.
 */
import { fixedAxis, niceTicks, formatEffect, type Axis } from "./axis";
import { drawAxes, f2, FONT, makeFrame, svgText, wrapSvg } from "./scatter-frame";
import { formatRevManP } from "@/lib/stats/revman-text";
import { qnorm, qt } from "@/lib/stats/distributions";
import type { BubblePlotInput } from "./forest-types";

export type * from "./forest-types";

/**
 * (XᵀWX)⁻¹ for X = [1, x] and W = 1/(vᵢ + τ²): the covariance of [b0, b1] metafor reports for
 * rma(yi, vi, mods = ~ x) with test "z" (Viechtbauer 2010, J Stat Softw 36(3), eq. 11).
 */
export function regressionVcov(points: { x: number; vi: number }[], tau2 = 0): [number, number, number] {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (const p of points) {
    const w = 1 / (p.vi + tau2);
    s0 += w;
    s1 += w * p.x;
    s2 += w * p.x * p.x;
  }
  const det = s0 * s2 - s1 * s1;
  if (!(det > 0)) throw new Error("The moderator needs at least two distinct values for a meta-regression band.");
  return [s2 / det, -s1 / det, s0 / det];
}

/** The fitted line's 95% band at `steps` + 1 points across [x0, x1]. */
export function regressionBand(input: BubblePlotInput, x0: number, x1: number, steps = 60): { x: number; lower: number; upper: number }[] {
  if (input.band?.length) return input.band;
  const [v0, c, v1] = input.vcov ?? regressionVcov(input.points, input.tau2 ?? 0);
  const crit = input.fit.test === "knha" && input.fit.df ? qt(0.975, input.fit.df) : qnorm(0.975);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const x = x0 + ((x1 - x0) * i) / steps;
    const fit = input.fit.intercept + input.fit.slope * x;
    const se = Math.sqrt(Math.max(0, v0 + 2 * x * c + x * x * v1));
    return { x, lower: fit - crit * se, upper: fit + crit * se };
  });
}

/** "Slope 0.123 [0.045, 0.201], P = 0.002" with the same critical value as the band. */
export function formatSlope(fit: BubblePlotInput["fit"], digits = 3): string {
  const crit = fit.test === "knha" && fit.df ? qt(0.975, fit.df) : qnorm(0.975);
  const f = (v: number) => formatEffect(v, "linear", digits);
  return `Slope ${f(fit.slope)} [${f(fit.slope - crit * fit.slopeSe)}, ${f(fit.slope + crit * fit.slopeSe)}], P ${formatRevManP(fit.slopePValue)}`;
}

export function renderBubblePlot(input: BubblePlotInput): string {
  if (input.points.length < 2) throw new Error("A bubble plot needs at least two studies.");
  const xs = input.points.map((p) => p.x);
  const xPad = (Math.max(...xs) - Math.min(...xs)) * 0.06 || 1;
  const [x0, x1] = [Math.min(...xs) - xPad, Math.max(...xs) + xPad];
  const band = regressionBand(input, x0, x1);
  const ys = [...input.points.map((p) => p.yi), ...band.flatMap((b) => [b.lower, b.upper])];
  const yPad = (Math.max(...ys) - Math.min(...ys)) * 0.06 || 1;
  const xAxis: Axis = { min: x0, max: x1, ticks: niceTicks(x0, x1), scale: "linear" };
  const yAxis = fixedAxis(Math.min(...ys) - yPad, Math.max(...ys) + yPad, input.scale);
  const top = input.title ? 40 : 26;
  const frame = makeFrame(xAxis, yAxis, { width: 400, height: 300 + top - 14, top });
  const { area, X, Y } = frame;
  const body: string[] = [];
  if (input.title) body.push(svgText(area.left, 16, input.title, `font-weight="bold" font-size="${FONT * 1.15}"`));
  body.push(svgText(area.left, top - 6, formatSlope(input.fit), `data-role="slope"`));
  body.push(`<defs><clipPath id="bubble-area"><rect x="${f2(area.left)}" y="${f2(area.top)}" width="${f2(area.right - area.left)}" height="${f2(area.bottom - area.top)}"/></clipPath></defs>`);
  const inner: string[] = [];
  if (yAxis.min < 0 && yAxis.max > 0) inner.push(`<line x1="${f2(area.left)}" y1="${f2(Y(0))}" x2="${f2(area.right)}" y2="${f2(Y(0))}" stroke="#888" stroke-width="0.5" stroke-dasharray="2,2" data-role="null-line"/>`);
  const upper = band.map((b) => `${f2(X(b.x))},${f2(Y(b.upper))}`);
  const lower = [...band].reverse().map((b) => `${f2(X(b.x))},${f2(Y(b.lower))}`);
  inner.push(`<polygon points="${[...upper, ...lower].join(" ")}" fill="#c9d4ea" fill-opacity="0.7" stroke="none" data-role="band"/>`);
  const line = (x: number) => input.fit.intercept + input.fit.slope * x;
  inner.push(`<line x1="${f2(X(x0))}" y1="${f2(Y(line(x0)))}" x2="${f2(X(x1))}" y2="${f2(Y(line(x1)))}" stroke="#1f4e9a" stroke-width="1.2" data-role="fit"/>`);
  const weights = input.points.map((p) => 1 / (p.vi + (input.tau2 ?? 0)));
  const maxW = Math.max(...weights);
  // Largest first so small bubbles stay visible on top.
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [w, i] of order) {
    const p = input.points[i];
    const r = Math.max(1.5, 11 * Math.sqrt(w / maxW));
    inner.push(`<circle cx="${f2(X(p.x))}" cy="${f2(Y(p.yi))}" r="${f2(r)}" fill="#7f7f7f" fill-opacity="0.55" stroke="#000" stroke-width="0.5" data-role="bubble" data-weight="${Number(w.toPrecision(6))}"/>`);
  }
  body.push(`<g clip-path="url(#bubble-area)">${inner.join("")}</g>`);
  body.push(...drawAxes(frame, xAxis, yAxis, { x: input.xLabel, y: input.scale === "log" ? `${input.yLabel} (log scale)` : input.yLabel }));
  return wrapSvg(frame, input.title ?? "Bubble plot", body);
}
