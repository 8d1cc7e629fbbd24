/**
 * Issue #6: "the kappa shown matches `sieve kappa` on the same votes". The screening page's
 * figures come from agreementByPair; here the same votes are written as the CLI's rater1,rater2
 * CSV and the real CLI is run on them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agreementByPair, pairRatings, type FirstVote } from "./agreement-input";

// 40 records: both include 12, both exclude 19, A includes/B excludes 5, A maybe/B exclude 2, A excludes/B includes 2.
const votes: FirstVote[] = [];
const add = (n: number, a: string, b: string) => {
  for (let i = 0; i < n; i++) {
    const recordId = `r${votes.length / 2}`;
    votes.push({ recordId, reviewerId: "alice", firstDecision: a }, { recordId, reviewerId: "bob", firstDecision: b });
  }
};
add(12, "INCLUDE", "INCLUDE");
add(19, "EXCLUDE", "EXCLUDE");
add(5, "INCLUDE", "EXCLUDE");
add(2, "MAYBE", "EXCLUDE");
add(2, "EXCLUDE", "INCLUDE");

describe("screening agreement equals sieve kappa", () => {
  it("on the same first votes (maybe counted as include)", () => {
    const [shown] = agreementByPair(votes);
    const [pair] = pairRatings(votes);
    const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-kappa-"));
    const file = path.join(dir, "votes.csv");
    writeFileSync(file, ["rater1,rater2", ...pair.items.map(([a, b]) => `${a},${b}`)].join("\n"));
    const out = execFileSync("npm", ["run", "--silent", "sieve", "--", "kappa", "--data", file, "--json"], { encoding: "utf8" });
    const cli = JSON.parse(out);
    expect(cli.n).toBe(40);
    expect(shown.n).toBe(40);
    expect(shown.kappa).toBe(cli.kappa);
    expect(shown.ciLower).toBe(cli.ciLower);
    expect(shown.ciUpper).toBe(cli.ciUpper);
    expect(shown.pabak).toBe(cli.pabak);
    expect(shown.percentAgreement).toBeCloseTo(cli.observedAgreement, 14);
    // By hand: po = 31/40; pA(incl) = 19/40, pB(incl) = 14/40; pe = (19·14 + 21·26)/1600 = 0.5075.
    expect(cli.kappa).toBeCloseTo((31 / 40 - 0.5075) / (1 - 0.5075), 14);
  });
});
