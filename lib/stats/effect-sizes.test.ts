import { describe, expect, it } from "vitest";
import { computeGeneric, computeLogOr, computeLogRr, computeMd, computeRom, computeSmd, correctZeroCells, hedgesCorrection } from "./effect-sizes";
import { lgamma } from "./special-functions";
import { datNormand1999 } from "./testdata/datasets";

const study = (i: number) => {
  const d = datNormand1999;
  return { m1i: d.m1i[i], sd1i: d.sd1i[i], n1i: d.n1i[i], m2i: d.m2i[i], sd2i: d.sd2i[i], n2i: d.n2i[i] };
};

describe("effect sizes (metafor escalc)", () => {
  it("SMD on dat.normand1999[1:4]: yi -0.3552, -0.3479, -2.3176, -1.8880; vi 0.0131, 0.0645, 0.0458, 0.1606 (tests/testthat/test_misc_escalc.r)", () => {
    const es = [0, 1, 2, 3].map((i) => computeSmd(study(i)));
    [-0.3552, -0.3479, -2.3176, -1.888].forEach((v, i) => expect(es[i].yi).toBeCloseTo(v, 4));
    [0.0131, 0.0645, 0.0458, 0.1606].forEach((v, i) => expect(es[i].vi).toBeCloseTo(v, 4));
  });
  it("ROM on dat.normand1999[1:4]: yi -0.3102, -0.0715, -0.6202, -0.7303; vi 0.0094, 0.0028, 0.0018, 0.0119 (test_misc_escalc.r)", () => {
    const es = [0, 1, 2, 3].map((i) => computeRom(study(i)));
    [-0.3102, -0.0715, -0.6202, -0.7303].forEach((v, i) => expect(es[i].yi).toBeCloseTo(v, 4));
    [0.0094, 0.0028, 0.0018, 0.0119].forEach((v, i) => expect(es[i].vi).toBeCloseTo(v, 4));
  });
  it("MD: yi = m1 - m2 and vi = sd1²/n1 + sd2²/n2", () => {
    const e = computeMd(study(0));
    expect(e.yi).toBe(-20);
    expect(e.vi).toBeCloseTo(47 ** 2 / 155 + 64 ** 2 / 156, 14);
  });
  it("Hedges' exact J(m) = Γ(m/2)/(√(m/2)Γ((m−1)/2)): J(10) from closed-form Γ(5) = 24, Γ(4.5) = 3.5·2.5·1.5·0.5·√π", () => {
    const gamma45 = 3.5 * 2.5 * 1.5 * 0.5 * Math.sqrt(Math.PI);
    expect(hedgesCorrection(10)).toBeCloseTo(24 / (Math.sqrt(5) * gamma45), 14);
    expect(Number.isNaN(hedgesCorrection(1))).toBe(true);
    // lgamma against exact values: ln Γ(5) = ln 24, ln Γ(0.5) = ln √π, ln Γ(101) = ln(100!)
    expect(lgamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lgamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    let lnFact = 0;
    for (let i = 2; i <= 100; i++) lnFact += Math.log(i);
    expect(lgamma(101) / lnFact).toBeCloseTo(1, 13);
  });
  it("RevMan 5 SMD: g = (1 − 3/(4N − 9))·d, v = N/(n1n2) + g²/(2(N − 3.94))", () => {
    const s = study(0);
    const sp = Math.sqrt(((s.n1i - 1) * s.sd1i ** 2 + (s.n2i - 1) * s.sd2i ** 2) / (s.n1i + s.n2i - 2));
    const N = s.n1i + s.n2i;
    const g = (1 - 3 / (4 * N - 9)) * ((s.m1i - s.m2i) / sp);
    const e = computeSmd(s, "revman");
    expect(e.yi).toBeCloseTo(g, 14);
    expect(e.vi).toBeCloseTo(N / (s.n1i * s.n2i) + g ** 2 / (2 * (N - 3.94)), 14);
  });
  it("zero cells: 1/2 added to every cell of that study only (add = 1/2, to = 'only0'); double zeros kept", () => {
    expect(correctZeroCells({ ai: 0, bi: 22, ci: 1, di: 20 })).toEqual({ ai: 0.5, bi: 22.5, ci: 1.5, di: 20.5, corrected: true });
    expect(correctZeroCells({ ai: 2, bi: 3, ci: 4, di: 5 }).corrected).toBe(false);
    const dz = computeLogRr({ ai: 0, bi: 10, ci: 0, di: 12 });
    expect(dz.yi).toBeCloseTo(Math.log(0.5 / 11 / (0.5 / 13)), 14); // n1 = 0.5 + 10.5, n2 = 0.5 + 12.5
    const or = computeLogOr({ ai: 0, bi: 22, ci: 1, di: 20 });
    expect(or.vi).toBeCloseTo(1 / 0.5 + 1 / 22.5 + 1 / 1.5 + 1 / 20.5, 14);
  });
  it("GEN from vi or sei", () => {
    expect(computeGeneric({ yi: 1, sei: 0.5 })).toEqual({ yi: 1, vi: 0.25 });
    expect(computeGeneric({ yi: 1, vi: 0.3 })).toEqual({ yi: 1, vi: 0.3 });
  });
});
