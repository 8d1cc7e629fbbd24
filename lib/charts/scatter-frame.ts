/**
 * The frame shared by the funnel and bubble plots: an SVG of fixed size in points, a plot area
 * with ticks on the left and bottom axes, and the axis titles. Callers draw inside `area`.
 */
import { axisMapper, tickLabel, type Axis } from "./axis";
import { FONT_FAMILY } from "./rob-palette";
import { escapeXml } from "./svg-text";

export const FONT = 9;
export const f2 = (x: number) => Number(x.toFixed(2));
export const svgText = (x: number, y: number, s: string, attrs = "") => `<text x="${f2(x)}" y="${f2(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(s)}</text>`;

export type Frame = {
  width: number;
  height: number;
  area: { left: number; right: number; top: number; bottom: number };
  X: (v: number) => number;
  Y: (v: number) => number;
};

export function makeFrame(x: Axis, y: Axis, opts: { width?: number; height?: number; top?: number; invertY?: boolean; legend?: number }): Frame {
  const width = opts.width ?? 400;
  const height = opts.height ?? 300;
  const area = { left: 52, right: width - 14, top: opts.top ?? 14, bottom: height - 40 - (opts.legend ?? 0) };
  const X = axisMapper(x, area.left, area.right);
  const Y = opts.invertY ? axisMapper(y, area.top, area.bottom) : axisMapper(y, area.bottom, area.top);
  return { width, height, area, X, Y };
}

/** Axes, ticks and titles; `yTicksFormat` defaults to the axis's own labels. */
export function drawAxes(frame: Frame, x: Axis, y: Axis, titles: { x: string; y: string }): string[] {
  const { area, X, Y } = frame;
  const out = [
    `<rect x="${f2(area.left)}" y="${f2(area.top)}" width="${f2(area.right - area.left)}" height="${f2(area.bottom - area.top)}" fill="none" stroke="#000" stroke-width="0.6"/>`,
  ];
  for (const t of x.ticks) {
    out.push(`<line x1="${f2(X(t))}" y1="${f2(area.bottom)}" x2="${f2(X(t))}" y2="${f2(area.bottom + 3)}" stroke="#000" stroke-width="0.6"/>`);
    out.push(svgText(X(t), area.bottom + 4 + FONT, tickLabel(t, x.scale), `text-anchor="middle" data-role="x-tick"`));
  }
  for (const t of y.ticks) {
    out.push(`<line x1="${f2(area.left - 3)}" y1="${f2(Y(t))}" x2="${f2(area.left)}" y2="${f2(Y(t))}" stroke="#000" stroke-width="0.6"/>`);
    out.push(svgText(area.left - 5, Y(t) + FONT * 0.35, tickLabel(t, y.scale), `text-anchor="end" data-role="y-tick"`));
  }
  out.push(svgText((area.left + area.right) / 2, area.bottom + 4 + FONT * 2.4, titles.x, `text-anchor="middle" data-role="x-title"`));
  const cy = (area.top + area.bottom) / 2;
  out.push(svgText(14, cy, titles.y, `text-anchor="middle" transform="rotate(-90 14 ${f2(cy)})" data-role="y-title"`));
  return out;
}

export function wrapSvg(frame: Frame, label: string, body: string[]): string {
  const { width, height } = frame;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT}" role="img" aria-label="${escapeXml(label)}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...body,
    `</svg>`,
  ].join("\n");
}
