import { describe, expect, it } from "vitest";
import { fitMantelHaenszel } from "./mantel-haenszel";
import { datBcg } from "./testdata/datasets";

const tables = datBcg.tpos.map((_, i) => ({ ai: datBcg.tpos[i], bi: datBcg.tneg[i], ci: datBcg.cpos[i], di: datBcg.cneg[i] }));

describe("fitMantelHaenszel (metafor rma.mh) on dat.bcg", () => {
  // tests/testthat/test_misc_metan_vs_rma.mh_with_dat.bcg.r
  it("RR: -0.4537 [-0.5308, -0.3766], z -11.5338, QE 152.5676", () => {
    const r = fitMantelHaenszel(tables, "RR");
    expect(r.estimate).toBeCloseTo(-0.4537, 4);
    expect(r.ciLower).toBeCloseTo(-0.5308, 4);
    expect(r.ciUpper).toBeCloseTo(-0.3766, 4);
    expect(r.zval).toBeCloseTo(-11.5338, 4);
    expect(r.QE).toBeCloseTo(152.5676, 4);
  });
  it("OR: -0.4734 [-0.5538, -0.3930], z -11.5444, QE 163.9426", () => {
    const r = fitMantelHaenszel(tables, "OR");
    expect(r.estimate).toBeCloseTo(-0.4734, 4);
    expect(r.ciLower).toBeCloseTo(-0.5538, 4);
    expect(r.ciUpper).toBeCloseTo(-0.393, 4);
    expect(r.zval).toBeCloseTo(-11.5444, 4);
    expect(r.QE).toBeCloseTo(163.9426, 4);
  });
  it("RD: -0.0033 [-0.0039, -0.0027], z -11.4708 (Sato-Greenland-Robins SE), QE 386.7759", () => {
    const r = fitMantelHaenszel(tables, "RD");
    expect(r.estimate).toBeCloseTo(-0.0033, 4);
    expect(r.ciLower).toBeCloseTo(-0.0039, 4);
    expect(r.ciUpper).toBeCloseTo(-0.0027, 4);
    expect(r.zval).toBeCloseTo(-11.4708, 4);
    expect(r.QE).toBeCloseTo(386.7759, 4);
  });
  it("cumulative RR by year matches tests/testthat/test_misc_cumul.r to 6 digits", () => {
    const order = datBcg.year.map((y, i) => [y, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    const expected = [-0.889311, -1.351739, -0.827295, -0.837892, -0.894003, -0.850672, -0.835785, -0.774442, -0.789605, -0.666015, -0.635076, -0.775798, -0.45371];
    order.forEach((_, j) => {
      const r = fitMantelHaenszel(order.slice(0, j + 1).map((i) => tables[i]), "RR");
      expect(r.estimate).toBeCloseTo(expected[j], 6);
    });
  });
  it("double-zero tables are counted in k but left out of Q (drop00 = TRUE for escalc)", () => {
    const withZero = [...tables, { ai: 0, bi: 50, ci: 0, di: 50 }];
    const r = fitMantelHaenszel(withZero, "OR");
    const base = fitMantelHaenszel(tables, "OR");
    expect(r.k).toBe(14);
    expect(r.kYi).toBe(13);
    expect(r.QEdf).toBe(12);
    expect(r.studies[13]).toBeNull();
    expect(r.estimate).toBeCloseTo(base.estimate, 14);
    expect(r.QE).toBeCloseTo(base.QE, 10);
  });
});
