/**
 * The results pipeline on a real database: consensus ExtractionEntry rows → analysis →
 * the same numbers as runMetaAnalysis on the same rows and as `sieve meta` on the exported CSV;
 * the 001 seed's MAR result; change tracking; exclusions; the blinding rule.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { loadConsensusOutcomeRows } from "@/lib/extraction/data";
import { toCsv } from "@/lib/extraction/outcome-rows";
import { prepareOutcomeRows } from "@/lib/stats/outcome-layout";
import { runMetaAnalysis } from "@/lib/stats/analysis";
import { formatHeterogeneity, formatOverallEffect } from "@/lib/stats/revman-text";
import { meta } from "@/bin/commands/meta";
import { createDemo } from "@/lib/demo/seed-demo";
import { computeAnalysis } from "./compute";
import { areResultsHidden, findAnalysis, loadAnalysisInputs } from "./data";
import { createAnalysis } from "./mutations";
import { analysisDefinitionSchema } from "./schema";
import { addConsensusStudy, addTestForm, type TestStudy } from "./test-data";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const CONTINUOUS: TestStudy[] = [
  { label: "Hu 2020", outcome: "BV/TV", treatment: { mean: 32.1, sd: 4.2, n: 8 }, control: { mean: 25.3, sd: 5.1, n: 8 }, characteristics: { species: "rat", dose: 100, year: 2020 } },
  { label: "Li 2021", outcome: "BV/TV", treatment: { mean: 28.4, sd: 3.9, n: 6 }, control: { mean: 24.9, sd: 4.4, n: 6 }, characteristics: { species: "mouse", dose: 50, year: 2021 } },
  { label: "Wu 2019", outcome: "BV/TV", treatment: { mean: 35.0, sd: 6.0, n: 10 }, control: { mean: 26.0, sd: 5.5, n: 10 }, characteristics: { species: "rat", dose: 200, year: 2019 } },
  { label: "Zhao 2022", outcome: "BV/TV", treatment: { mean: 30.2, sd: 5.0, n: 7 }, control: { mean: 29.0, sd: 4.8, n: 7 }, characteristics: { species: "mouse", dose: 20, year: 2022 } },
  // Control SD missing: left out with the reason.
  { label: "Xu 2023", outcome: "BV/TV", treatment: { mean: 31.0, sd: 4.0, n: 5 }, control: { mean: 27.0, n: 5 }, characteristics: { species: "rat", dose: 80, year: 2023 } },
];

async function reviewWith(studies: TestStudy[]) {
  const team = await makeReviewWithTeam();
  const form = await addTestForm(team.review.id);
  for (const s of studies) await addConsensusStudy(team.review.id, form.id, [s]);
  return { ...team, formId: form.id };
}

async function define(reviewId: string, ownerId: string, raw: Record<string, unknown>) {
  const definition = analysisDefinitionSchema.parse(raw);
  const { id } = await writeTransaction((tx) => createAnalysis(tx, { id: ownerId, reviewId }, definition));
  return (await findAnalysis(reviewId, id))!;
}

async function sieveMetaJson(args: string[]): Promise<Record<string, unknown>> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    expect(await meta.run([...args, "--json"])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(out);
}

describe("an analysis of the consensus data", () => {
  it("equals runMetaAnalysis on the same rows and `sieve meta` on the exported CSV", async () => {
    const { review, owner } = await reviewWith(CONTINUOUS);
    const analysis = await define(review.id, owner.id, { name: "BV/TV main", outcome: "BV/TV", measure: "SMD", method: "REML", options: { subgroup: "species" } });
    const computed = await computeAnalysis(review.id, analysis, owner.id);
    if (!computed.ok) throw new Error(computed.error);
    const r = computed.pipeline.result;
    expect(r.k).toBe(4);
    expect(r.dropped).toEqual([{ study: "Xu 2023", row: 5, reason: expect.stringContaining("control") }]);

    const table = await loadConsensusOutcomeRows(review.id);
    const prepared = prepareOutcomeRows(table.header, table.rows, { measure: "SMD", outcome: "BV/TV", subgroup: "species" });
    const direct = runMetaAnalysis(prepared.studies, { measure: "SMD", method: "REML", test: "z", subgroup: true, egger: true, begg: true, trimfill: true, leave1out: true }, prepared.dropped);
    expect(r).toEqual(direct);

    const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-results-"));
    const csv = path.join(dir, "consensus.csv");
    writeFileSync(csv, toCsv(table));
    const cli = await sieveMetaJson(["--data", csv, "--measure", "SMD", "--method", "REML", "--outcome", "BV/TV", "--subgroup", "species", "--egger", "--begg", "--trimfill", "--leave1out"]);
    for (const key of ["k", "estimate", "se", "ciLower", "ciUpper", "tau2", "I2", "Q", "weights", "subgroups", "subgroupTest", "egger", "begg", "leave1out", "dropped"] as const) {
      expect(cli[key], key).toEqual(JSON.parse(JSON.stringify(r[key])));
    }
    expect(r.subgroups!.map((s) => [s.name, s.k])).toEqual([["rat", 2], ["mouse", 2]]);
  });

  it("reproduces the 001 seed's pooled MAR (Figure 7): GEN, DerSimonian-Laird, SE from the 95% CI", async () => {
    // Zhang et al. 2025 (/work/shared/seeds/001_*.txt), Figure 7: Hu 2020 5.28 [-0.06, 10.63],
    // Yang 2022 12.08 [7.81, 16.35]; pooled 8.88 [2.23, 15.53], Tau² = 17.02, I² = 74%, Z = 2.62 (P = 0.009).
    const { review, owner } = await reviewWith([
      { label: "Hu 2020", outcome: "MAR", effect: { yi: 5.28, ciLower: -0.06, ciUpper: 10.63 } },
      { label: "Yang 2022", outcome: "MAR", effect: { yi: 12.08, ciLower: 7.81, ciUpper: 16.35 } },
    ]);
    const analysis = await define(review.id, owner.id, { name: "MAR", outcome: "MAR", measure: "GEN", method: "DL" });
    const computed = await computeAnalysis(review.id, analysis, owner.id);
    if (!computed.ok) throw new Error(computed.error);
    const r = computed.pipeline.result;
    expect(r.studies.map((s) => s.vi)).toEqual([((10.63 + 0.06) / (2 * 1.959963984540054)) ** 2, ((16.35 - 7.81) / (2 * 1.959963984540054)) ** 2].map((v) => expect.closeTo(v, 12)));
    expect([r.estimate, r.ciLower, r.ciUpper].map((x) => x.toFixed(2))).toEqual(["8.88", "2.23", "15.53"]);
    expect(Math.round(r.I2)).toBe(74);
    // Tau² is 17.03 from the study CIs as printed (two decimals) against the article's 17.02,
    // which RevMan computed from unrounded inputs; every other printed number matches exactly.
    expect(Math.abs(r.tau2! - 17.02)).toBeLessThan(0.015);
    expect(formatHeterogeneity({ tau2: r.tau2!, Q: r.Q, df: r.QDf, pValue: r.QPValue })).toMatch(/^Heterogeneity: Tau² = 17\.0[23]; Chi² = 3\.80, df = 1 \(P = 0\.05\); I² = 74%$/);
    expect(formatOverallEffect({ statistic: r.statistic, pValue: r.pValue })).toBe("Test for overall effect: Z = 2.62 (P = 0.009)");
  });

  it("runs the 001 demo's stored MAR analysis (lib/demo) to the article's numbers", async () => {
    const { slug } = await createDemo(db, "001", false);
    const review = await db.review.findUniqueOrThrow({ where: { slug } });
    const stored = await db.analysis.findFirstOrThrow({ where: { reviewId: review.id, outcome: "MAR" } });
    const computed = await computeAnalysis(review.id, (await findAnalysis(review.id, stored.id))!, null);
    if (!computed.ok) throw new Error(computed.error);
    const r = computed.pipeline.result;
    expect(computed.pipeline.measure).toBe("GEN");
    expect([r.k, r.estimate.toFixed(2), r.ciLower.toFixed(2), r.ciUpper.toFixed(2), Math.round(r.I2), r.statistic.toFixed(2)]).toEqual([2, "8.88", "2.23", "15.53", 74, "2.62"]);
  });

  it("lists reviewer exclusions with their reason and recomputes when the consensus changes, saying what changed", async () => {
    const { review, owner, formId } = await reviewWith(CONTINUOUS.slice(0, 3));
    const analysis = await define(review.id, owner.id, { name: "A", outcome: "BV/TV", measure: "MD", method: "DL", options: { exclusions: [{ study: "Wu 2019", reason: "duplicate cohort" }] } });
    const first = await computeAnalysis(review.id, analysis, owner.id);
    if (!first.ok) throw new Error(first.error);
    expect(first.pipeline.result.k).toBe(2);
    expect(first.pipeline.dropped).toContainEqual({ study: "Wu 2019", row: 4, reason: "excluded by the reviewers: duplicate cohort" });
    expect(first.snapshot.changes).toEqual(["First computed."]);

    // Same data: nothing new stored.
    const stored = (await findAnalysis(review.id, analysis.id))!;
    const again = await computeAnalysis(review.id, stored, owner.id);
    expect(again.snapshotAt).toEqual(stored.snapshotAt);

    await addConsensusStudy(review.id, formId, [CONTINUOUS[3]]);
    const changed = await computeAnalysis(review.id, (await findAnalysis(review.id, analysis.id))!, owner.id);
    expect(changed.snapshot.changes[0]).toBe("Studies added: Zhao 2022.");
    expect(changed.snapshot.changes[1]).toMatch(/^Estimate changed from /);
    expect(changed.snapshotAt!.getTime()).toBeGreaterThanOrEqual(stored.snapshotAt!.getTime());
    const audits = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: "Analysis", entityId: analysis.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["create", "recompute", "recompute"]);
  });

  it("combines a study's time points first when the protocol says so (Borenstein 2009, ch. 24)", async () => {
    const { review, owner, formId } = await reviewWith([]);
    const rows = (label: string, d: number): TestStudy[] => ["4 weeks", "8 weeks"].map((timepoint, i) => ({ label, outcome: "BMD", timepoint, treatment: { mean: 10 + d + i, sd: 2, n: 8 }, control: { mean: 10, sd: 2, n: 8 } }));
    for (const [label, d] of [["A 2020", 1], ["B 2021", 2], ["C 2022", 0.5]] as const) await addConsensusStudy(review.id, formId, rows(label, d));
    const one = await define(review.id, owner.id, { name: "BMD 8 weeks", outcome: "BMD", timepoint: "8 weeks", measure: "MD", method: "FE" });
    const combined = await define(review.id, owner.id, { name: "BMD combined", outcome: "BMD", measure: "MD", method: "FE", options: { timepointRule: "combine", withinR: 1 } });
    const a = await computeAnalysis(review.id, one, owner.id);
    const b = await computeAnalysis(review.id, combined, owner.id);
    if (!a.ok || !b.ok) throw new Error("analysis failed");
    expect(a.pipeline.result.estimate).toBeCloseTo((2 + 3 + 1.5) / 3, 12);
    // With r = 1 and equal variances the combined variance equals each row's: the mean MD pools as the mean of means.
    expect(b.pipeline.result.k).toBe(3);
    expect(b.pipeline.combined).toEqual([{ study: "A 2020", rows: 2 }, { study: "B 2021", rows: 2 }, { study: "C 2022", rows: 2 }]);
    expect(b.pipeline.result.estimate).toBeCloseTo((1.5 + 2.5 + 1) / 3, 12);
    expect(b.pipeline.result.studies[0].vi).toBeCloseTo(4 / 8 + 4 / 8, 12);
  });

  it("a missing outcome or field is a clear error, not a crash", async () => {
    const { review, owner } = await reviewWith(CONTINUOUS.slice(0, 2));
    const bad = await define(review.id, owner.id, { name: "B", outcome: "BV/TV", measure: "SMD", method: "DL", options: { subgroup: "strain" } });
    const computed = await computeAnalysis(review.id, bad, owner.id);
    expect(computed.ok).toBe(false);
    if (!computed.ok) expect(computed.error).toMatch(/The subgroup field "strain" is not a column/);
    const { table } = await loadAnalysisInputs(review.id);
    expect(table.header).toEqual(expect.arrayContaining(["species", "dose", "year"]));
  });
});

describe("the results blinding rule", () => {
  it("hides results from reviewers while extraction is blinded and open, unless owners allow it; never from owners", async () => {
    const { review, formId } = await reviewWith(CONTINUOUS.slice(0, 2));
    const open = await db.study.create({ data: { reviewId: review.id, label: "Open 2024" } });
    await db.extractionEntry.create({ data: { reviewId: review.id, studyId: open.id, reviewerId: null, consensus: false, formId, values: {}, status: "IN_PROGRESS" } });
    expect(await areResultsHidden(review.id, ["REVIEWER"])).toBe(true);
    expect(await areResultsHidden(review.id, ["OWNER"])).toBe(false);
    expect(await areResultsHidden(review.id, ["ADJUDICATOR"])).toBe(false);
    const settings = (await db.review.findUniqueOrThrow({ where: { id: review.id } })).settings as Record<string, unknown>;
    await db.review.update({ where: { id: review.id }, data: { settings: { ...settings, results: { visibleWhileBlinded: true } } } });
    expect(await areResultsHidden(review.id, ["REVIEWER"])).toBe(false);
    await db.review.update({ where: { id: review.id }, data: { settings: { ...settings, results: { visibleWhileBlinded: false } } } });
    // Once every study has its consensus, blinding no longer applies to results.
    await db.extractionEntry.create({ data: { reviewId: review.id, studyId: open.id, reviewerId: null, consensus: true, formId, values: {}, status: "SUBMITTED", submittedAt: new Date() } });
    expect(await areResultsHidden(review.id, ["REVIEWER"])).toBe(false);
  });
});
