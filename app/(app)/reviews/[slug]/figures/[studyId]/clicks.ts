/**
 * The digitiser's editing state as plain data: which point is clicked next, and how a clicked or
 * nudged point lands in the calibration or a group. Kept apart from the React component so the
 * component stays about layout and events.
 */
import type { AxisScale, Calibration, ErrorBarType, GroupClicks, Point } from "@/lib/digitiser/schema";

export type AxisDraft = { scale: AxisScale; p1?: Point; p2?: Point; v1: string; v2: string };
export type GroupDraft = {
  kind: "BAR" | "BOX";
  group: string;
  groupId?: string;
  n?: number;
  errorType: ErrorBarType;
  points: Partial<Record<PointName, Point>>;
};
export type PointName = "mean" | "errorEnd" | "median" | "q1" | "q3" | "min" | "max";
export type Slot = { axis: "y" | "x"; end: "p1" | "p2" } | { group: number; point: PointName };

export const POINTS: Record<GroupDraft["kind"], PointName[]> = { BAR: ["mean", "errorEnd"], BOX: ["median", "q1", "q3", "min", "max"] };
export const POINT_LABELS: Record<PointName, string> = { mean: "mean (bar top)", errorEnd: "error bar end", median: "median", q1: "lower quartile", q3: "upper quartile", min: "minimum", max: "maximum" };

export function setPoint(state: { y: AxisDraft; x: AxisDraft | null; groups: GroupDraft[] }, slot: Slot, p: Point) {
  if ("axis" in slot) {
    const axis = slot.axis === "y" ? state.y : state.x;
    if (!axis) return state;
    const updated = { ...axis, [slot.end]: p };
    return slot.axis === "y" ? { ...state, y: updated } : { ...state, x: updated };
  }
  const groups = state.groups.map((g, i) => (i === slot.group ? { ...g, points: { ...g.points, [slot.point]: p } } : g));
  return { ...state, groups };
}

export function pointAt(state: { y: AxisDraft; x: AxisDraft | null; groups: GroupDraft[] }, slot: Slot): Point | undefined {
  if ("axis" in slot) return (slot.axis === "y" ? state.y : state.x)?.[slot.end];
  return state.groups[slot.group]?.points[slot.point];
}

/** The slot after `slot` in clicking order: axis ends, then each group's points in turn. */
export function nextSlot(slot: Slot, groups: GroupDraft[]): Slot | null {
  if ("axis" in slot) return slot.end === "p1" ? { ...slot, end: "p2" } : groups.length ? { group: 0, point: POINTS[groups[0].kind][0] } : null;
  const names = POINTS[groups[slot.group].kind];
  const i = names.indexOf(slot.point);
  if (i + 1 < names.length) return { group: slot.group, point: names[i + 1] };
  return slot.group + 1 < groups.length ? { group: slot.group + 1, point: POINTS[groups[slot.group + 1].kind][0] } : null;
}

const parse = (v: string) => (v.trim() === "" ? NaN : Number(v));

function toAxis(draft: AxisDraft) {
  const v1 = parse(draft.v1);
  const v2 = parse(draft.v2);
  if (!draft.p1 || !draft.p2 || !Number.isFinite(v1) || !Number.isFinite(v2) || v1 === v2) return null;
  if (draft.scale === "log10" && (v1 <= 0 || v2 <= 0)) return null;
  return { scale: draft.scale, p1: { ...draft.p1, value: v1 }, p2: { ...draft.p2, value: v2 } };
}

export function toCalibration(y: AxisDraft, x: AxisDraft | null): Calibration | null {
  const yAxis = toAxis(y);
  if (!yAxis) return null;
  const xAxis = x ? toAxis(x) : null;
  return xAxis ? { y: yAxis, x: xAxis } : { y: yAxis };
}

/** Groups whose required points are all clicked, in the stored shape. */
export function toClicks(groups: GroupDraft[]): GroupClicks[] {
  return groups.flatMap((g): GroupClicks[] => {
    const base = { group: g.group.trim() || "Group", groupId: g.groupId, n: g.n };
    if (g.kind === "BAR") return g.points.mean ? [{ kind: "BAR", ...base, errorType: g.errorType, mean: g.points.mean, errorEnd: g.points.errorEnd }] : [];
    const { median, q1, q3, min, max } = g.points;
    return median ? [{ kind: "BOX", ...base, median, q1, q3, min, max }] : [];
  });
}

/** Stored clicks back into drafts, to edit one's own digitisation. */
export function fromClicks(clicks: GroupClicks[]): GroupDraft[] {
  return clicks.flatMap((c): GroupDraft[] => {
    if (c.kind === "POINT") return [];
    const base = { group: c.group, groupId: c.groupId, n: c.n };
    if (c.kind === "BAR") return [{ kind: "BAR", ...base, errorType: c.errorType, points: { mean: c.mean, errorEnd: c.errorEnd } }];
    return [{ kind: "BOX", ...base, errorType: "SD", points: { median: c.median, q1: c.q1, q3: c.q3, min: c.min, max: c.max } }];
  });
}
