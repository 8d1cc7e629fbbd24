/**
 * Adapter (issue 13 brief): funnel and bubble plots as pure SVG strings, written here because
 * lib/charts/funnel.ts and bubble.ts (helper C) had not landed.
 */
import { escapeXml } from "@/lib/charts/svg-text";

const W = 460;
const H = 340;
const M = { left: 58, right: 16, top: 28, bottom: 48 };
const FONT = 11;
const svg = (body: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Arial, Helvetica, 'DejaVu Sans', sans-serif" font-size="${FONT}"><rect width="100%" height="100%" fill="#fff"/>${body.join("")}</svg>`;
const t = (x: number, y: number, s: string, anchor = "middle", extra = "") => `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}"${extra}>${escapeXml(s)}</text>`;

function niceTicks(lo: number, hi: number, n = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * step; v += step) out.push(+v.toPrecision(10));
  return out;
}
const label = (v: number, log: boolean) => (log ? String(+Math.exp(v).toPrecision(2)) : String(+v.toPrecision(3)));

export type FunnelSpec = {
  points: { yi: number; se: number; filled?: boolean }[];
  estimate: number;
  log: boolean;
  contours: boolean;
  xLabel: string;
};

/** SE on an inverted y axis, pseudo-95% limits around the estimate, optional 90/95/99% contours around 0, filled studies hollow. */
export function renderFunnel(spec: FunnelSpec): string {
  const maxSe = Math.max(...spec.points.map((p) => p.se)) * 1.08 || 1;
  const z = 1.959963984540054;
  const xs = spec.points.map((p) => p.yi).concat([spec.estimate - z * maxSe, spec.estimate + z * maxSe]);
  if (spec.contours) xs.push(-2.576 * maxSe, 2.576 * maxSe);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.05 || 1;
  const [x0, x1] = [lo - pad, hi + pad];
  const px = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (se: number) => M.top + (se / maxSe) * (H - M.top - M.bottom);
  const b: string[] = [];
  if (spec.contours) {
    // Regions of significance around the null (Peters et al. 2008): p < .01 darkest … p > .10 white.
    for (const [zc, fill] of [[2.576, "#d4d4d4"], [1.96, "#e5e5e5"], [1.645, "#f2f2f2"]] as const) {
      b.push(`<path d="M${px(-zc * maxSe)},${py(maxSe)} L${px(0)},${py(0)} L${px(zc * maxSe)},${py(maxSe)} Z" fill="${fill}"/>`);
    }
    b.push(`<path d="M${px(-1.645 * maxSe)},${py(maxSe)} L${px(0)},${py(0)} L${px(1.645 * maxSe)},${py(maxSe)} Z" fill="#fff"/>`);
  }
  b.push(`<path d="M${px(spec.estimate - z * maxSe)},${py(maxSe)} L${px(spec.estimate)},${py(0)} L${px(spec.estimate + z * maxSe)},${py(maxSe)}" fill="none" stroke="#000" stroke-dasharray="4 3" stroke-width="0.8"/>`);
  b.push(`<line x1="${px(spec.estimate)}" x2="${px(spec.estimate)}" y1="${py(0)}" y2="${py(maxSe)}" stroke="#000" stroke-width="0.8"/>`);
  for (const p of spec.points) b.push(`<circle cx="${px(p.yi).toFixed(1)}" cy="${py(p.se).toFixed(1)}" r="3.5" fill="${p.filled ? "#fff" : "#1f6f43"}" stroke="#1f6f43" stroke-width="1.2"/>`);
  b.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#000" stroke-width="0.8"/>`);
  for (const v of niceTicks(x0, x1)) b.push(`<line x1="${px(v)}" x2="${px(v)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#000"/>`, t(px(v), H - M.bottom + 16, label(v, spec.log)));
  for (const v of niceTicks(0, maxSe, 4)) b.push(`<line x1="${M.left - 4}" x2="${M.left}" y1="${py(v)}" y2="${py(v)}" stroke="#000"/>`, t(M.left - 7, py(v) + 4, String(+v.toPrecision(3)), "end"));
  b.push(t((M.left + W - M.right) / 2, H - 10, spec.xLabel), t(14, (M.top + H - M.bottom) / 2, "Standard error", "middle", ` transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})"`));
  if (spec.contours) b.push(t(W - M.right, 18, "Shading: p < 0.01, 0.01–0.05, 0.05–0.10; white p > 0.10", "end", ' font-size="9"'));
  return svg(b);
}

export type BubbleSpec = {
  points: { x: number; yi: number; vi: number; study: string }[];
  band: { x: number; fit: number; lower: number; upper: number }[];
  xLabel: string;
  yLabel: string;
  caption: string;
};

/** Effect against the moderator, bubble area ∝ weight (1/vᵢ), fitted line and 95% CI band. */
export function renderBubble(spec: BubbleSpec): string {
  const xs = spec.points.map((p) => p.x);
  const ys = spec.points.map((p) => p.yi).concat(spec.band.flatMap((b) => [b.lower, b.upper]));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const padX = (x1 - x0) * 0.06 || 1;
  const padY = (y1 - y0) * 0.06 || 1;
  const px = (v: number) => M.left + ((v - (x0 - padX)) / (x1 - x0 + 2 * padX)) * (W - M.left - M.right);
  const py = (v: number) => H - M.bottom - ((v - (y0 - padY)) / (y1 - y0 + 2 * padY)) * (H - M.top - M.bottom);
  const b: string[] = [];
  const upper = spec.band.map((p) => `${px(p.x).toFixed(1)},${py(p.upper).toFixed(1)}`);
  const lower = spec.band.map((p) => `${px(p.x).toFixed(1)},${py(p.lower).toFixed(1)}`).reverse();
  b.push(`<path d="M${[...upper, ...lower].join(" L")} Z" fill="#dbeee3"/>`);
  b.push(`<path d="M${spec.band.map((p) => `${px(p.x).toFixed(1)},${py(p.fit).toFixed(1)}`).join(" L")}" fill="none" stroke="#1f6f43" stroke-width="1.5"/>`);
  const maxW = Math.max(...spec.points.map((p) => 1 / p.vi));
  for (const p of spec.points) b.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.yi).toFixed(1)}" r="${(3 + 9 * Math.sqrt(1 / p.vi / maxW)).toFixed(1)}" fill="#1f6f43" fill-opacity="0.35" stroke="#1f6f43"><title>${escapeXml(p.study)}</title></circle>`);
  b.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#000" stroke-width="0.8"/>`);
  for (const v of niceTicks(x0 - padX, x1 + padX)) b.push(`<line x1="${px(v)}" x2="${px(v)}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="#000"/>`, t(px(v), H - M.bottom + 16, String(+v.toPrecision(3))));
  for (const v of niceTicks(y0 - padY, y1 + padY)) b.push(`<line x1="${M.left - 4}" x2="${M.left}" y1="${py(v)}" y2="${py(v)}" stroke="#000"/>`, t(M.left - 7, py(v) + 4, String(+v.toPrecision(3)), "end"));
  b.push(t((M.left + W - M.right) / 2, H - 10, spec.xLabel), t(14, (M.top + H - M.bottom) / 2, spec.yLabel, "middle", ` transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})"`));
  b.push(t(M.left, 18, spec.caption, "start"));
  return svg(b);
}
