import { describe, expect, it } from "vitest";
import { runAccuracy } from "./accuracy";
import { deriveGroup, pointFor, valueAt } from "./mapping";
import type { AxisCalibration } from "./schema";

describe("valueAt", () => {
  const linear: AxisCalibration = { scale: "linear", p1: { x: 50, y: 300, value: 0 }, p2: { x: 50, y: 100, value: 100 } };
  it("maps linearly between the two reference points, and beyond them", () => {
    expect(valueAt(linear, { x: 50, y: 200 })).toBeCloseTo(50, 12);
    expect(valueAt(linear, { x: 50, y: 50 })).toBeCloseTo(125, 12);
  });
  it("projects a click beside a tilted axis onto it", () => {
    // An axis tilted by a scan: from (50,300) to (60,100). A click 20 px to the right of its midpoint, at right angles, reads 50.
    const tilted: AxisCalibration = { scale: "linear", p1: { x: 50, y: 300, value: 0 }, p2: { x: 60, y: 100, value: 100 } };
    const len = Math.hypot(10, 200);
    const normal = { x: 200 / len, y: 10 / len };
    expect(valueAt(tilted, { x: 55 + 20 * normal.x, y: 200 + 20 * normal.y })).toBeCloseTo(50, 10);
  });
  it("maps on log10 and inverts with pointFor", () => {
    const log: AxisCalibration = { scale: "log10", p1: { x: 0, y: 300, value: 1 }, p2: { x: 0, y: 0, value: 1000 } };
    expect(valueAt(log, { x: 0, y: 200 })).toBeCloseTo(10, 10);
    expect(valueAt(log, pointFor(log, 42.5))).toBeCloseTo(42.5, 10);
  });
});

describe("deriveGroup", () => {
  const axis: AxisCalibration = { scale: "linear", p1: { x: 0, y: 400, value: 0 }, p2: { x: 0, y: 0, value: 40 } };
  it("reads an SEM bar as mean and SE (the extraction converts SE to SD with n)", () => {
    const d = deriveGroup({ y: axis }, { kind: "BAR", group: "OVX+EV", n: 6, errorType: "SEM", mean: { x: 10, y: 200 }, errorEnd: { x: 10, y: 180 } });
    expect(d.data).toEqual({ n: 6, mean: 20, se: 2 });
  });
  it("mirrors a 95% CI bar around the mean", () => {
    const d = deriveGroup({ y: axis }, { kind: "BAR", group: "A", errorType: "CI95", mean: { x: 0, y: 200 }, errorEnd: { x: 0, y: 230 } });
    expect(d.data.ciLower).toBeCloseTo(17, 12);
    expect(d.data.ciUpper).toBeCloseTo(23, 12);
  });
  it("sorts box-plot quartiles and whiskers by value, whichever was clicked first", () => {
    const d = deriveGroup({ y: axis }, { kind: "BOX", group: "B", median: { x: 0, y: 200 }, q1: { x: 0, y: 150 }, q3: { x: 0, y: 260 }, min: { x: 0, y: 100 }, max: { x: 0, y: 330 } });
    expect(d.data).toMatchObject({ median: 20, q1: 14, q3: 25, min: 7, max: 30 });
  });
});

describe("accuracy on synthetic charts (issue 11: within 0.5% of the axis range)", () => {
  it("recovers every mean and error-bar end from whole-pixel clicks at zoom 1", () => {
    const results = runAccuracy(1);
    expect(results.length).toBe(16);
    for (const r of results) expect(r.errorPctOfRange, `${r.name} ${r.group} ${r.quantity}`).toBeLessThan(0.5);
  });
});
