import { describe, expect, it } from "vitest";
import { agreementCsv, agreementLevels, computeRobAgreement, type IndependentJudgement } from "./agreement";

// 17 studies × 10 SYRCLE items, two raters (L = LOW, U = UNCLEAR, H = HIGH), one string per item.
const RATER1 = ["UULLHLHLUUUHUHULL", "LHUULHLULUUUUUUUU", "LUULHHHLHLLLHLHLU", "LLHHULLUHLHUUUUUU", "UHLULULULLLLUHLUU", "LHULLHUUUHUULUUUL", "LLHHULUUULUHLHLHU", "LULLULLHULLUUHHLU", "UHLLLLLUUUHUUULUH", "LLLUUULULUULHUUUL"];
const RATER2 = ["UULHHLHLUHLHULHLL", "LHUULHHULUULUUUUU", "LUULHHHLHUHLHHHLU", "HLHHULLUHLHUULUUU", "LHLUHULULLLLUHLUU", "LHULHHUULHUULUUHL", "LLHHHLHUUUUHLHHHU", "LHLLULHHULLUUHHUH", "UHULLLLHLUHULULUH", "LLLUUUHULUHLHUUUL"];
const CODE = { L: "LOW", U: "UNCLEAR", H: "HIGH" } as const;

function judgements(): IndependentJudgement[] {
  const out: IndependentJudgement[] = [];
  [RATER1, RATER2].forEach((rater, r) =>
    rater.forEach((items, i) =>
      [...items].forEach((c, s) => out.push({ studyId: `s${s}`, experiment: "", item: String(i + 1), raterId: `r${r}`, judgement: CODE[c as "L"] })),
    ),
  );
  return out;
}

/*
 * Reference: R 4, psych 2.2.9, the same judgements in long form (item, r1, r2 with L/U/H):
 *   k <- cohen.kappa(cbind(r1, r2), levels = c("L","U","H"))
 *   k$kappa, sqrt(k$var.kappa), k$confid[1, c(1, 3)], k$weighted.kappa, sum(diag(k$agree))
 * per item (subset item == i) and for all 170 pairs pooled.
 */
const PSYCH = [
  [0.5641025641, 0.1567987655, 0.256782631, 0.8714224972, 0.5167958656],
  [0.7834394904, 0.1374014935, 0.5141375118, 1, 0.6082949309],
  [0.7301587302, 0.1373872857, 0.4608845983, 0.999432862, 0.6751592357],
  [0.8191489362, 0.1185881543, 0.5867204248, 1, 0.7368421053],
  [0.8079096045, 0.1265877018, 0.5598022681, 1, 0.7138047138],
  [0.7258064516, 0.1391104691, 0.4531549423, 0.9984579609, 0.6666666667],
  [0.6512820513, 0.1473581318, 0.3624654202, 0.9400986824, 0.701754386],
  [0.6476683938, 0.1462680169, 0.3609883486, 0.934348439, 0.6956521739],
  [0.6363636364, 0.1603924476, 0.3220002157, 0.9507270571, 0.7888198758],
  [0.8023255814, 0.1222758592, 0.5626693013, 1, 0.6640316206],
];

describe("computeRobAgreement", () => {
  const levels = agreementLevels(["HIGH", "LOW", "UNCLEAR"]);
  const result = computeRobAgreement(judgements(), ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], levels);

  it("orders the scale low < unclear < high", () => expect(levels).toEqual(["LOW", "UNCLEAR", "HIGH"]));

  it("matches psych::cohen.kappa per item (kappa, SE, clamped 95% CI, weighted kappa)", () => {
    result.items.forEach((a, i) => {
      const [kappa, se, lo, hi, wk] = PSYCH[i];
      expect(a.n).toBe(17);
      expect(a.kappa).toBeCloseTo(kappa, 9);
      expect(a.se).toBeCloseTo(se, 9);
      expect(a.ciLower).toBeCloseTo(lo, 9);
      expect(a.ciUpper).toBeCloseTo(hi, 9);
      expect(a.weightedKappa).toBeCloseTo(wk, 9);
    });
  });

  it("pools all 170 item judgements for the overall kappa (psych: 0.7231852085, SE 0.0441621121, agreement 0.8176470588)", () => {
    expect(result.overall.n).toBe(170);
    expect(result.overall.kappa).toBeCloseTo(0.7231852085, 9);
    expect(result.overall.se).toBeCloseTo(0.0441621121, 9);
    expect(result.overall.ciLower).toBeCloseTo(0.6366290593, 9);
    expect(result.overall.ciUpper).toBeCloseTo(0.8097413577, 9);
    expect(result.overall.weightedKappa).toBeCloseTo(0.682983683, 9);
    expect(result.overall.observedAgreement).toBeCloseTo(0.8176470588, 9);
    // PABAK with three levels: (3·p_o − 1)/2 (Byrt et al. 1993).
    expect(result.overall.pabak).toBeCloseTo((3 * 0.8176470588 - 1) / 2, 9);
    const averaged = result.items.reduce((s, a) => s + a.kappa, 0) / 10;
    expect(Math.abs(averaged - result.overall.kappa)).toBeGreaterThan(1e-3);
  });

  it("leaves out units only one rater judged, and pairs only the study's first two raters", () => {
    const extra = [...judgements(), { studyId: "s99", experiment: "", item: "1", raterId: "r0", judgement: "LOW" }, { studyId: "s0", experiment: "", item: "1", raterId: "r2", judgement: "HIGH" }];
    const again = computeRobAgreement(extra, ["1"], levels);
    expect(again.items[0].n).toBe(17);
    expect(again.items[0].kappa).toBeCloseTo(PSYCH[0][0], 9);
  });

  it("writes a CSV with an overall row; an item nobody paired has n = 0 and empty cells", () => {
    const csv = agreementCsv(computeRobAgreement(judgements(), ["1", "C1"], levels));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("item,n,kappa,se,ciLower,ciUpper,observedAgreement,pabak,weightedKappa");
    expect(lines[1].startsWith("1,17,0.564103,")).toBe(true);
    expect(lines[2]).toBe("C1,0,,,,,,,");
    expect(lines[3].startsWith("overall,17,")).toBe(true);
  });
});

describe("runAgreement with text levels (sieve kappa --levels)", () => {
  // R 4, psych 2.2.9: d <- data.frame(rater1 = c("low","unclear","high","low","unclear","high","low","unclear"),
  //   rater2 = c("low","high","high","unclear","unclear","unclear","low","unclear"))
  // cohen.kappa(cbind(d$rater1, d$rater2), levels = c("low","unclear","high")): kappa 0.4285714, weighted 0.6666667;
  // without levels (factor order high < low < unclear): weighted 0.1428571.
  const items = [["low", "low"], ["unclear", "high"], ["high", "high"], ["low", "unclear"], ["unclear", "unclear"], ["high", "unclear"], ["low", "low"], ["unclear", "unclear"]];
  it("orders by the given levels, else by sorted text as R's factor()", async () => {
    const { runAgreement } = await import("@/lib/stats/agreement");
    const ordered = runAgreement(items, "quadratic", ["low", "unclear", "high"]);
    expect(ordered.kappa).toBeCloseTo(0.4285714, 7);
    expect(ordered.weightedKappa).toBeCloseTo(0.6666667, 7);
    expect(runAgreement(items, "quadratic").weightedKappa).toBeCloseTo(0.1428571, 7);
    expect(() => runAgreement(items, "none", ["low", "high"])).toThrow(/"unclear" is not one of the levels/);
  });
});
