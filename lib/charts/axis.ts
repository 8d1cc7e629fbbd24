/**
 * Axes for the meta-analysis charts. Values are on the analysis scale (ln for ratio measures),
 * so the null is 0 on both scales and only the tick labels differ: a log axis labels exp(x).
 */
import type { AxisScale } from "./forest-types";

export type Axis = { min: number; max: number; ticks: number[]; scale: AxisScale };

/** Linear limits RevMan offers: 1, 2, 5 × 10^k. */
function niceLimit(span: number): number {
  const e = Math.floor(Math.log10(span));
  for (const m of [1, 2, 5, 10]) if (m * 10 ** e >= span * 0.9999) return m * 10 ** e;
  return 10 ** (e + 1);
}

/**
 * Tick values (analysis scale) of a symmetric log axis with outer limit L = exp(limit):
 * L=2 → 0.5 0.7 1 1.5 2 is RevMan's, but 0.7 is not 1/1.5, so we keep the reciprocal pairs
 * 0.5 1 2; L=5 → 0.2 0.5 1 2 5; L=10 → 0.1 0.2 0.5 1 2 5 10; L=100 → 0.01 0.1 1 10 100;
 * L=1000 → 0.001 0.1 1 10 1000. Every tick t has its reciprocal 1/t, so the axis reads the same
 * from the null outwards on both sides.
 */
function logTickValues(limitRatio: number): number[] {
  const table: Record<number, number[]> = {
    2: [1, 2], 5: [1, 2, 5], 10: [1, 2, 5, 10], 100: [1, 10, 100], 1000: [1, 10, 1000], 10000: [1, 100, 10000],
  };
  const right = table[limitRatio] ?? [1, limitRatio];
  const values = [...right.slice(1).map((t) => -Math.log(t)).reverse(), 0, ...right.slice(1).map((t) => Math.log(t))];
  return values;
}

const LOG_LIMITS = [2, 5, 10, 100, 1000, 10000];

/**
 * Symmetric axis around the null covering `extent` (the largest |value| to show, analysis scale).
 * Linear: limits ±{1,2,5}×10^k with ticks at −L, −L/2, 0, L/2, L. Log: ratio limits 2 … 10000.
 * @example symmetricAxis(14, "linear") // { min: -20, max: 20, ticks: [-20, -10, 0, 10, 20] }
 */
export function symmetricAxis(extent: number, scale: AxisScale): Axis {
  const span = Number.isFinite(extent) && extent > 0 ? extent : 1;
  if (scale === "log") {
    const ratio = LOG_LIMITS.find((l) => Math.log(l) >= span * 0.9999) ?? LOG_LIMITS[LOG_LIMITS.length - 1];
    const max = Math.log(ratio);
    return { min: -max, max, ticks: logTickValues(ratio), scale };
  }
  const max = niceLimit(span);
  return { min: -max, max, ticks: [-max, -max / 2, 0, max / 2, max], scale };
}

/** An axis with given limits (e.g. the caller's), ticks from niceTicks or log decades. */
export function fixedAxis(min: number, max: number, scale: AxisScale): Axis {
  return { min, max, ticks: scale === "log" ? logTicks(min, max) : niceTicks(min, max), scale };
}

/** About `count` round linear ticks (steps 1, 2, 2.5, 5 × 10^k) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) out.push(Number(v.toPrecision(12)) + 0);
  return out;
}

/** Log-axis ticks (analysis scale) inside [lo, hi]: 1-2-5 per decade when few decades, else decades. */
export function logTicks(lo: number, hi: number): number[] {
  const decades = (hi - lo) / Math.LN10;
  const mantissas = decades <= 1.2 ? [1, 1.5, 2, 3, 5, 7] : decades <= 3 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = Math.floor(lo / Math.LN10) - 1; e <= Math.ceil(hi / Math.LN10) + 1; e++) {
    for (const m of mantissas) {
      const v = Math.log(m * 10 ** e);
      if (v >= lo - 1e-9 && v <= hi + 1e-9) out.push(v);
    }
  }
  return out;
}

/** A tick's label: the value, or exp(value) on a log axis, with no trailing zeros. */
export function tickLabel(value: number, scale: AxisScale): string {
  const shown = scale === "log" ? Math.exp(value) : value;
  if (Math.abs(shown) < 1e-12) return "0";
  const text = Math.abs(shown) >= 1 ? String(Number(shown.toPrecision(6))) : String(Number(shown.toPrecision(2)));
  return text.replace(/^-/, "-");
}

/** Maps an analysis-scale value to a pixel position (linear in the analysis scale). */
export function axisMapper(axis: Axis, from: number, to: number): (v: number) => number {
  return (v) => from + ((v - axis.min) / (axis.max - axis.min)) * (to - from);
}

/** Formats an analysis-scale value for display (exp for log scales), fixed decimals. */
export function formatEffect(value: number, scale: AxisScale, digits = 2): string {
  const shown = scale === "log" ? Math.exp(value) : value;
  if (!Number.isFinite(shown)) return "—";
  const text = shown.toFixed(digits);
  return /^-0\.0*$/.test(text) ? text.slice(1) : text;
}
