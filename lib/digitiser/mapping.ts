/**
 * From clicks to numbers: a point is projected onto the calibrated axis (so a slightly tilted scan
 * or a click beside the axis still reads right), then mapped linearly or on log10 between the two
 * reference values. Pure; the digitiser page, the consensus view and the tests share it.
 */
import type { ArmData } from "@/lib/extraction/schema";
import type { AxisCalibration, Calibration, GroupClicks, Point } from "./schema";

/**
 * Position of `point` along the axis through p1 → p2, as a fraction: 0 at p1, 1 at p2
 * (t = (P − P₁)·(P₂ − P₁)/|P₂ − P₁|², the orthogonal projection).
 */
export function axisFraction(axis: AxisCalibration, point: Point): number {
  const dx = axis.p2.x - axis.p1.x;
  const dy = axis.p2.y - axis.p1.y;
  return ((point.x - axis.p1.x) * dx + (point.y - axis.p1.y) * dy) / (dx * dx + dy * dy);
}

/** The axis value at a clicked point: v₁ + t(v₂ − v₁), or 10^(log v₁ + t(log v₂ − log v₁)) on a log10 axis. */
export function valueAt(axis: AxisCalibration, point: Point): number {
  const t = axisFraction(axis, point);
  if (axis.scale === "log10") {
    const a = Math.log10(axis.p1.value);
    const b = Math.log10(axis.p2.value);
    return 10 ** (a + t * (b - a));
  }
  return axis.p1.value + t * (axis.p2.value - axis.p1.value);
}

/** The inverse of valueAt: where on screen a value lies (for drawing the calibration and ticks). */
export function pointFor(axis: AxisCalibration, value: number): Point {
  const t =
    axis.scale === "log10"
      ? (Math.log10(value) - Math.log10(axis.p1.value)) / (Math.log10(axis.p2.value) - Math.log10(axis.p1.value))
      : (value - axis.p1.value) / (axis.p2.value - axis.p1.value);
  return { x: axis.p1.x + t * (axis.p2.x - axis.p1.x), y: axis.p1.y + t * (axis.p2.y - axis.p1.y) };
}

export type DerivedGroup = {
  group: string;
  groupId?: string;
  /** The numbers as reported, in the extraction's arm fields (mean + SE for an SEM bar, and so on). */
  data: Partial<ArmData>;
  /** One line a second reader can check: "mean 12.4, SEM 1.9 (error bar 14.3)". */
  summary: string;
};

const round = (v: number) => Number(v.toPrecision(6));

/**
 * The values one group's clicks stand for. Error bars are read as symmetric: the distance from
 * the mean to the clicked end is the SD, the SEM, or half the 95% CI (lower bound mirrored), as
 * the extractor says the bar shows. On a log axis a CI is kept as its two clicked ends' values.
 */
export function deriveGroup(calibration: Calibration, clicks: GroupClicks): DerivedGroup {
  const y = (p: Point) => valueAt(calibration.y, p);
  const base = { group: clicks.group, groupId: clicks.groupId };
  const n = "n" in clicks && clicks.n !== undefined ? { n: clicks.n } : {};
  if (clicks.kind === "POINT") {
    const v = y(clicks.at);
    return { ...base, data: { mean: v }, summary: `value ${round(v)}` };
  }
  if (clicks.kind === "BOX") {
    const data: Partial<ArmData> = { ...n, median: y(clicks.median) };
    if (clicks.q1) data.q1 = y(clicks.q1);
    if (clicks.q3) data.q3 = y(clicks.q3);
    if (clicks.min) data.min = y(clicks.min);
    if (clicks.max) data.max = y(clicks.max);
    // Screen order does not say which quartile is which on an inverted axis; sort the values instead.
    if (data.q1 !== undefined && data.q3 !== undefined && data.q1 > data.q3) [data.q1, data.q3] = [data.q3, data.q1];
    if (data.min !== undefined && data.max !== undefined && data.min > data.max) [data.min, data.max] = [data.max, data.min];
    const parts = (["median", "q1", "q3", "min", "max"] as const).filter((k) => data[k] !== undefined).map((k) => `${k} ${round(data[k]!)}`);
    return { ...base, data, summary: parts.join(", ") };
  }
  const mean = y(clicks.mean);
  if (!clicks.errorEnd) return { ...base, data: { ...n, mean }, summary: `mean ${round(mean)} (no error bar clicked)` };
  const end = y(clicks.errorEnd);
  const half = Math.abs(end - mean);
  if (clicks.errorType === "SD") return { ...base, data: { ...n, mean, sd: half }, summary: `mean ${round(mean)}, SD ${round(half)}` };
  if (clicks.errorType === "SEM") return { ...base, data: { ...n, mean, se: half }, summary: `mean ${round(mean)}, SEM ${round(half)}` };
  const [ciLower, ciUpper] = calibration.y.scale === "log10" ? [Math.min(end, mean ** 2 / end), Math.max(end, mean ** 2 / end)] : [mean - half, mean + half];
  return { ...base, data: { ...n, mean, ciLower, ciUpper }, summary: `mean ${round(mean)}, 95% CI ${round(ciLower)} to ${round(ciUpper)}` };
}

export function deriveAll(calibration: Calibration, clicks: readonly GroupClicks[]): DerivedGroup[] {
  return clicks.map((c) => deriveGroup(calibration, c));
}
