import { describe, expect, it } from "vitest";
import { symmetricAxis, tickLabel } from "./axis";
import { renderForestPlot, renderIntervalPlot, type ForestPlotInput, type ForestStudy } from "./forest";
import { readSvgBoxes } from "./svg-inspect";
import { textWidth } from "./svg-text";

const Z = 1.959963984540054;
type El = { tag: string; attrs: Record<string, string>; text: string };

/** Every rect/polygon/line/circle/text element with its attributes (the charts write flat SVG). */
function elements(svg: string): El[] {
  const out: El[] = [];
  const re = /<(rect|polygon|line|circle|text)\s([^>]*?)\/?>(?:([^<]*)<\/text>)?/g;
  for (const m of svg.matchAll(re)) {
    const attrs = Object.fromEntries([...m[2].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    out.push({ tag: m[1], attrs, text: (m[3] ?? "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">") });
  }
  return out;
}
const byRole = (svg: string, role: string) => elements(svg).filter((e) => e.attrs["data-role"] === role);

/** The pixel mapping of the graph, read back from the outer tick labels. */
function axisOf(svg: string) {
  const ticks = byRole(svg, "tick");
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  const [v0, v1] = [Number(first.text), Number(last.text)];
  const [x0, x1] = [Number(first.attrs.x), Number(last.attrs.x)];
  return (v: number) => x0 + ((v - v0) / (v1 - v0)) * (x1 - x0);
}

const generic = (label: string, yi: number, se: number, weight: number): ForestStudy => ({ label, estimate: yi, ciLower: yi - Z * se, ciUpper: yi + Z * se, weight, arms: { kind: "generic", estimate: yi, se } });

// 001 seed, Figure 7 (MAR): Hu 2020 5.28 [-0.06, 10.63], Yang 2022 12.08 [7.81, 16.35]; SEs from the CIs.
const figure7: ForestPlotInput = {
  measureLabel: "Std. Mean Difference", methodLabel: "IV, Random, 95% CI", scale: "linear",
  sections: [{ studies: [generic("Hu 2020", 5.28, 2.7296, 45.3), generic("Yang 2022", 12.08, 2.1786, 54.7)] }],
  total: { estimate: 8.88, ciLower: 2.23, ciUpper: 15.53, heterogeneity: { tau2: 17.0206, Q: 3.7958, df: 1, pValue: 0.0514 }, overallEffect: { statistic: 2.62, pValue: 0.0088 } },
  favours: { intervention: "MSC-EVs", control: "control", direction: "higher" },
};

describe("renderForestPlot", () => {
  it("writes the 001 seed's Figure 7 lines exactly as RevMan", () => {
    const boxes = readSvgBoxes(renderForestPlot(figure7));
    expect(boxes.get("heterogeneity-total")).toBe("Heterogeneity: Tau² = 17.02; Chi² = 3.80, df = 1 (P = 0.05); I² = 74%");
    expect(boxes.get("overall-total")).toBe("Test for overall effect: Z = 2.62 (P = 0.009)");
    expect(boxes.get("pooled-total")).toBe("100.0% 8.88 [2.23, 15.53]");
    expect(boxes.get("cells-0")).toBe("5.28 2.7296 45.3% 5.28 [-0.07, 10.63]");
  });

  it("writes T under Hartung–Knapp and P < 0.00001 for tiny p", () => {
    const svg = renderForestPlot({ ...figure7, total: { ...figure7.total!, overallEffect: { statistic: -5.1, pValue: 3e-7, test: "knha" } } });
    expect(readSvgBoxes(svg).get("overall-total")).toBe("Test for overall effect: T = 5.10 (P < 0.00001)");
  });

  it("maps the diamond's x extents to the pooled CI through the axis", () => {
    const svg = renderForestPlot(figure7);
    const X = axisOf(svg);
    const pts = byRole(svg, "diamond")[0].attrs.points.split(" ").map((p) => p.split(",").map(Number));
    expect(pts[0][0]).toBeCloseTo(X(2.23), 1);
    expect(pts[2][0]).toBeCloseTo(X(15.53), 1);
    expect(pts[1][0]).toBeCloseTo(X(8.88), 1);
  });

  it("gives squares areas proportional to the weights", () => {
    const weights = [5, 10, 20, 40, 25];
    const svg = renderForestPlot({ ...figure7, sections: [{ studies: weights.map((w, i) => generic(`S${i}`, i, 1, w)) }] });
    const squares = byRole(svg, "square");
    expect(squares).toHaveLength(5);
    const ratios = squares.map((s) => Number(s.attrs.width) ** 2 / Number(s.attrs["data-weight"]));
    for (const r of ratios) expect(r / ratios[0]).toBeCloseTo(1, 1);
    expect(Number(squares[3].attrs.width) / Number(squares[0].attrs.width)).toBeCloseTo(Math.sqrt(8), 1);
  });

  it("draws arrows exactly where a CI runs past the axis", () => {
    const studies = [generic("Inside", 0.5, 0.2, 30), { ...generic("Past right", 1, 0.2, 30), ciUpper: 3.5 }, { ...generic("Past both", 0, 0.2, 40), ciLower: -4, ciUpper: 4 }];
    const svg = renderForestPlot({ ...figure7, axisLimits: [-2, 2], sections: [{ studies }], total: { estimate: 0.5, ciLower: 0.1, ciUpper: 0.9 } });
    const arrows = byRole(svg, "arrow").map((a) => a.attrs["data-direction"]).sort();
    expect(arrows).toEqual(["left", "right", "right"]);
    expect(byRole(renderForestPlot(figure7), "arrow")).toHaveLength(0);
  });

  it("aligns the decimal points of every number column", () => {
    const studies: ForestStudy[] = [
      { label: "A", estimate: 1.234, ciLower: -10.5, ciUpper: 12.97, weight: 8.6, arms: { kind: "continuous", experimental: { mean: 112.5, sd: 3.25, n: 8 }, control: { mean: 9.1, sd: 13.4, n: 12 } } },
      { label: "B", estimate: -0.5, ciLower: -1.1, ciUpper: 0.1, weight: 91.4, arms: { kind: "continuous", experimental: { mean: 1.75, sd: 10.5, n: 10 }, control: { mean: 20, sd: 0.5, n: 10 } } },
    ];
    const svg = renderForestPlot({ ...figure7, sections: [{ studies }] });
    const cols = new Map<string, number[]>();
    for (const t of elements(svg).filter((e) => e.tag === "text" && e.attrs["data-col"] && e.text.includes("."))) {
      const dot = Number(t.attrs.x) - textWidth(t.text.slice(t.text.indexOf(".")), 9);
      cols.set(t.attrs["data-col"], [...(cols.get(t.attrs["data-col"]) ?? []), dot]);
    }
    expect([...cols.keys()].sort()).toEqual(["c.mean", "c.sd", "e.mean", "e.sd", "ef.est", "ef.hi", "ef.lo", "weight"]);
    for (const [, xs] of cols) for (const x of xs) expect(x).toBeCloseTo(xs[0], 6);
    expect(readSvgBoxes(svg).get("cells-1")).toBe("1.75 10.50 10 20.00 0.50 10 91.4% -0.50 [-1.10, 0.10]");
  });

  it("puts Favours [intervention] on the side the outcome's direction says", () => {
    const right = (d: "higher" | "lower") => byRole(renderForestPlot({ ...figure7, favours: { ...figure7.favours!, direction: d } }), "favours-right")[0].text;
    expect(right("higher")).toBe("Favours [MSC-EVs]");
    expect(right("lower")).toBe("Favours [control]");
  });

  it("draws subgroups with their own diamonds and lines, the total and the subgroup-difference test", () => {
    const het = { tau2: 0.1, Q: 4, df: 2, pValue: 0.135 };
    const svg = renderForestPlot({
      ...figure7,
      sections: [
        { title: "Rat", studies: [generic("R1", 1, 1, 20), generic("R2", 2, 1, 20), generic("R3", 3, 1, 20)], subtotal: { estimate: 2, ciLower: 1, ciUpper: 3, heterogeneity: het, overallEffect: { statistic: 3.9, pValue: 0.0001 } } },
        { title: "Mouse", studies: [generic("M1", 0, 1, 40)], subtotal: { estimate: 0, ciLower: -1.96, ciUpper: 1.96 } },
      ],
      total: { ...figure7.total!, prediction: { lower: -3, upper: 20 } },
      subgroupTest: { Q: 3.2, df: 1, pValue: 0.0736 },
    });
    const boxes = readSvgBoxes(svg);
    expect(byRole(svg, "diamond").map((d) => d.attrs["data-kind"])).toEqual(["subtotal", "subtotal", "total"]);
    expect(boxes.get("heterogeneity-subgroup-0")).toBe("Heterogeneity: Tau² = 0.10; Chi² = 4.00, df = 2 (P = 0.14); I² = 50%");
    expect(boxes.get("overall-subgroup-0")).toBe("Test for overall effect: Z = 3.90 (P = 0.0001)");
    expect(boxes.get("subgroup-differences")).toBe("Test for subgroup differences: Chi² = 3.20, df = 1 (P = 0.07), I² = 68.8%");
    expect(byRole(svg, "subgroup-heading").map((h) => h.text)).toEqual(["Rat", "Mouse"]);
    expect(byRole(svg, "prediction")).toHaveLength(1);
    // Subtotal weights are the sums of their studies'.
    expect(svg).toContain(">60.0%<");
  });

  it("stays readable with 100 long-named studies: names wrap inside their column and rows never overlap", () => {
    const long = "Study of mesenchymal stromal cell extracellular vesicles in ovariectomised rats";
    const studies = Array.from({ length: 100 }, (_, i) => generic(i % 5 ? `Author ${i}` : `${long} ${i}`, (i % 7) / 7, 0.3, 1));
    const svg = renderForestPlot({ ...figure7, sections: [{ studies }] });
    const boxes = readSvgBoxes(svg);
    expect(boxes.get("label-0")).toBe(`${long} 0`);
    const texts = elements(svg).filter((e) => e.tag === "text");
    const firstNumberX = Math.min(...texts.filter((t) => t.attrs["data-col"] === "g.est").map((t) => Number(t.attrs.x) - textWidth(t.text, 9) * 1.1));
    const labelTexts = texts.filter((t) => Number(t.attrs.x) === 8 && !t.attrs["data-role"] && !t.attrs["font-weight"] && !t.attrs["font-size"]);
    for (const t of labelTexts) expect(Number(t.attrs.x) + textWidth(t.text, 9)).toBeLessThan(firstNumberX);
    const ys = byRole(svg, "square").map((s) => Number(s.attrs.y));
    for (let i = 1; i < ys.length; i++) expect(ys[i] - ys[i - 1]).toBeGreaterThanOrEqual(12);
    expect(byRole(svg, "square")).toHaveLength(100);
  });

  it("shows a study without an estimate as Not estimable and draws risk-of-bias judgements", () => {
    const svg = renderForestPlot({
      ...figure7,
      sections: [{ studies: [{ label: "Empty", estimate: null, ciLower: null, ciUpper: null, weight: 0, rob: ["LOW", "HIGH"] }, { ...generic("Full", 1, 1, 100), rob: ["UNCLEAR", null] }] }],
      rob: { items: [{ code: "A", label: "Random sequence generation" }, { code: "B", label: "Blinding" }] },
    });
    expect(readSvgBoxes(svg).get("cells-0")).toContain("Not estimable");
    const rob = svg.match(/data-judgement="(\w+)"><circle[^>]*fill="([^"]+)"/g)!.map((m) => m.replace(/.*judgement="(\w+)".*fill="([^"]+)"/, "$1 $2"));
    expect(rob).toEqual(["LOW #02C100", "HIGH #BF0000", "UNCLEAR #E2DF07"]);
    expect(byRole(svg, "rob-legend").map((t) => t.text)).toEqual(["(A) Random sequence generation", "(B) Blinding"]);
  });
});

describe("axes", () => {
  it("gives symmetric log ticks: every tick's reciprocal is a tick", () => {
    for (const extent of [0.5, 1.2, 2, 4, 6]) {
      const axis = symmetricAxis(extent, "log");
      const ticks = axis.ticks;
      ticks.forEach((t, i) => expect(t).toBeCloseTo(-ticks[ticks.length - 1 - i], 12));
      expect(axis.max).toBeGreaterThanOrEqual(extent);
    }
    expect(symmetricAxis(Math.log(50), "log").ticks.map((t) => tickLabel(t, "log"))).toEqual(["0.01", "0.1", "1", "10", "100"]);
    expect(symmetricAxis(Math.log(7), "log").ticks.map((t) => tickLabel(t, "log"))).toEqual(["0.1", "0.2", "0.5", "1", "2", "5", "10"]);
  });

  it("gives symmetric linear limits 1, 2, 5 × 10^k", () => {
    expect(symmetricAxis(15.53, "linear").ticks).toEqual([-20, -10, 0, 10, 20]);
    expect(symmetricAxis(0.8, "linear").ticks).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it("draws a log-scale OR plot with exp labels and a dashed reference line in leave-one-out", () => {
    const svg = renderIntervalPlot({
      measureLabel: "Odds Ratio", scale: "log", studyHeader: "Study omitted", extraColumns: ["I²"],
      rows: [{ label: "Omitting A", estimate: Math.log(0.5), ciLower: Math.log(0.3), ciUpper: Math.log(0.9), extra: ["12%"] }],
      reference: { estimate: Math.log(0.55), ciLower: Math.log(0.35), ciUpper: Math.log(0.85) },
    });
    const boxes = readSvgBoxes(svg);
    expect(boxes.get("cells-0")).toBe("12% 0.50 [0.30, 0.90]");
    expect(byRole(svg, "reference-line")).toHaveLength(1);
    expect(byRole(svg, "tick").map((t) => t.text)).toEqual(["0.2", "0.5", "1", "2", "5"]);
  });
});
