/**
 * The digitiser's accuracy experiment, shared by its unit test and `npm run bench:digitiser`:
 * synthetic bar charts with known means and error bars (linear and log10 axes, SD and SEM bars)
 * are "clicked" at their drawn positions, rounded to a whole screen pixel at the given zoom as a
 * mouse would, and read back through a calibration made by clicking two tick marks.
 */
import { deriveGroup } from "./mapping";
import type { AxisScale, Calibration, ErrorBarType } from "./schema";
import { renderSyntheticBarChart, type SyntheticBar } from "./synthetic-chart";

export type AccuracyCase = { name: string; scale: AxisScale; min: number; max: number; ticks: number[]; errorType: ErrorBarType; bars: SyntheticBar[] };

export const ACCURACY_CASES: AccuracyCase[] = [
  { name: "linear 0–100, SEM", scale: "linear", min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100], errorType: "SEM", bars: [{ group: "Sham", mean: 62.5, error: 4.2 }, { group: "OVX", mean: 31.7, error: 6.9 }, { group: "OVX+EV", mean: 48.3, error: 3.1 }] },
  { name: "linear 0–2.5, SD", scale: "linear", min: 0, max: 2.5, ticks: [0, 0.5, 1, 1.5, 2, 2.5], errorType: "SD", bars: [{ group: "Control", mean: 1.12, error: 0.31 }, { group: "Treated", mean: 1.87, error: 0.42 }] },
  { name: "log10 1–1000, SEM", scale: "log10", min: 1, max: 1000, ticks: [1, 10, 100, 1000], errorType: "SEM", bars: [{ group: "Vehicle", mean: 14.2, error: 3.5 }, { group: "Low", mean: 87, error: 21 }, { group: "High", mean: 412, error: 60 }] },
];

export type AccuracyResult = { name: string; group: string; quantity: "mean" | "error"; truth: number; read: number; errorPctOfRange: number };

/** Screen pixels at `zoom` are 1/zoom image pixels; a click lands on one of them. */
const quantise = (v: number, zoom: number) => Math.round(v * zoom) / zoom;

export function runAccuracy(zoom = 1): AccuracyResult[] {
  const out: AccuracyResult[] = [];
  for (const c of ACCURACY_CASES) {
    const chart = renderSyntheticBarChart(c);
    const [lo, hi] = [chart.ticks[0], chart.ticks[chart.ticks.length - 1]];
    const click = (p: { x: number; y: number }) => ({ x: quantise(p.x, zoom), y: quantise(p.y, zoom) });
    const calibration: Calibration = { y: { scale: c.scale, p1: { ...click(lo), value: lo.value }, p2: { ...click(hi), value: hi.value } } };
    // The error of a read value as a share of the axis range; on a log axis, of the range in decades.
    const pct = (truth: number, read: number) =>
      c.scale === "log10" ? (100 * Math.abs(Math.log10(read) - Math.log10(truth))) / (Math.log10(c.max) - Math.log10(c.min)) : (100 * Math.abs(read - truth)) / (c.max - c.min);
    for (const bar of chart.bars) {
      const derived = deriveGroup(calibration, { kind: "BAR", group: bar.group, errorType: c.errorType, mean: click(bar.meanAt), errorEnd: click(bar.errorAt) });
      const read = derived.data.mean!;
      const readError = (c.errorType === "SD" ? derived.data.sd : derived.data.se)!;
      out.push({ name: c.name, group: bar.group, quantity: "mean", truth: bar.mean, read, errorPctOfRange: pct(bar.mean, read) });
      // The error bar's end is what was drawn and clicked; compare it there, on the axis's own scale.
      out.push({ name: c.name, group: bar.group, quantity: "error", truth: bar.mean + bar.error, read: read + readError, errorPctOfRange: pct(bar.mean + bar.error, read + readError) });
    }
  }
  return out;
}
