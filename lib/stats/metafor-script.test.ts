import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, describe, expect, it } from "vitest";
import { type MetaAnalysisOptions, runMetaAnalysis } from "./analysis";
import type { CsvRow, MetaMeasure } from "./analysis-input";
import { buildMetaforScript, parseSieveCheck, writeAnalysisCsv } from "./metafor-script";
import { prepareOutcomeRows } from "./outcome-layout";

/** metafor in R is the reference; without it the comparisons are skipped (and say so). */
const R_AVAILABLE = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(metafor))"], { encoding: "utf8" }).status === 0;
if (!R_AVAILABLE) console.warn("metafor-script.test: Rscript with metafor not found — skipping the runs of the generated R scripts against metafor.");

/** Each case starts R once (about 2–8 s on a busy machine). */
const R_TIMEOUT = 90_000;
const dir = mkdtempSync(path.join(tmpdir(), "sieve-metafor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// vitest runs from the repository root.
function load(name: string, options: { measure: MetaMeasure; outcome?: string; subgroup?: string; moderator?: string }) {
  const parsed = Papa.parse<CsvRow>(readFileSync(path.resolve("lib/stats/testdata", name), "utf8"), { header: true, skipEmptyLines: "greedy" });
  return prepareOutcomeRows(parsed.meta.fields ?? [], parsed.data, options).studies;
}

function runInR(label: string, studies: ReturnType<typeof load>, options: MetaAnalysisOptions & { subgroupName?: string; moderatorName?: string }) {
  const dataFile = path.join(dir, `${label}.csv`);
  const scriptFile = path.join(dir, `${label}.R`);
  writeFileSync(dataFile, writeAnalysisCsv(studies));
  writeFileSync(scriptFile, buildMetaforScript({ dataFile, measure: options.measure, method: options.method, test: options.test, smdVariant: options.smdVariant, subgroup: options.subgroupName, moderator: options.moderatorName }));
  const run = spawnSync("Rscript", [scriptFile], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const lastLine = run.stdout.trim().split("\n").at(-1)!;
  expect(lastLine).toMatch(/^sieve-check: k=\d+ estimate=\S+ ciLower=\S+ ciUpper=\S+ tau2=\S+ I2=\S+$/);
  return { check: parseSieveCheck(run.stdout)!, stdout: run.stdout };
}

function compare(label: string, studies: ReturnType<typeof load>, options: MetaAnalysisOptions) {
  const sieve = runMetaAnalysis(studies, options);
  const { check } = runInR(label, studies, options);
  expect(check.k).toBe(sieve.k);
  for (const key of ["estimate", "ciLower", "ciUpper", "I2"] as const) expect(Math.abs(check[key] - sieve[key]), key).toBeLessThan(1e-6);
  if (sieve.tau2 === undefined) expect(check.tau2).toBeNull();
  else expect(Math.abs(check.tau2! - sieve.tau2)).toBeLessThan(1e-6);
}

describe("the generated metafor script reproduces runMetaAnalysis (to 1e-6)", () => {
  it.skipIf(!R_AVAILABLE)("SMD, REML: converted reported-form arms", () => compare("smd-reml", load("reported-form.csv", { measure: "SMD", outcome: "MAR" }), { measure: "SMD", method: "REML" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("SMD, RevMan variant, DL (computed explicitly in R)", () => compare("smd-revman", load("normand1999.csv", { measure: "SMD" }), { measure: "SMD", method: "DL", smdVariant: "revman" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("MD, DL with Hartung–Knapp: dat.normand1999", () => compare("md-dl-knha", load("normand1999.csv", { measure: "MD" }), { measure: "MD", method: "DL", test: "knha" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("OR, Mantel–Haenszel (rma.mh): dat.bcg", () => compare("or-mh", load("bcg.csv", { measure: "OR" }), { measure: "OR", method: "MH" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("GEN, REML: the 001 seed's MAR (yi, sei)", () => compare("gen-reml", load("mar-seed.csv", { measure: "GEN" }), { measure: "GEN", method: "REML" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("RR, FE: tau2 is NA as Sieve reports none", () => compare("rr-fe", load("bcg.csv", { measure: "RR" }), { measure: "RR", method: "FE" }), R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("NMD, REML (computed explicitly in R)", () => {
    const studies = prepareOutcomeRows(
      ["study", "direction", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "m3i"],
      [["A", "lower", 60, 20, 10, 100, 25, 10, 20], ["B", "lower", 70, 15, 8, 90, 20, 8, 30], ["C", "higher", 40, 9, 6, 20, 8, 6, 80], ["D", "lower", 50, 12, 9, 95, 18, 9, 15]]
        .map((r) => Object.fromEntries(["study", "direction", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "m3i"].map((c, i) => [c, String(r[i])]))),
      { measure: "NMD" },
    ).studies;
    compare("nmd-reml", studies, { measure: "NMD", method: "REML" });
  }, R_TIMEOUT);
  it.skipIf(!R_AVAILABLE)("subgroups and a moderator are written and fitted (dat.bcg, RR, DL)", () => {
    const studies = load("bcg.csv", { measure: "RR", subgroup: "alloc", moderator: "ablat" });
    const sieve = runMetaAnalysis(studies, { measure: "RR", method: "DL", subgroup: true, moderator: true });
    const { stdout, check } = runInR("rr-dl-mods", studies, { measure: "RR", method: "DL", subgroupName: "alloc", moderatorName: "ablat" });
    expect(Math.abs(check.estimate - sieve.estimate)).toBeLessThan(1e-6);
    expect(stdout).toContain("Subgroup: random");
    // The fixed-effect model on the subgroup estimates prints the test for subgroup differences.
    expect(stdout).toMatch(new RegExp(`Q\\(df = 2\\) = ${sieve.subgroupTest!.Q.toFixed(4)}`));
    expect(stdout).toContain(sieve.moderator!.slope.toFixed(4));
  }, R_TIMEOUT);
});

describe("writeAnalysisCsv", () => {
  it("writes the columns the script reads, quoting labels and keeping full precision", () => {
    const text = writeAnalysisCsv([
      { study: 'Hu, "2020"', row: 2, data: { kind: "continuous", values: { m1i: 0.1 + 0.2, sd1i: 1, n1i: 6, m2i: 2, sd2i: 1, n2i: 4.5 } }, subgroup: "rat" },
    ]);
    expect(text).toBe('study,m1i,sd1i,n1i,m2i,sd2i,n2i,subgroup\n"Hu, ""2020""",0.30000000000000004,1,6,2,1,4.5,rat\n');
    expect(() => writeAnalysisCsv([])).toThrow();
  });
});
