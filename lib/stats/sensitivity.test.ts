import { describe, expect, it } from "vitest";
import { computeLogRr } from "./effect-sizes";
import { fitRma } from "./random-effects";
import { cumulativeMetaAnalysis, leaveOneOut } from "./sensitivity";
import { analyseSubgroups, testSubgroupDifferences } from "./subgroups";
import { datBcg } from "./testdata/datasets";

const es = datBcg.tpos.map((_, i) => computeLogRr({ ai: datBcg.tpos[i], bi: datBcg.tneg[i], ci: datBcg.cpos[i], di: datBcg.cneg[i] }));
const yi = es.map((e) => e.yi);
const vi = es.map((e) => e.vi);

describe("cumulative meta-analysis (metafor cumul.rma.uni)", () => {
  it("dat.bcg log RR, REML, ordered by year: estimates as tests/testthat/test_misc_cumul.r to 6 digits", () => {
    const order = datBcg.year.map((y, i) => [y, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    const expected = [-0.889311, -1.325003, -0.97208, -1.001094, -1.101424, -0.973464, -0.901251, -0.788566, -0.865607, -0.785211, -0.708206, -0.794768, -0.714532];
    const out = cumulativeMetaAnalysis(yi, vi, { method: "REML" }, order);
    out.forEach((r, j) => expect(r.estimate).toBeCloseTo(expected[j], 6));
    expect(out[0].tau2).toBe(0);
  });
});

describe("leave-one-out (metafor leave1out.rma.uni)", () => {
  it("each row equals a refit without that study, with the same method and test", () => {
    const loo = leaveOneOut(yi, vi, { method: "REML", test: "knha" });
    expect(loo).toHaveLength(13);
    const third = fitRma(yi.filter((_, i) => i !== 2), vi.filter((_, i) => i !== 2), { method: "REML", test: "knha" });
    expect(loo[2].omitted).toBe(2);
    expect(loo[2].estimate).toBe(third.beta[0]);
    expect(loo[2].ciLower).toBe(third.ciLower[0]);
    expect(loo[2].tau2).toBe(third.tau2);
    expect(loo[2].I2).toBe(third.I2);
  });
});

describe("subgroup analysis", () => {
  it("separate DL fits per allocation group and Q between subgroup estimates (df = G − 1)", () => {
    const { subgroups, test } = analyseSubgroups(yi, vi, datBcg.alloc, { method: "DL" });
    expect(subgroups.map((s) => s.name)).toEqual(["random", "alternate", "systematic"]);
    const random = subgroups[0].indices;
    const direct = fitRma(random.map((i) => yi[i]), random.map((i) => vi[i]), { method: "DL" });
    expect(subgroups[0].fit.beta[0]).toBe(direct.beta[0]);
    const fe = fitRma(subgroups.map((s) => s.fit.beta[0]), subgroups.map((s) => s.fit.se[0] ** 2), { method: "FE" });
    expect(test.df).toBe(2);
    expect(test.Q).toBeCloseTo(fe.QE, 10);
    expect(test.pValue).toBeCloseTo(fe.QEp, 10);
  });
  it("one subgroup: no test (df 0, p NaN)", () => {
    expect(testSubgroupDifferences([{ estimate: 1, se: 1 }]).df).toBe(0);
  });
});
