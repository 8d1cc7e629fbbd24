import { describe, expect, it } from "vitest";
import { regressionBand, regressionVcov, renderBubblePlot, formatSlope } from "./bubble";
import { renderFunnelPlot } from "./funnel";
import { readSvgBoxes } from "./svg-inspect";

const attrsOf = (svg: string, role: string) =>
  [...svg.matchAll(new RegExp(`<(\\w+)\\s([^>]*data-role="${role}"[^>]*)>`, "g"))].map((m) => Object.fromEntries([...m[2].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));

const points = [{ yi: 0.2, se: 0.1 }, { yi: 0.5, se: 0.3 }, { yi: 0.9, se: 0.45 }, { yi: 1.4, se: 0.6 }];

describe("renderFunnelPlot", () => {
  it("draws observed studies solid, filled ones hollow, and the pseudo-95% limits from the estimate", () => {
    const svg = renderFunnelPlot({ points, filled: [{ yi: -0.3, se: 0.45 }, { yi: -0.8, se: 0.6 }], estimate: 0.4, scale: "linear", xLabel: "SMD" });
    expect(attrsOf(svg, "study").map((a) => a.fill)).toEqual(["#000", "#000", "#000", "#000"]);
    expect(attrsOf(svg, "filled-study").map((a) => a.fill)).toEqual(["#fff", "#fff"]);
    expect(attrsOf(svg, "contour")).toHaveLength(0);
    const [left, apex, right] = attrsOf(svg, "pseudo-ci")[0].points.split(" ").map((p) => p.split(",").map(Number));
    const estimateX = Number(attrsOf(svg, "estimate")[0].x1);
    expect(apex[0]).toBeCloseTo(estimateX, 1);
    // Symmetric about the estimate, and SE grows downwards: the apex (SE 0) is at the top.
    expect(apex[0] - left[0]).toBeCloseTo(right[0] - apex[0], 1);
    expect(apex[1]).toBeLessThan(left[1]);
    const ys = attrsOf(svg, "study").map((a) => Number(a.cy));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it("shades 90/95/99% contours around the null when asked, and labels a log axis in ratios", () => {
    const svg = renderFunnelPlot({ points, estimate: 0.4, scale: "log", contours: true, xLabel: "Odds Ratio" });
    expect(attrsOf(svg, "contour").map((a) => a["data-z"] ?? a["data-p"])).toEqual(["0.01", "2.5758293035489", "1.959963984540054", "1.6448536269514722"]);
    expect(readSvgBoxes(svg.replace('data-role="x-title"', 'data-field="x-title"')).get("x-title")).toBe("Odds Ratio (log scale)");
    const ticks = [...svg.matchAll(/data-role="x-tick">([^<]+)</g)].map((m) => m[1]);
    expect(ticks).toContain("1");
  });
});

// metafor 3.8: rma(yi, vi, mods = ~ x, tau2 = 0.05) with x = 9.1, 9.4, 9.8, 10.2, 10.9;
// yi = 0.2, 0.5, 0.9, 1.1, 1.9; vi = 0.1, 0.2, 0.15, 0.3, 0.12 → vb = [8.55534417811, -0.863948630854;
// ·, 0.0876644021958], b = -8.24630185611, 0.928848258987; predict(x = 10): 1.04218073375 [0.636644431714, 1.44771703579].
const meta = { x: [9.1, 9.4, 9.8, 10.2, 10.9], yi: [0.2, 0.5, 0.9, 1.1, 1.9], vi: [0.1, 0.2, 0.15, 0.3, 0.12] };
const bubblePoints = meta.x.map((x, i) => ({ x, yi: meta.yi[i], vi: meta.vi[i] }));

describe("renderBubblePlot", () => {
  it("computes the band from (XᵀWX)⁻¹ as metafor does", () => {
    const [v0, c, v1] = regressionVcov(bubblePoints, 0.05);
    expect(v0).toBeCloseTo(8.55534417811, 8);
    expect(c).toBeCloseTo(-0.863948630854, 9);
    expect(v1).toBeCloseTo(0.0876644021958, 10);
    const fit = { intercept: -8.24630185611, slope: 0.928848258987, slopeSe: Math.sqrt(0.0876644021958), slopePValue: 0.0017 };
    const band = regressionBand({ points: bubblePoints, tau2: 0.05, fit, xLabel: "x", yLabel: "y", scale: "linear" }, 9, 11, 2);
    expect(band[1].x).toBe(10);
    expect(band[1].lower).toBeCloseTo(0.636644431714, 8);
    expect(band[1].upper).toBeCloseTo(1.44771703579, 8);
  });

  it("draws bubbles with area ∝ weight, the fitted line and the slope text", () => {
    const fit = { intercept: -8.24630185611, slope: 0.928848258987, slopeSe: Math.sqrt(0.0876644021958), slopePValue: 0.0017 };
    const svg = renderBubblePlot({ points: bubblePoints, tau2: 0.05, fit, xLabel: "log10 dose", yLabel: "SMD", scale: "linear" });
    const bubbles = attrsOf(svg, "bubble");
    expect(bubbles).toHaveLength(5);
    const ratios = bubbles.map((b) => Number(b.r) ** 2 / Number(b["data-weight"]));
    for (const r of ratios) expect(r / ratios[0]).toBeCloseTo(1, 2);
    expect(attrsOf(svg, "fit")).toHaveLength(1);
    expect(attrsOf(svg, "band")).toHaveLength(1);
    expect(formatSlope(fit)).toBe("Slope 0.929 [0.349, 1.509], P = 0.002");
    expect(svg).toContain(">Slope 0.929 [0.349, 1.509], P = 0.002<");
  });

  it("refuses a moderator with one value", () => {
    expect(() => regressionVcov([{ x: 1, vi: 0.1 }, { x: 1, vi: 0.2 }])).toThrow(/two distinct values/);
  });
});
