import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { runMetaAnalysis } from "./analysis";
import { InputError, parseMetaRows, parseRatingRows, type CsvRow } from "./analysis-input";

function load(name: string) {
  const parsed = Papa.parse<CsvRow>(readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8"), { header: true, skipEmptyLines: "greedy" });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}
const csv = (text: string) => {
  const parsed = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: "greedy" });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
};

describe("runMetaAnalysis", () => {
  it("dat.bcg RR, DL: the sieve meta JSON fields (values from test_misc_metan_vs_rma.uni_with_dat.bcg.r)", () => {
    const { header, rows } = load("bcg.csv");
    const { studies, dropped } = parseMetaRows(header, rows, { measure: "RR", subgroup: "alloc", moderator: "ablat" });
    const r = runMetaAnalysis(studies, { measure: "RR", method: "DL", subgroup: true, moderator: true, egger: true, begg: true, trimfill: true, leave1out: true }, dropped);
    expect(r.k).toBe(13);
    expect(r.estimate).toBeCloseTo(-0.7141, 4);
    expect(r.tau2).toBeCloseTo(0.3088, 4);
    expect(r.I2).toBeCloseTo(92.1173, 4);
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
    expect(r.studies[0].study).toBe("Aronson 1948");
    expect(r.subgroups?.map((s) => s.name)).toEqual(["random", "alternate", "systematic"]);
    expect(r.subgroupTest?.df).toBe(2);
    expect(r.moderator?.slope).toBeLessThan(0);
    expect(r.leave1out).toHaveLength(13);
    expect(r.predictionLower).toBeLessThan(r.ciLower);
    expect(Object.keys(r.egger!)).toEqual(["intercept", "statistic", "df", "pValue"]);
  });
  it("MH: rma.mh values, no τ²-based fields", () => {
    const { header, rows } = load("bcg.csv");
    const { studies } = parseMetaRows(header, rows, { measure: "OR" });
    const r = runMetaAnalysis(studies, { measure: "OR", method: "MH" });
    expect(r.estimate).toBeCloseTo(-0.4734, 4);
    expect(r.Q).toBeCloseTo(163.9426, 4);
    expect(r.tau2).toBeUndefined();
    expect(r.predictionLower).toBeUndefined();
  });
  it("seed MAR data as GEN with sei: 8.88 [2.23, 15.53]", () => {
    const { header, rows } = load("mar-seed.csv");
    const { studies } = parseMetaRows(header, rows, { measure: "GEN" });
    const r = runMetaAnalysis(studies, { measure: "GEN", method: "DL" });
    expect(r.estimate).toBeCloseTo(8.88, 2);
    expect(r.ciLower).toBeCloseTo(2.23, 2);
    expect(r.ciUpper).toBeCloseTo(15.53, 2);
  });
});

describe("input validation names the row and column", () => {
  it("missing columns", () => {
    const { header, rows } = csv("study,m1i,sd1i,n1i\nA,1,2,3\n");
    expect(() => parseMetaRows(header, rows, { measure: "SMD" })).toThrow(/Missing columns: m2i, sd2i, n2i/);
  });
  it("non-numeric cell, SD ≤ 0, n < 2", () => {
    const base = "study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,1,2,10,2,2,10\n";
    const bad = (line: string) => () => parseMetaRows(...(Object.values(csv(base + line)) as [string[], CsvRow[]]), { measure: "SMD" });
    expect(bad("B,1,abc,10,2,2,10\n")).toThrow('Non-numeric value "abc" at row 3 (study "B"), column "sd1i".');
    expect(bad("B,1,0,10,2,2,10\n")).toThrow(/SD must be > 0 \(got 0\) at row 3 \(study "B"\), column "sd1i"/);
    expect(bad("B,1,2,1,2,2,10\n")).toThrow(/at least 2 \(got 1\) at row 3 \(study "B"\), column "n1i"/);
    expect(bad("B,1,2,10,2,,10\n")).toThrow(/Missing value at row 3 \(study "B"\), column "sd2i"/);
  });
  it("fewer than 2 usable studies; rows without any outcome data are dropped", () => {
    const { header, rows } = csv("study,yi,vi\nA,0.1,0.2\nB,,\n");
    expect(() => parseMetaRows(header, rows, { measure: "GEN" })).toThrow(InputError);
    const ok = csv("study,yi,vi\nA,0.1,0.2\nB,,\nC,0.3,0.1\n");
    expect(parseMetaRows(ok.header, ok.rows, { measure: "GEN" }).dropped).toEqual([{ study: "B", row: 3, reason: "no outcome data" }]);
  });
  it("ratings: rater columns and empty cells", () => {
    expect(() => parseRatingRows(["rater1", "x"], [])).toThrow(/Missing column rater2/);
    expect(() => parseRatingRows(["rater1", "rater2"], [{ rater1: "1", rater2: "1" }, { rater1: "2", rater2: "" }])).toThrow('Missing rating at row 3, column "rater2".');
    expect(parseRatingRows(["rater2", "rater1"], [{ rater1: "1", rater2: "a" }, { rater1: "2", rater2: "b" }]).items).toEqual([[1, "a"], [2, "b"]]);
  });
});
