import { describe, expect, it } from "vitest";
import { agreementByPair, agreementCsv, kappaCategory, pairRatings } from "@/lib/screening/agreement-input";
import { runAgreement } from "@/lib/stats/agreement";

const votes = (pairs: [string, string][], a = "A", b = "B") =>
  pairs.flatMap(([x, y], i) => [
    { recordId: `r${i}`, reviewerId: a, firstDecision: x },
    { recordId: `r${i}`, reviewerId: b, firstDecision: y },
  ]);

describe("agreement inputs", () => {
  it("counts maybe as include (Covidence's rule)", () => {
    expect(kappaCategory("MAYBE")).toBe("INCLUDE");
    expect(kappaCategory("EXCLUDE")).toBe("EXCLUDE");
  });

  it("pairs first votes per pair of reviewers, skipping records only one of them saw", () => {
    const v = [...votes([["INCLUDE", "MAYBE"]]), { recordId: "solo", reviewerId: "A", firstDecision: "EXCLUDE" }];
    expect(pairRatings(v)).toEqual([{ reviewerA: "A", reviewerB: "B", items: [["INCLUDE", "INCLUDE"]] }]);
  });

  it("matches runAgreement (the `sieve kappa` code) on the same ratings", () => {
    // 20 records: 7 both include, 9 both exclude, 3 A-include/B-exclude, 1 A-exclude/B-maybe.
    const table: [string, string][] = [
      ...Array(7).fill(["INCLUDE", "INCLUDE"]),
      ...Array(9).fill(["EXCLUDE", "EXCLUDE"]),
      ...Array(3).fill(["INCLUDE", "EXCLUDE"]),
      ["EXCLUDE", "MAYBE"],
    ];
    const [pair] = agreementByPair(votes(table));
    const expected = runAgreement(table.map(([x, y]) => [kappaCategory(x), kappaCategory(y)]));
    expect(pair.n).toBe(20);
    expect(pair.percentAgreement).toBeCloseTo(16 / 20, 12);
    expect(pair.kappa).toBeCloseTo(expected.kappa, 12);
    expect(pair.ciLower).toBeCloseTo(expected.ciLower, 12);
    expect(pair.pabak).toBeCloseTo(2 * 0.8 - 1, 12);
    // Hand check: po = 0.8, pA(inc) = 0.5, pB(inc) = 0.4, pe = 0.5·0.4 + 0.5·0.6 = 0.5, κ = 0.6.
    expect(pair.kappa).toBeCloseTo(0.6, 12);
  });

  it("writes CSV with formula-looking names defused", () => {
    const [pair] = agreementByPair(votes([["INCLUDE", "INCLUDE"], ["EXCLUDE", "EXCLUDE"]]));
    const csv = agreementCsv("TITLE_ABSTRACT", [{ ...pair, nameA: "=cmd()", nameB: "Bo, B" }]);
    expect(csv.split("\r\n")[1]).toBe(`TITLE_ABSTRACT,'=cmd(),"Bo, B",2,1,1,1,1,1,Almost perfect`);
  });
});
