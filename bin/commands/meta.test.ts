import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { meta } from "./meta";

// vitest runs from the repository root.
const data = path.resolve("lib/stats/testdata/reported-form.csv");

async function runJson(args: string[]): Promise<Record<string, unknown>> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await meta.run([...args, "--json"])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

afterEach(() => vi.restoreAllMocks());

describe("sieve meta on the outcome layout", () => {
  it("reported-form arms (SE, CI, median/IQR, range) give metafor's numbers, with conversions and dropped listed", async () => {
    // Reference: lib/stats/testdata/r/reported-form-reference.R (arms converted in R, escalc + rma,
    // metafor 3.8.1): MAR: k=6 estimate=1.2522056066914 ciLower=0.740883719744711
    // ciUpper=1.76352749363809 tau2=0.149116832888771 I2=37.2735723080472
    const r = await runJson(["--data", data, "--measure", "SMD", "--method", "REML", "--outcome", "MAR", "--timepoint", "4 weeks"]);
    expect(r.k).toBe(6);
    expect(r.estimate).toBeCloseTo(1.2522056066914, 6);
    expect(r.ciLower).toBeCloseTo(0.740883719744711, 6);
    expect(r.ciUpper).toBeCloseTo(1.76352749363809, 6);
    expect(r.tau2).toBeCloseTo(0.149116832888771, 6);
    expect(r.I2).toBeCloseTo(37.2735723080472, 6);
    expect(r.dropped).toEqual([{ study: "Fox 2022", row: 7, reason: expect.stringMatching(/^control arm too skewed to estimate mean and SD/) }]);
    const conversions = r.conversions as { study: string; arm: string; from: string; mean: number; sd: number; method: string }[];
    expect(conversions).toHaveLength(10);
    expect(Object.keys(conversions[0])).toEqual(expect.arrayContaining(["study", "arm", "from", "mean", "sd", "method"]));
    expect(r.sharedControls).toEqual([]);
  });
  it("Ct.Th with a split and a combined shared control (reference: the same R script, Ct.Th line)", async () => {
    const r = await runJson(["--data", data, "--measure", "MD", "--method", "DL", "--test", "knha", "--outcome", "Ct.Th"]);
    expect(r.k).toBe(4);
    expect(r.estimate).toBeCloseTo(0.10198084430879, 6);
    expect(r.ciLower).toBeCloseTo(0.0162373015391154, 6);
    expect(r.tau2).toBeCloseTo(0.00218957950788468, 6);
    expect((r.sharedControls as { handling: string }[]).map((s) => s.handling)).toEqual(["split", "combine"]);
  });
  it("several outcomes and no --outcome: a one-line usage error", async () => {
    await expect(meta.run(["--data", data, "--measure", "SMD", "--method", "REML"])).rejects.toThrow(/The file has 2 outcomes \("MAR", "Ct.Th"\): choose one with --outcome\.$/);
  });
});
