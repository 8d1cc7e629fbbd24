import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { runMetaAnalysis } from "@/lib/stats/analysis";
import { parseMetaRows, type CsvRow } from "@/lib/stats/analysis-input";
import { renderForestPlot } from "./forest";
import { forestInputFromResult } from "./forest-from-result";
import { readSvgBoxes } from "./svg-inspect";

function load(name: string) {
  const parsed = Papa.parse<CsvRow>(readFileSync(new URL(`../stats/testdata/${name}`, import.meta.url), "utf8"), { header: true, skipEmptyLines: "greedy" });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

describe("forestInputFromResult", () => {
  it("turns the 001 seed's MAR analysis into Figure 7's lines", () => {
    const { header, rows } = load("mar-seed.csv");
    const { studies } = parseMetaRows(header, rows, { measure: "GEN" });
    const r = runMetaAnalysis(studies, { measure: "GEN", method: "DL" });
    const input = forestInputFromResult(r, { studies, measureLabel: "Std. Mean Difference", methodLabel: "IV, Random, 95% CI", scale: "linear" });
    const boxes = readSvgBoxes(renderForestPlot(input));
    // The seed CSV holds the 2-decimal CIs, from which τ² is 17.028 (lib/stats/random-effects.test.ts),
    // so Tau² prints 17.03 where RevMan, from the raw data, printed 17.02.
    expect(boxes.get("heterogeneity-total")).toBe("Heterogeneity: Tau² = 17.03; Chi² = 3.80, df = 1 (P = 0.05); I² = 74%");
    expect(boxes.get("overall-total")).toBe("Test for overall effect: Z = 2.62 (P = 0.009)");
    expect(boxes.get("pooled-total")).toBe("100.0% 8.88 [2.23, 15.53]");
  });

  it("gives each subgroup the Chi² of its own studies (equal to running that subgroup alone)", () => {
    const { header, rows } = load("bcg.csv");
    const { studies } = parseMetaRows(header, rows, { measure: "RR", subgroup: "alloc" });
    const r = runMetaAnalysis(studies, { measure: "RR", method: "DL", subgroup: true });
    const input = forestInputFromResult(r, { studies, measureLabel: "Risk Ratio", methodLabel: "IV, Random, 95% CI", scale: "log", subgroupTitle: (g) => `Allocation: ${g}` });
    expect(input.sections.map((s) => s.title)).toEqual(["Allocation: random", "Allocation: alternate", "Allocation: systematic"]);
    const random = studies.filter((s) => s.subgroup === "random");
    const alone = runMetaAnalysis(random, { measure: "RR", method: "DL" });
    expect(input.sections[0].subtotal!.heterogeneity!.Q).toBeCloseTo(alone.Q, 10);
    expect(input.sections[0].subtotal!.estimate).toBeCloseTo(alone.estimate, 10);
    expect(input.sections[0].studies[0].arms?.kind).toBe("binary");
    const svg = renderForestPlot(input);
    expect(readSvgBoxes(svg).get("subgroup-differences")).toMatch(/^Test for subgroup differences: Chi² = \d+\.\d\d, df = 2 \(P [=<] [\d.]+\), I² = \d+\.\d%$/);
  });
});
