import { describe, expect, it } from "vitest";
import { computeLogOr, computeLogRr, computeMd, computeRd, computeSmd } from "./effect-sizes";
import { fitRma } from "./random-effects";
import { predictPooled } from "./prediction";
import { confintTau2 } from "./tau2-confint";
import { datBcg, datHine1989, datNormand1999, datRaudenbush1985 } from "./testdata/datasets";

/** |actual − expected| ≤ tol·|expected| (relative), for values quoted to many digits. */
function expectRel(actual: number, expected: number, tol: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

const bcg = (measure: "RR" | "OR" | "RD") => {
  const f = measure === "RR" ? computeLogRr : measure === "OR" ? computeLogOr : computeRd;
  const es = datBcg.tpos.map((_, i) => f({ ai: datBcg.tpos[i], bi: datBcg.tneg[i], ci: datBcg.cpos[i], di: datBcg.cneg[i] }));
  return { yi: es.map((e) => e.yi), vi: es.map((e) => e.vi) };
};

// Kacker (2004) example; metafor output dumped at full precision in statsmodels
// statsmodels/stats/tests/results/results_meta.py (exk1_fe, exk1_dl, exk1_dl_hksj, exk1_metafor).
const kacker = {
  yi: [61.0, 61.4, 62.21, 62.3, 62.34, 62.6, 62.7, 62.84, 65.9],
  vi: [0.2025, 1.21, 0.09, 0.2025, 0.3844, 0.5625, 0.0676, 0.0225, 1.8225],
};

describe("fitRma against metafor at full precision (Kacker 2004 data, statsmodels results_meta.py)", () => {
  it("FE: b 62.5833970939982, se 0.107845705498231, QE 24.801897741835, QEp 0.00167935146372742, I2 67.744403741711, H2 3.10023721772938", () => {
    const r = fitRma(kacker.yi, kacker.vi, { method: "FE" });
    expectRel(r.beta[0], 62.5833970939982, 1e-12);
    expectRel(r.se[0], 0.107845705498231, 1e-10);
    expectRel(r.ciLower[0], 62.3720233953344, 1e-12);
    expectRel(r.QE, 24.801897741835, 1e-10);
    expectRel(r.QEp, 0.00167935146372742, 1e-8);
    expectRel(r.I2, 67.744403741711, 1e-10);
    expectRel(r.H2, 3.10023721772938, 1e-10);
  });
  it("DL: b 62.3901386044504, se 0.245749668040304, tau2 0.288049246973751, ci 61.9084781058787..62.8717991030221", () => {
    const r = fitRma(kacker.yi, kacker.vi, { method: "DL" });
    expectRel(r.beta[0], 62.3901386044504, 1e-12);
    expectRel(r.se[0], 0.245749668040304, 1e-10);
    expectRel(r.tau2, 0.288049246973751, 1e-10);
    expectRel(r.ciLower[0], 61.9084781058787, 1e-12);
    expectRel(r.ciUpper[0], 62.8717991030221, 1e-12);
    expectRel(r.zval[0], 253.876797075543, 1e-10);
  });
  it("DL + knha: se 0.29477605699879, pval 2.77938607433693e-16, ci 61.710383798052..63.0698934108488", () => {
    const r = fitRma(kacker.yi, kacker.vi, { method: "DL", test: "knha" });
    expectRel(r.se[0], 0.29477605699879, 1e-10);
    expectRel(r.zval[0], 211.652666908108, 1e-10);
    expectRel(r.pval[0], 2.77938607433693e-16, 1e-6);
    expectRel(r.ciLower[0], 61.710383798052, 1e-12);
    expectRel(r.ciUpper[0], 63.0698934108488, 1e-12);
    expect(r.ddf).toBe(8);
  });
  it("PM (control tol = 1e-9): tau2 0.705395309224248, b 62.4076199113286, se 0.338030602684471, I2 83.7218626490482", () => {
    const r = fitRma(kacker.yi, kacker.vi, { method: "PM", control: { tol: 1e-9 } });
    expectRel(r.tau2, 0.705395309224248, 1e-8);
    expectRel(r.beta[0], 62.4076199113286, 1e-12);
    expectRel(r.se[0], 0.338030602684471, 1e-8);
    expectRel(r.I2, 83.7218626490482, 1e-8);
    expectRel(r.H2, 6.14320900751909, 1e-8);
  });
});

describe("fitRma on dat.bcg (log RR)", () => {
  const { yi, vi } = bcg("RR");
  it("FE matches tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r: -0.4303 [-0.5097, -0.3509], z -10.6247, QE 152.2330", () => {
    const r = fitRma(yi, vi, { method: "FE" });
    expect(r.beta[0]).toBeCloseTo(-0.4303, 4);
    expect(r.ciLower[0]).toBeCloseTo(-0.5097, 4);
    expect(r.ciUpper[0]).toBeCloseTo(-0.3509, 4);
    expect(r.zval[0]).toBeCloseTo(-10.6247, 4);
    expect(r.QE).toBeCloseTo(152.233, 4);
  });
  it("DL matches test_misc_metan_vs_rma.uni_with_dat.bcg.r: -0.7141 [-1.0644, -0.3638], z -3.9952, tau2 0.3088, I2 92.1173", () => {
    const r = fitRma(yi, vi, { method: "DL" });
    expect(r.beta[0]).toBeCloseTo(-0.7141, 4);
    expect(r.ciLower[0]).toBeCloseTo(-1.0644, 4);
    expect(r.ciUpper[0]).toBeCloseTo(-0.3638, 4);
    expect(r.zval[0]).toBeCloseTo(-3.9952, 4);
    expect(r.tau2).toBeCloseTo(0.3088, 4);
    expect(r.I2).toBeCloseTo(92.1173, 4);
  });
  it("DL Q-profile CI matches tests/testthat/test_misc_confint.r: tau2 (0.3088, 0.1197, 1.1115), I2 (92.1173, 81.9177, 97.6781), H2 (12.6861, 5.5303, 43.0680)", () => {
    const ci = confintTau2(fitRma(yi, vi, { method: "DL" }));
    [0.3088, 0.1197, 1.1115].forEach((v, i) => expect(ci.tau2[i]).toBeCloseTo(v, 4));
    [92.1173, 81.9177, 97.6781].forEach((v, i) => expect(ci.I2[i]).toBeCloseTo(v, 4));
    [12.6861, 5.5303, 43.068].forEach((v, i) => expect(ci.H2[i]).toBeCloseTo(v, 4));
  });
  it("REML estimate matches the full-data (k = 13) row of cumul() in tests/testthat/test_misc_cumul.r: -0.714532", () => {
    expect(fitRma(yi, vi, { method: "REML" }).beta[0]).toBeCloseTo(-0.714532, 6);
  });
  it("OR FE/DL match test_misc_metan_vs_rma.uni_with_dat.bcg.r: FE -0.4361 (QE 163.1649), DL -0.7474, tau2 0.3663, I2 92.6455", () => {
    const or = bcg("OR");
    const fe = fitRma(or.yi, or.vi, { method: "FE" });
    expect(fe.beta[0]).toBeCloseTo(-0.4361, 4);
    expect(fe.QE).toBeCloseTo(163.1649, 4);
    const dl = fitRma(or.yi, or.vi, { method: "DL" });
    expect(dl.beta[0]).toBeCloseTo(-0.7474, 4);
    expect(dl.tau2).toBeCloseTo(0.3663, 4);
    expect(dl.I2).toBeCloseTo(92.6455, 4);
  });
  it("RD FE/DL match test_misc_metan_vs_rma.uni_with_dat.bcg.r: FE z -4.0448, QE 276.4737; DL z -4.5128, I2 95.6596", () => {
    const rd = bcg("RD");
    const fe = fitRma(rd.yi, rd.vi, { method: "FE" });
    expect(fe.zval[0]).toBeCloseTo(-4.0448, 4);
    expect(fe.QE).toBeCloseTo(276.4737, 4);
    const dl = fitRma(rd.yi, rd.vi, { method: "DL" });
    expect(dl.zval[0]).toBeCloseTo(-4.5128, 4);
    expect(dl.I2).toBeCloseTo(95.6596, 4);
  });
});

describe("fitRma on dat.raudenbush1985 (tests/testthat/test_analysis_example_raudenbush1985.r)", () => {
  const { yi, vi, weeks } = datRaudenbush1985;
  it("REML: tau2 0.0188, estimate 0.0837, QE 35.8295, z 1.6208", () => {
    const r = fitRma(yi, vi, { method: "REML" });
    expect(r.tau2).toBeCloseTo(0.0188, 4);
    expect(r.beta[0]).toBeCloseTo(0.0837, 4);
    expect(r.QE).toBeCloseTo(35.8295, 4);
    expect(r.zval[0]).toBeCloseTo(1.6208, 4);
  });
  it("meta-regression on weeks (capped at 3): tau2 0, coefficients 0.4072, -0.1572, QE 16.5708, z 4.6782, -4.3884", () => {
    const r = fitRma(yi, vi, { method: "REML", mods: [weeks.map((w) => Math.min(w, 3))] });
    expect(r.tau2).toBeCloseTo(0, 4);
    expect(r.beta[0]).toBeCloseTo(0.4072, 4);
    expect(r.beta[1]).toBeCloseTo(-0.1572, 4);
    expect(r.QE).toBeCloseTo(16.5708, 4);
    expect(r.zval[0]).toBeCloseTo(4.6782, 4);
    expect(r.zval[1]).toBeCloseTo(-4.3884, 4);
    expect(r.QM).toBeCloseTo(4.3884 ** 2, 3);
  });
});

describe("fitRma on dat.normand1999 and dat.hine1989 (tests/testthat/test_analysis_example_normand1999.r)", () => {
  it("MD with pooled SDs: FE -3.49 [-5.03, -1.96]; DL -14.10 [-24.45, -3.75] tau2 218.72; REML -15.12 [-32.67, 2.43] tau2 685.20", () => {
    const d = datNormand1999;
    const es = d.n1i.map((_, i) => {
      const sdp = Math.sqrt(((d.n1i[i] - 1) * d.sd1i[i] ** 2 + (d.n2i[i] - 1) * d.sd2i[i] ** 2) / (d.n1i[i] + d.n2i[i] - 2));
      return computeMd({ m1i: d.m1i[i], sd1i: sdp, n1i: d.n1i[i], m2i: d.m2i[i], sd2i: sdp, n2i: d.n2i[i] });
    });
    const yi = es.map((e) => e.yi);
    const vi = es.map((e) => e.vi);
    [40.59, 2.05, 15.28, 150.22, 20.19, 1.22, 95.38, 8.03, 20.69].forEach((v, i) => expect(vi[i]).toBeCloseTo(v, 2));
    const fe = fitRma(yi, vi, { method: "FE" });
    expect(fe.beta[0]).toBeCloseTo(-3.49, 2);
    expect(fe.ciLower[0]).toBeCloseTo(-5.03, 2);
    expect(fe.ciUpper[0]).toBeCloseTo(-1.96, 2);
    const dl = fitRma(yi, vi, { method: "DL" });
    expect(dl.beta[0]).toBeCloseTo(-14.1, 2);
    expect(dl.ciLower[0]).toBeCloseTo(-24.45, 2);
    expect(dl.ciUpper[0]).toBeCloseTo(-3.75, 2);
    expect(dl.tau2).toBeCloseTo(218.72, 2);
    const reml = fitRma(yi, vi, { method: "REML" });
    expect(reml.beta[0]).toBeCloseTo(-15.12, 2);
    expect(reml.ciLower[0]).toBeCloseTo(-32.67, 2);
    expect(reml.ciUpper[0]).toBeCloseTo(2.43, 2);
    expect(reml.tau2).toBeCloseTo(685.2, 2);
  });
  it("SMD, studies 1-4, REML tau2 1.0090 (tests/testthat/test_misc_rma_uni.r)", () => {
    const d = datNormand1999;
    const es = [0, 1, 2, 3].map((i) => computeSmd({ m1i: d.m1i[i], sd1i: d.sd1i[i], n1i: d.n1i[i], m2i: d.m2i[i], sd2i: d.sd2i[i], n2i: d.n2i[i] }));
    expect(fitRma(es.map((e) => e.yi), es.map((e) => e.vi), { method: "REML" }).tau2).toBeCloseTo(1.009, 4);
  });
  it("RD ×100 (dat.hine1989): FE 2.94 [0.4, 5.5]; REML and DL tau2 0.000", () => {
    const d = datHine1989;
    const es = d.ai.map((_, i) => computeRd({ ai: d.ai[i], bi: d.n1i[i] - d.ai[i], ci: d.ci[i], di: d.n2i[i] - d.ci[i] }));
    const yi = es.map((e) => e.yi * 100);
    const vi = es.map((e) => e.vi * 100 ** 2);
    [17.7575, 37.5657, 8.1323, 10.8998, 8.0114, 6.132].forEach((v, i) => expect(vi[i]).toBeCloseTo(v, 4));
    const fe = fitRma(yi, vi, { method: "FE" });
    expect(fe.beta[0]).toBeCloseTo(2.94, 2);
    expect(fe.ciLower[0]).toBeCloseTo(0.4, 1);
    expect(fe.ciUpper[0]).toBeCloseTo(5.5, 1);
    expect(fitRma(yi, vi, { method: "REML" }).tau2).toBeCloseTo(0, 3);
    expect(fitRma(yi, vi, { method: "DL" }).tau2).toBeCloseTo(0, 3);
  });
});

describe("seed paper 001_f7cd7f2ba697a480 (MAR forest plot, RevMan 5.3, DerSimonian-Laird)", () => {
  // Hu 2020 SMD 5.28 [-0.06, 10.63]; Yang 2022 12.08 [7.81, 16.35]; SE = (upper - lower)/(2·1.96)
  const z = 1.959963984540054;
  const yi = [5.28, 12.08];
  const vi = [((10.63 + 0.06) / (2 * z)) ** 2, ((16.35 - 7.81) / (2 * z)) ** 2];
  it("gives 8.88 [2.23, 15.53], Tau² = 17.02, I² = 74%, Z = 2.62, P = 0.009", () => {
    const r = fitRma(yi, vi, { method: "DL" });
    expect(r.beta[0]).toBeCloseTo(8.88, 2);
    expect(r.ciLower[0]).toBeCloseTo(2.23, 2);
    expect(r.ciUpper[0]).toBeCloseTo(15.53, 2);
    expect(Math.round(r.I2)).toBe(74);
    expect(r.zval[0]).toBeCloseTo(2.62, 2);
    expect(r.pval[0]).toBeCloseTo(0.009, 3);
  });
  it("Tau² = 17.02 lies within what the 2-decimal inputs allow (τ² from the centre is 17.028)", () => {
    // The paper prints yi and CI bounds to 2 decimals; RevMan computed τ² from unrounded data. Every
    // corner of the ±0.005 rounding box is refitted and 17.02 (itself ±0.005) must fall in the range.
    const centre = [5.28, -0.06, 10.63, 12.08, 7.81, 16.35];
    let min = Infinity;
    let max = -Infinity;
    for (let mask = 0; mask < 64; mask++) {
      const v = centre.map((c, i) => c + ((mask >> i) & 1 ? 0.005 : -0.005));
      const fit = fitRma([v[0], v[3]], [((v[2] - v[1]) / (2 * z)) ** 2, ((v[5] - v[4]) / (2 * z)) ** 2], { method: "DL" });
      min = Math.min(min, fit.tau2);
      max = Math.max(max, fit.tau2);
    }
    expect(min).toBeLessThanOrEqual(17.025);
    expect(max).toBeGreaterThanOrEqual(17.015);
  });
});

describe("predictPooled", () => {
  it("DL on dat.bcg: exp(pred) 0.4896 [0.3449, 0.6950] (test_misc_metan_vs_rma.uni_with_dat.bcg.r); PI = pred ± 1.96·√(se² + τ²)", () => {
    const { yi, vi } = bcg("RR");
    const fit = fitRma(yi, vi, { method: "DL" });
    const p = predictPooled(fit);
    expect(Math.exp(p.pred)).toBeCloseTo(0.4896, 4);
    expect(Math.exp(p.ciLower)).toBeCloseTo(0.3449, 4);
    expect(Math.exp(p.ciUpper)).toBeCloseTo(0.695, 4);
    expect(p.piUpper - p.pred).toBeCloseTo(1.959963984540054 * Math.sqrt(fit.se[0] ** 2 + fit.tau2), 12);
  });
  it("uses t(k − 1) for knha: Kacker DL + knha interval equals the CI of the fit when τ² term is removed", () => {
    const fit = fitRma(kacker.yi, kacker.vi, { method: "DL", test: "knha" });
    const p = predictPooled(fit);
    expectRel(p.ciLower, 61.710383798052, 1e-12);
    expect(p.piLower).toBeLessThan(p.ciLower);
  });
});

describe("edge cases", () => {
  it("k = 1 gives tau2 0, QE 0, QEp 1, I2 0, H2 1 (metafor)", () => {
    const r = fitRma([0.5], [0.04], { method: "REML" });
    expect([r.tau2, r.QE, r.QEp, r.I2, r.H2]).toEqual([0, 0, 1, 0, 1]);
    expect(r.beta[0]).toBe(0.5);
  });
  it("rejects non-positive variances", () => {
    expect(() => fitRma([1, 2], [0.1, 0], { method: "DL" })).toThrow(/not positive/);
  });
});
