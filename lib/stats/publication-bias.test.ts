import { describe, expect, it } from "vitest";
import { computeLogOr, computeLogRr } from "./effect-sizes";
import { kendallTau, kendallTest, pKendall } from "./kendall";
import { beggTest, eggerTest, trimAndFill } from "./publication-bias";
import { fitRma } from "./random-effects";
import { datBcg, datEgger2001 } from "./testdata/datasets";
import { fitWls, makeDesign } from "./weighted-least-squares";

const d = datEgger2001;
const es = d.ai.map((_, i) => computeLogOr({ ai: d.ai[i], bi: d.n1i[i] - d.ai[i], ci: d.ci[i], di: d.n2i[i] - d.ci[i] }));
const yi = es.map((e) => e.yi);
const vi = es.map((e) => e.vi);

describe("Egger regression test (metafor regtest)", () => {
  it("model = 'rma' (REML, predictor sei): z -4.6686 (tests/testthat/test_misc_pub_bias.r)", () => {
    const fit = fitRma(yi, vi, { method: "REML", mods: [vi.map(Math.sqrt)] });
    expect(fit.zval[1]).toBeCloseTo(-4.6686, 4);
  });
  it("the weighted lm path: model = 'lm', predictor 1/√nᵢ gives t -5.6083 (test_misc_pub_bias.r)", () => {
    const ninv = d.n1i.map((n, i) => 1 / Math.sqrt(n + d.n2i[i]));
    const fit = fitWls(makeDesign(yi.length, [ninv]), Float64Array.from(vi, (v) => 1 / v), yi, false);
    const t = fit.beta[1] / Math.sqrt((fit.rss / (yi.length - 2)) * fit.vb[1][1]);
    expect(t).toBeCloseTo(-5.6083, 4);
  });
  it("eggerTest: t = b_sei/SE with k − 2 df, equal to the classic regression of yᵢ/SEᵢ on 1/SEᵢ", () => {
    const e = eggerTest(yi, vi);
    expect(e.df).toBe(14);
    // classic form: OLS of z = y/se on precision = 1/se; its intercept equals b_sei
    const se = vi.map(Math.sqrt);
    const z = yi.map((y, i) => y / se[i]);
    const prec = se.map((s) => 1 / s);
    const ols = fitWls(makeDesign(yi.length, [prec]), new Float64Array(yi.length).fill(1), z, false);
    expect(e.intercept).toBeCloseTo(ols.beta[0], 10);
    expect(e.statistic).toBeCloseTo(ols.beta[0] / Math.sqrt((ols.rss / 14) * ols.vb[0][0]), 10);
  });
});

describe("Begg rank correlation test (metafor ranktest)", () => {
  it("dat.egger2001: tau 0.15, p 0.4503 (tests/testthat/test_misc_pub_bias.r)", () => {
    const b = beggTest(yi, vi);
    expect(b.tau).toBeCloseTo(0.15, 12);
    expect(b.pValue).toBeCloseTo(0.4503, 4);
    expect(b.exact).toBe(true);
  });
  it("Knight's O(n log n) tau-b equals the O(n²) definition, with ties", () => {
    const x = [1, 2, 2, 3, 5, 5, 5, 8, 9, 1, 4];
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    let s = 0;
    let tx = 0;
    let ty = 0;
    for (let i = 0; i < x.length; i++)
      for (let j = i + 1; j < x.length; j++) {
        s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
        if (x[i] === x[j]) tx++;
        if (y[i] === y[j]) ty++;
      }
    const n0 = (x.length * (x.length - 1)) / 2;
    expect(kendallTau(x, y).tau).toBeCloseTo(s / Math.sqrt((n0 - tx) * (n0 - ty)), 14);
  });
  it("exact null distribution: P(T ≤ 0 | n = 4) = 1/24, P(T ≤ 6 | n = 4) = 1; two-sided p for perfect order n = 5 is 2/120", () => {
    expect(pKendall(0, 4)).toBeCloseTo(1 / 24, 15);
    expect(pKendall(6, 4)).toBe(1);
    expect(kendallTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]).pValue).toBeCloseTo(2 / 120, 15);
  });
});

describe("trim-and-fill (metafor trimfill, L0)", () => {
  it("dat.egger2001 (REML): fills on the side opposite the small-study effect and the refit moves towards the null", () => {
    const t = trimAndFill(yi, vi, { method: "REML" });
    expect(t.side).toBe("right");
    expect(t.k0).toBeGreaterThan(0);
    expect(t.fit.k).toBe(16 + t.k0);
    expect(t.fit.beta[0]).toBeGreaterThan(fitRma(yi, vi, { method: "REML" }).beta[0]);
  });
  it("k0 = 0 returns the original model", () => {
    const bcg = datBcg.tpos.map((_, i) => computeLogRr({ ai: datBcg.tpos[i], bi: datBcg.tneg[i], ci: datBcg.cpos[i], di: datBcg.cneg[i] }));
    const t = trimAndFill([0.1, -0.1, 0.2, -0.2, 0], [0.01, 0.01, 0.04, 0.04, 0.02], { method: "FE" });
    expect(t.k0).toBe(0);
    expect(t.fit.beta[0]).toBeCloseTo(0, 14);
    expect(bcg.length).toBe(13);
  });
});
