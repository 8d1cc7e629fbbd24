import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { loadFlowEntries } from "@/lib/flow/data";
import { composeFlow } from "@/lib/flow/compose";
import { checkFlow } from "@/lib/flow/checks";
import { SEED_001_ENTRIES } from "@/lib/flow/seed-001-flow";
import { validateEntry } from "@/lib/extraction/validation";
import { formDefinitionSchema, outcomeDataSchema } from "@/lib/extraction/schema";
import { runMetaAnalysis } from "@/lib/stats/analysis";
import { computeAnalysis } from "@/lib/analyses/compute";
import { findAnalysis } from "@/lib/analyses/data";
import { qnorm } from "@/lib/stats/distributions";
import demo001 from "@/prisma/demo/review-001.json";
import { createDemo, DEMO_EMAIL, DEMO_REVIEWER_EMAIL, DemoExistsError, findDemoReviews, seedDemoIfEmpty } from "./seed-demo";
import { demoStages } from "./stages";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

async function demoFlow(reviewId: string) {
  const { entries, manual } = await loadFlowEntries(reviewId);
  return { flow: composeFlow(null, entries, manual ? "manual" : "data"), manual, entries };
}

/** The stored consensus effects of one outcome, as the analysis would read them (SE from the 95% CI). */
async function storedEffects(reviewId: string, outcome: string) {
  const entries = await db.extractionEntry.findMany({ where: { reviewId, consensus: true }, include: { study: true } });
  const z = qnorm(0.975);
  return entries.flatMap((e) =>
    outcomeDataSchema.parse(e.outcomeData).effects.filter((x) => x.outcome === outcome).map((x) => ({ study: e.study.label, yi: x.yi, sei: (x.ciUpper! - x.ciLower!) / (2 * z) })),
  );
}

describe("the 001 demo (Zhang et al. 2025)", () => {
  it("is created once on a new database, owned by the demo owner with a second demo reviewer", async () => {
    const first = await seedDemoIfEmpty(db);
    expect(first.created).toBe(true);
    expect((await seedDemoIfEmpty(db)).created).toBe(false);
    const review = await db.review.findUniqueOrThrow({ where: { slug: first.slug }, include: { memberships: { include: { user: true } } } });
    expect(review.registrationId).toBe("PROSPERO CRD420251047216");
    const roles = (email: string) => review.memberships.filter((m) => m.user.email === email).map((m) => m.role).sort();
    expect(roles(DEMO_EMAIL)).toEqual(["ADJUDICATOR", "OWNER", "REVIEWER"]);
    expect(roles(DEMO_REVIEWER_EMAIL)).toEqual(["REVIEWER"]);
  });

  it("holds the article's flow, typed and marked as such, and it passes every check", async () => {
    const [{ reviewId }] = await findDemoReviews(db);
    const { flow, manual, entries } = await demoFlow(reviewId);
    expect(manual).toBe(true);
    // The same numbers as lib/flow's hand-typed 001 flow (whose reason label drops Figure 1's comma).
    const numbers = (es: typeof entries) => es.map((e) => JSON.stringify("items" in e ? [e.field, e.items.map((i) => i.n)] : [e.field, e.n])).sort();
    expect(numbers(entries)).toEqual(numbers(SEED_001_ENTRIES));
    expect(flow.counts.database_results.n).toBe(1967);
    expect([flow.counts.duplicates.n, flow.counts.records_screened.n, flow.counts.records_excluded.n, flow.counts.dbr_assessed.n, flow.counts.new_studies.n]).toEqual([726, 1241, 1204, 37, 17]);
    expect(flow.lists.dbr_excluded.items.reduce((s, i) => s + i.n, 0)).toBe(20);
    expect(Object.values(flow.counts).every((c) => c.source === "manual")).toBe(true);
    expect(checkFlow(flow).filter((c) => !c.ok)).toEqual([]);
    // The title/abstract reasons the article counts add up to its records excluded.
    expect(demo001.titleAbstractExclusions.reduce((s, r) => s + r.n, 0)).toBe(1204);
    const searches = await db.search.findMany({ where: { reviewId, kind: "DATABASE" }, orderBy: { createdAt: "asc" } });
    expect(searches.map((s) => [s.database, s.reportedHits])).toEqual([["PubMed", 380], ["Embase", 436], ["Web of Science", 1145], ["Cochrane Library", 6]]);
  });

  it("has the 17 included studies with their real citations and a valid consensus extraction each", async () => {
    const [{ reviewId }] = await findDemoReviews(db);
    const studies = await db.study.findMany({ where: { reviewId }, include: { reports: true, extraction: { include: { form: true } } } });
    expect(studies).toHaveLength(17);
    const hu = studies.find((s) => s.label === "Hu 2020")!;
    expect(hu.reports[0]).toMatchObject({ journal: "Theranostics", year: 2020, doi: "10.7150/thno.39238", pmid: "32089743" });
    expect(studies.every((s) => s.reports.length === 1 && s.reports[0].doi && s.reports[0].pmid)).toBe(true);
    for (const s of studies) {
      expect(s.extraction).toHaveLength(1);
      const [entry] = s.extraction;
      expect(entry).toMatchObject({ consensus: true, reviewerId: null, status: "SUBMITTED" });
      const result = validateEntry(formDefinitionSchema.parse(entry.form!.definition), entry.values as never, entry.outcomeData, false);
      expect(result.errors, s.label).toEqual({});
    }
    const values = hu.extraction[0].values as Record<string, { value: unknown }>;
    expect([values.species.value, values.strain.value, values.total_animals.value, values.route.value, values.dose_reported.value]).toEqual(["Mouse", "C57BL/6", 30, "Intravenous", "100 μg/100 μL PBS"]);
    // Nothing the article does not give: no risk-of-bias judgement, no arm-level numbers.
    expect(await db.robAssessment.count({ where: { reviewId } })).toBe(0);
    const entries = await db.extractionEntry.findMany({ where: { reviewId } });
    expect(entries.every((e) => outcomeDataSchema.parse(e.outcomeData).arms.length === 0)).toBe(true);
  });

  it("reproduces the pooled MAR result from the stored effects: SMD 8.88 [2.23, 15.53], I² 74%, Z 2.62, P 0.009", async () => {
    const [{ reviewId }] = await findDemoReviews(db);
    const analysis = await db.analysis.findFirstOrThrow({ where: { reviewId, outcome: "MAR" } });
    expect([analysis.measure, analysis.method]).toEqual(["GEN", "DL"]);
    const effects = await storedEffects(reviewId, "MAR");
    expect(effects.map((e) => e.study).sort()).toEqual(["Hu 2020", "Yang 2022"]);
    const result = runMetaAnalysis(
      effects.map((e, row) => ({ study: e.study, row, data: { kind: "generic", values: { yi: e.yi, vi: e.sei ** 2 } } })),
      { measure: "GEN", method: analysis.method as "DL", test: "z" },
    );
    expect(result.estimate.toFixed(2)).toBe("8.88");
    expect([result.ciLower.toFixed(2), result.ciUpper.toFixed(2)]).toEqual(["2.23", "15.53"]);
    expect(Math.round(result.I2)).toBe(74);
    expect(result.statistic.toFixed(2)).toBe("2.62");
    expect(result.pValue.toFixed(3)).toBe("0.009");
    // 17.03 here against the article's 17.02: its per-study CIs are printed to two decimals.
    expect(Math.abs(result.tau2! - 17.02)).toBeLessThan(0.015);
    // The results stage's own pipeline, on the demo's consensus rows, gives the same result.
    const computed = await computeAnalysis(reviewId, (await findAnalysis(reviewId, analysis.id))!, null);
    if (!computed.ok) throw new Error(computed.error);
    const piped = computed.pipeline.result;
    expect(piped.k).toBe(2);
    for (const key of ["estimate", "ciLower", "ciUpper", "tau2", "I2", "statistic", "pValue"] as const) expect(piped[key], key).toBeCloseTo(result[key]!, 10);
  });

  it("is kept unless --replace, which rebuilds it in place of the old one", async () => {
    await expect(createDemo(db, "001", false)).rejects.toThrow(DemoExistsError);
    const [before] = await findDemoReviews(db);
    const { slug, replaced } = await createDemo(db, "001", true);
    expect(replaced).toBe(true);
    expect(await db.review.findUnique({ where: { id: before.reviewId } })).toBeNull();
    expect((await findDemoReviews(db)).map((d) => d.slug)).toEqual([slug]);
  });
});

describe("the 000 demo (Mai, Ke & Yao 2025)", () => {
  it("holds its searches, its stated flow and Table 1 for 20 studies, with no pooled result and the reason why", async () => {
    const { slug } = await createDemo(db, "000", false);
    const review = await db.review.findUniqueOrThrow({ where: { slug } });
    expect(await db.search.count({ where: { reviewId: review.id, kind: "DATABASE" } })).toBe(3);
    const { flow } = await demoFlow(review.id);
    expect([flow.counts.database_results.n, flow.counts.dbr_assessed.n, flow.counts.new_studies.n, flow.counts.total_studies_ma.n]).toEqual([2414, 110, 20, 19]);
    expect(flow.lists.dbr_excluded.items.map((i) => i.n)).toEqual([90]);
    const studies = await db.study.findMany({ where: { reviewId: review.id }, include: { extraction: true } });
    expect(studies).toHaveLength(20);
    const liang = studies.find((s) => s.label === "Liang 2019")!.extraction[0].values as Record<string, { value: unknown }>;
    expect([liang.species.value, liang.model.value, liang.ev_source.value, liang.dose.value, liang.route_as_tabulated.value, liang.subgroup_delivery.value]).toEqual(["Rat", "calvarial defect", "BMSC-EVs", 5e10, "Local scaffold", "Local"]);
    expect(await db.analysis.count({ where: { reviewId: review.id } })).toBe(0);
    const analysisStage = demoStages("000").find((s) => s.stage === "Analysis")!;
    expect(analysisStage.holds).toBe("try");
    expect(analysisStage.text).toContain("pooled SMD of 2.17 [2.08, 2.25] for 19 studies");
    expect(analysisStage.text).toContain("lies between 2.8 and 2.9");
    expect(analysisStage.text).toMatch(/14 rat studies \(text: 13\)/);
  });
});
