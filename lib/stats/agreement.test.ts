import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, kappaFromTable, kappaWeights, landisKochLabel, pabak, percentAgreement, runAgreement } from "./agreement";

/** Expands a 2×2 table of counts into two rating vectors. */
function expand(table: number[][]) {
  const r1: number[] = [];
  const r2: number[] = [];
  table.forEach((row, i) => row.forEach((n, j) => {
    for (let m = 0; m < n; m++) {
      r1.push(i);
      r2.push(j);
    }
  }));
  return { r1, r2 };
}

describe("Cohen's kappa with the Fleiss-Cohen-Everitt (1969) large-sample SE", () => {
  it("statpsych ci.kappa(.05, 31, 12, 4, 58) docs: Cohen kappa 0.6756757, SE 0.07344761, CI 0.5317210 to 0.8196303", () => {
    // https://dgbonett.github.io/statpsych/reference/ci.kappa.html (Fleiss & Paik 2003 SE, same as FCE 1969 / psych)
    const { r1, r2 } = expand([[31, 12], [4, 58]]);
    const k = cohenKappa(r1, r2);
    expect(k.kappa).toBeCloseTo(0.6756757, 7);
    expect(k.se).toBeCloseTo(0.07344761, 8);
    expect(k.ciLower).toBeCloseTo(0.531721, 6);
    expect(k.ciUpper).toBeCloseTo(0.8196303, 7);
  });
  it("Cohen (1968) table from the psych::cohen.kappa examples: kappa .492 and weighted kappa .348 ('cohen reports .492 and .348')", () => {
    const cohen = [[0.44, 0.07, 0.09], [0.05, 0.2, 0.05], [0.01, 0.03, 0.06]];
    const disagreement = [[0, 1, 3], [1, 0, 6], [3, 6, 0]];
    expect(kappaFromTable(cohen, kappaWeights(3, "none"), 200).kappa).toBeCloseTo(0.492, 3);
    const w = disagreement.map((r) => r.map((v) => 1 - v / 6));
    expect(kappaFromTable(cohen, w, 200).kappa).toBeCloseTo(0.348, 3);
  });
  it("weights: linear 1 − |i−j|/(c−1), quadratic 1 − (i−j)²/(c−1)²", () => {
    expect(kappaWeights(3, "linear")[0]).toEqual([1, 0.5, 0]);
    expect(kappaWeights(5, "quadratic")[0][2]).toBeCloseTo(0.75, 15);
  });
  it("percent agreement and PABAK = 2·po − 1 for two categories", () => {
    const { r1, r2 } = expand([[31, 12], [4, 58]]);
    expect(percentAgreement(r1, r2)).toBeCloseTo(89 / 105, 15);
    expect(pabak(89 / 105, 2)).toBeCloseTo(2 * (89 / 105) - 1, 15);
  });
});

describe("Fleiss' kappa", () => {
  it("Wikipedia 'Fleiss' kappa' worked example (10 subjects, 14 raters, 5 categories): P̄ = 0.378, P̄e = 0.213, κ = 0.210", () => {
    const counts = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const items = counts.map((row) => row.flatMap((n, j) => Array<number>(n).fill(j + 1)));
    const f = fleissKappa(items);
    expect(f.observed).toBeCloseTo(0.378, 3);
    expect(f.expected).toBeCloseTo(0.213, 3);
    expect(f.kappa).toBeCloseTo(0.21, 3);
  });
  it("two raters: Fleiss' kappa equals Scott's pi, (po − pe)/(1 − pe) with pooled marginals", () => {
    const items = [[1, 1], [1, 2], [2, 2], [2, 2], [1, 1], [2, 1]];
    const p1 = 6 / 12;
    expect(fleissKappa(items).kappa).toBeCloseTo((4 / 6 - (p1 ** 2 + (1 - p1) ** 2)) / (1 - (p1 ** 2 + (1 - p1) ** 2)), 14);
  });
});

describe("Landis-Koch labels and the CLI summary", () => {
  it("labels", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(landisKochLabel)).toEqual(["Poor", "Slight", "Fair", "Moderate", "Substantial", "Almost perfect"]);
  });
  it("runAgreement adds weighted and Fleiss' kappa when asked", () => {
    const items = [[1, 1, 1], [2, 2, 3], [3, 3, 3], [1, 2, 1], [2, 2, 2], [3, 2, 3]];
    const r = runAgreement(items, "quadratic");
    expect(r.n).toBe(6);
    expect(r.weightedKappa).toBeCloseTo(cohenKappa(items.map((i) => i[0]), items.map((i) => i[1]), "quadratic").kappa, 15);
    expect(r.fleissKappa).toBeCloseTo(fleissKappa(items).kappa, 15);
  });
});
