import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { runMetaAnalysis } from "./analysis";
import { type CsvRow, parseMetaRows } from "./analysis-input";
import { computeNmd } from "./nmd";
import { prepareOutcomeRows } from "./outcome-layout";

const csv = (text: string) => {
  const parsed = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: "greedy" });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
};
const load = (name: string) => csv(readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8"));

describe("sieve meta on reported-form data gives metafor's numbers", () => {
  // testdata/reported-form.csv: arms with SD, SE, 95% CI, median + IQR, median + IQR + range,
  // median + range; one skewed control. Reference: testdata/r/reported-form-reference.R, which
  // converts the arms in R itself (SE·√n, qt(.975, n − 1), metafor's current conv.fivenum) and
  // runs escalc + rma (metafor 3.8.1, R 4; output of 2026-12-01):
  //   MAR: k=6 estimate=1.2522056066914 ciLower=0.740883719744711 ciUpper=1.76352749363809 tau2=0.149116832888771 I2=37.2735723080472
  //   MAR MD/DL/knha: k=6 estimate=1.85107342935751 ciLower=0.88743648440613 ciUpper=2.81471037430889 tau2=0.59020388249481 I2=64.7301616879953
  //   Ct.Th: k=4 estimate=1.90075689736924 ciLower=1.17934544292793 ciUpper=2.62216835181055 tau2=0.146379476628234 I2=26.9205689675019
  //   Ct.Th MD/DL/knha: k=4 estimate=0.10198084430879 ciLower=0.0162373015391154 ciUpper=0.187724387078464 tau2=0.00218957950788468 I2=78.5920408744806
  const { header, rows } = load("reported-form.csv");
  const check = (r: ReturnType<typeof runMetaAnalysis>, ref: number[]) => {
    expect(r.k).toBe(ref[0]);
    [r.estimate, r.ciLower, r.ciUpper, r.tau2!, r.I2].forEach((v, i) => expect(v).toBeCloseTo(ref[i + 1], 6));
  };
  it("MAR, SMD/REML and MD/DL with Hartung–Knapp; the skewed control is dropped with its reason", () => {
    const { studies, dropped, conversions } = prepareOutcomeRows(header, rows, { measure: "SMD", outcome: "MAR" });
    check(runMetaAnalysis(studies, { measure: "SMD", method: "REML" }), [6, 1.2522056066914, 0.740883719744711, 1.76352749363809, 0.149116832888771, 37.2735723080472]);
    check(runMetaAnalysis(studies, { measure: "MD", method: "DL", test: "knha" }), [6, 1.85107342935751, 0.88743648440613, 2.81471037430889, 0.59020388249481, 64.7301616879953]);
    expect(dropped).toEqual([{ study: "Fox 2022", row: 7, reason: expect.stringMatching(/^control arm too skewed to estimate mean and SD/) }]);
    expect(conversions.map((c) => `${c.study}/${c.arm}/${c.from}`)).toEqual([
      "Bo 2020/treatment/SE", "Bo 2020/control/SE", "Cruz 2021/treatment/CI", "Cruz 2021/control/CI",
      "Diaz 2021/treatment/MEDIAN_IQR", "Diaz 2021/control/MEDIAN_IQR", "Eng 2022/treatment/MEDIAN_IQR_RANGE",
      "Eng 2022/control/MEDIAN_IQR_RANGE", "Gil 2023/treatment/SE", "Gil 2023/control/MEDIAN_RANGE",
    ]);
    expect(conversions[2]).toMatchObject({ row: 4, sd: expect.closeTo(1.9570650514659484, 12), method: expect.stringContaining("t₀.₉₇₅,9") });
  });
  it("Ct.Th: a shared control split (Hu 2020) and treatment groups combined (Ito 2021), shown in sharedControls", () => {
    const { studies, sharedControls } = prepareOutcomeRows(header, rows, { measure: "SMD", outcome: "ct.th", timepoint: "4 weeks" });
    check(runMetaAnalysis(studies, { measure: "SMD", method: "REML" }), [4, 1.90075689736924, 1.17934544292793, 2.62216835181055, 0.146379476628234, 26.9205689675019]);
    check(runMetaAnalysis(studies, { measure: "MD", method: "DL", test: "knha" }), [4, 0.10198084430879, 0.0162373015391154, 0.187724387078464, 0.00218957950788468, 78.5920408744806]);
    expect(studies.map((s) => s.study)).toEqual(["Hu 2020: low dose", "Hu 2020: high dose", "Ito 2021", "Jin 2022"]);
    expect(sharedControls).toEqual([
      expect.objectContaining({ study: "Hu 2020", control: "Vehicle", handling: "split", rows: [9, 10], controlN: 12, nPerComparison: 6 }),
      expect.objectContaining({ study: "Ito 2021", control: "Sham-op", handling: "combine", rows: [11, 12], controlN: 8 }),
    ]);
  });
  it("several outcomes without a selection: one line saying so; an unknown selection lists what there is", () => {
    expect(() => prepareOutcomeRows(header, rows, { measure: "SMD" })).toThrow('The file has 2 outcomes ("MAR", "Ct.Th"): choose one with --outcome.');
    expect(() => prepareOutcomeRows(header, rows, { measure: "SMD", outcome: "BV/TV" })).toThrow('No rows with outcome "BV/TV" (outcomes in the file: "MAR", "Ct.Th").');
  });
});

describe("prepareOutcomeRows: compatibility and validation", () => {
  it("a file with the original columns gives exactly what parseMetaRows gives", () => {
    for (const [name, measure] of [["bcg.csv", "RR"], ["normand1999.csv", "MD"], ["mar-seed.csv", "GEN"]] as const) {
      const { header, rows } = load(name);
      expect(prepareOutcomeRows(header, rows, { measure })).toEqual({ ...parseMetaRows(header, rows, { measure }), conversions: [], sharedControls: [] });
    }
  });
  it("errors name the row and column; missing data drop the comparison with the arm named", () => {
    const base = "study,outcome,m1i,sd1i,se1i,n1i,m2i,sd2i,se2i,n2i\nA,X,5,1,,10,4,1,,10\nB,X,6,,0.4,10,4,1,,10\n";
    expect(() => prepareOutcomeRows(...Object.values(csv(`${base}C,X,6,-1,,10,4,1,,10\n`)) as [string[], CsvRow[]], { measure: "MD" })).toThrow('SD must be > 0 (got -1) at row 4 (study "C"), column "sd1i".');
    expect(() => prepareOutcomeRows(...Object.values(csv(`${base}C,X,6,abc,,10,4,1,,10\n`)) as [string[], CsvRow[]], { measure: "MD" })).toThrow('Non-numeric value "abc" at row 4 (study "C"), column "sd1i".');
    const { dropped, studies } = prepareOutcomeRows(...Object.values(csv(`${base}C,X,6,,,10,4,1,,10\nD,X,6,1,,,4,1,,10\nE,X,,,,,,,,\n`)) as [string[], CsvRow[]], { measure: "MD" });
    expect(studies).toHaveLength(2);
    expect(dropped).toEqual([
      { study: "C", row: 4, reason: "treatment arm SD, SE or CI missing" },
      { study: "D", row: 5, reason: "treatment arm n missing" },
      { study: "E", row: 6, reason: "no outcome data" },
    ]);
  });
  it("quantiles out of order are an error, not a guess", () => {
    const { header, rows } = csv("study,median1i,lq1i,uq1i,n1i,m2i,sd2i,n2i\nA,5,6,8,10,4,1,10\nB,5,4,6,10,4,1,10\n");
    expect(() => prepareOutcomeRows(header, rows, { measure: "SMD" })).toThrow(/min ≤ q1 ≤ median ≤ q3 ≤ max .*row 2 \(study "A"\), column "median1i"/);
  });
  it("a shared control given on several rows must agree", () => {
    const { header, rows } = csv("study,experiment,group1,group2,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,E,low,veh,5,1,6,4,1,12\nA,E,high,veh,6,1,6,4,1.2,12\nB,E,t,c,5,1,6,4,1,6\n");
    expect(() => prepareOutcomeRows(header, rows, { measure: "SMD" })).toThrow('Rows 2, 3 share the control group "veh" but differ in column "sd2i" (1 vs 1.2).');
  });
  it("events and totals (ai, n1i, ci, n2i) become a 2×2 table; events > total is an error", () => {
    const { header, rows } = csv("study,ai,n1i,ci,n2i\nA,4,20,9,21\nB,2,15,6,15\n");
    const { studies } = prepareOutcomeRows(header, rows, { measure: "OR" });
    expect(studies[0].data).toEqual({ kind: "binary", values: { ai: 4, bi: 16, ci: 9, di: 12 } });
    const bad = csv("study,ai,n1i,ci,n2i\nA,24,20,9,21\nB,2,15,6,15\n");
    expect(() => prepareOutcomeRows(bad.header, bad.rows, { measure: "OR" })).toThrow('Events (24) exceed the total (20) at row 2 (study "A"), column "n1i".');
  });
});

describe("normalised mean difference (Vesterinen et al. 2014)", () => {
  it("worked example: deficit 100 − 20 = 80, NMD = 100·40/80 = 50%, SD* = 31.25 and 25, vi = 31.25²/10 + 25²/10", () => {
    const e = computeNmd({ m1i: 60, sd1i: 20, n1i: 10, m2i: 100, sd2i: 25, n2i: 10, m3i: 20, direction: "lower" });
    expect(e.yi).toBeCloseTo(50, 12);
    expect(e.vi).toBeCloseTo(160.15625, 10);
    // higher is better: the same deficit mirrored gives the same NMD
    const h = computeNmd({ m1i: 60, sd1i: 20, n1i: 10, m2i: 20, sd2i: 25, n2i: 10, m3i: 100, direction: "higher" });
    expect(h.yi).toBeCloseTo(50, 12);
    expect(h.vi).toBeCloseTo(160.15625, 10);
  });
  it("the layout reads the sham arm (m3i…) and direction; no deficit drops the study", () => {
    const { header, rows } = csv("study,direction,m1i,sd1i,n1i,m2i,sd2i,n2i,m3i,sd3i,n3i\nA,lower,60,20,10,100,25,10,20,5,6\nB,lower,70,15,8,90,20,8,30,4,6\nC,lower,70,15,8,25,20,8,30,4,6\n");
    const { studies, dropped } = prepareOutcomeRows(header, rows, { measure: "NMD" });
    expect(studies.map((s) => s.data.kind)).toEqual(["nmd", "nmd"]);
    expect(dropped[0]).toMatchObject({ study: "C", reason: expect.stringContaining("no deficit to normalise") });
    const r = runMetaAnalysis(studies, { measure: "NMD", method: "FE" });
    const w = [1 / 160.15625, 1 / (((100 * 15) / 60) ** 2 / 8 + ((100 * 20) / 60) ** 2 / 8)];
    expect(r.estimate).toBeCloseTo((w[0] * 50 + w[1] * ((100 * 20) / 60)) / (w[0] + w[1]), 10);
    const noDirection = csv("study,m1i,sd1i,n1i,m2i,sd2i,n2i,m3i\nA,60,20,10,100,25,10,20\nB,70,15,8,90,20,8,30\n");
    expect(() => prepareOutcomeRows(noDirection.header, noDirection.rows, { measure: "NMD" })).toThrow(/needs the outcome's direction/);
    expect(prepareOutcomeRows(noDirection.header, noDirection.rows, { measure: "NMD", direction: "lower" }).studies).toHaveLength(2);
  });
});
