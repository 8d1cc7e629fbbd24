/**
 * Extraction through the real actions and data functions on a real database: versioned forms,
 * validation with errors on the field, blinding, consensus field by field, agreement and the
 * consensus outcome rows. Only the session and Next's cache are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember } from "@/lib/screening/test-records";
import { formTemplate } from "./templates";
import { cellKey } from "./cells";
import {
  addStudyAction,
  createFormFromTemplateAction,
  deleteOutcomeAction,
  reopenMyExtractionAction,
  saveConsensusAction,
  saveFormAction,
  saveMyExtractionAction,
  saveOutcomeAction,
} from "./actions";
import { getConsensusView, getExtractionAgreement, getExtractionProgress, getExtractionView, loadConsensusOutcomeRows, loadRawOutcomeRows } from "./data";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const as = (user: CurrentUser) => (session.user = user);

beforeEach(() => {
  session.user = null;
});

const outcomeData = (sd: number) => ({
  experiments: [
    {
      id: "e", label: "OVX cohort", totalN: 12,
      groups: [{ id: "t", name: "OVX + EV", n: 6 }, { id: "c", name: "OVX + PBS", n: 6, isControl: true }],
      comparisons: [{ id: "k", label: "EV vs PBS", treatmentGroupIds: ["t"], controlGroupId: "c" }],
    },
  ],
  arms: [
    { experimentId: "e", groupId: "t", outcome: "MAR", timepoint: "8 w", data: { n: 6, mean: 2.1, sd }, locator: "Fig 3B" },
    { experimentId: "e", groupId: "c", outcome: "MAR", timepoint: "8 w", data: { n: 6, mean: 1.2, sd: 0.3 }, locator: "Fig 3B" },
  ],
});
const answers = { species: { value: "Rat", locator: "p 2" }, sex: { value: "Female", locator: "" }, first_author: { value: "Hu", locator: "" }, year: { value: 2020, locator: "" }, model: { value: "OVX", locator: "" }, ev_source: { value: "BMSC", locator: "" }, route: { value: "Intravenous", locator: "" } };

async function setup() {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const slug = team.review.slug;
  as(team.owner);
  expect(await createFormFromTemplateAction({ slug, template: "preclinical" })).toMatchObject({ ok: true, data: { version: 1 } });
  expect((await saveOutcomeAction({ slug, name: "MAR", unit: "µm/day", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS" })).ok).toBe(true);
  const study = await addStudyAction({ slug, label: "Hu 2020" });
  if (!study.ok) throw new Error(study.error);
  return { ...team, second, slug, studyId: study.data.id };
}

describe("forms", () => {
  it("edit in place until an extraction uses the form, then version + 1 with the old answers kept and flagged", async () => {
    const t = await setup();
    const form = formTemplate("preclinical");
    form.name = "Edited";
    as(t.owner);
    expect(await saveFormAction({ slug: t.slug, definition: form })).toMatchObject({ ok: true, data: { version: 1, newVersion: false } });
    as(t.reviewer);
    expect((await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(0.5) })).ok).toBe(true);
    const changed = structuredClone(form);
    const animals = changed.sections.find((s) => s.id === "animals")!;
    animals.fields = animals.fields.filter((f) => f.id !== "sex");
    animals.fields.find((f) => f.id === "species")!.options.push("Zebrafish");
    as(t.owner);
    expect(await saveFormAction({ slug: t.slug, definition: changed })).toMatchObject({ ok: true, data: { version: 2, newVersion: true } });
    const view = await getExtractionView(t.review.id, t.studyId, t.reviewer.id, ["REVIEWER"]);
    expect(view.form?.version).toBe(2);
    expect(view.mine?.values.sex).toEqual({ value: "Female", locator: "" });
    expect(view.flags).toEqual([
      { fieldId: "species", reason: "changed", label: "Species" },
      { fieldId: "sex", reason: "removed", label: "Sex" },
    ]);
    expect(await db.auditEvent.count({ where: { reviewId: t.review.id, entity: "ExtractionForm" } })).toBe(3);
  });
  it("only owners build forms; non-members get not found", async () => {
    const t = await setup();
    as(t.reviewer);
    expect(await createFormFromTemplateAction({ slug: t.slug, template: "clinical-rct" })).toMatchObject({ ok: false, error: "Your role in this review does not allow that." });
    as(t.outsider);
    expect(await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: {}, outcomeData: {} })).toEqual({ ok: false, error: "Not found." });
    as(t.adjudicator);
    expect((await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: {}, outcomeData: {} })).ok).toBe(false);
  });
  it("refuses to delete an outcome with data", async () => {
    const t = await setup();
    as(t.reviewer);
    await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(0.5) });
    const outcome = await db.outcome.findFirstOrThrow({ where: { reviewId: t.review.id } });
    as(t.owner);
    expect(await deleteOutcomeAction({ slug: t.slug, outcomeId: outcome.id })).toMatchObject({ ok: false, error: expect.stringMatching(/has data in 1 extraction/) });
  });
});

describe("saving", () => {
  it("puts errors on the field, saves nothing, and returns warnings", async () => {
    const t = await setup();
    as(t.reviewer);
    const bad = outcomeData(0);
    const rejected = await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: { ...answers, species: { value: "Cat", locator: "" } }, outcomeData: bad });
    expect(rejected).toMatchObject({ ok: false, fieldErrors: { "values.species": [expect.stringMatching(/Choose one of/)], "outcomeData.arms.0.sd": ["SD must be greater than 0."] } });
    expect(await db.extractionEntry.count({ where: { studyId: t.studyId } })).toBe(0);
    const warned = await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(2.5) });
    expect(warned).toMatchObject({ ok: true, data: { status: "IN_PROGRESS", warnings: { "outcomeData.arms.0.sd": [expect.stringMatching(/larger than the mean/)] } } });
    const submitMissing = await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: {}, outcomeData: outcomeData(0.5), submit: true });
    expect(submitMissing).toMatchObject({ ok: false, fieldErrors: { "values.species": ["Required."] } });
  });
});

describe("blinding and consensus", () => {
  it("never shows a colleague's answers before both submitted; consensus settles the SEM/SD disagreement", async () => {
    const t = await setup();
    const sem = 0.2041; // 0.5 / √6, as a paper would print it
    as(t.reviewer);
    expect((await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(sem), submit: true })).ok).toBe(true);
    as(t.second);
    await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(0.5) });
    for (const viewer of [t.reviewer, t.second]) {
      const view = await getExtractionView(t.review.id, t.studyId, viewer.id, ["REVIEWER"]);
      expect(view.othersVisible).toBe(false);
      expect(view.others).toEqual([]);
      expect(JSON.stringify(view)).not.toContain(viewer === t.reviewer ? '"sd":0.5' : String(sem));
    }
    const early = await saveConsensusAction({ slug: t.slug, studyId: t.studyId, decisions: {} });
    expect(early.ok).toBe(false); // the reviewer cannot reconcile, and it is not ready anyway
    as(t.owner);
    expect(await saveConsensusAction({ slug: t.slug, studyId: t.studyId, decisions: {} })).toMatchObject({ ok: false, error: "A consensus needs 2 submitted extractions." });

    as(t.second);
    expect((await saveMyExtractionAction({ slug: t.slug, studyId: t.studyId, values: answers, outcomeData: outcomeData(0.5), submit: true })).ok).toBe(true);
    const after = await getExtractionView(t.review.id, t.studyId, t.reviewer.id, ["REVIEWER"]);
    expect(after.othersVisible).toBe(true);
    expect(after.others[0].outcomeData.arms[0].data.sd).toBe(0.5);

    const view = await getConsensusView(t.review.id, t.studyId);
    const disagreements = view.rows.filter((r) => !r.agree);
    expect(disagreements.map((r) => r.label)).toEqual(["OVX cohort › OVX + EV › MAR @ 8 w › sd"]);
    expect(disagreements[0].hint).toMatch(/A probably entered an SEM as an SD/);

    as(t.adjudicator);
    const key = cellKey(["a", "OVX cohort", "OVX + EV", "MAR", "8 w", "sd"]);
    expect(await saveConsensusAction({ slug: t.slug, studyId: t.studyId, decisions: {}, finalize: true })).toMatchObject({ ok: false, error: "1 disagreement is not settled yet." });
    expect(await saveConsensusAction({ slug: t.slug, studyId: t.studyId, decisions: { [key]: { source: "NEW", typed: "abc" } } })).toMatchObject({ ok: false, fieldErrors: { [key]: ["“abc” is not a number."] } });
    expect(await saveConsensusAction({ slug: t.slug, studyId: t.studyId, decisions: { [key]: { source: "B", note: "A copied the SEM" } }, finalize: true })).toMatchObject({ ok: true, data: { status: "SUBMITTED" } });
    const consensus = await db.extractionEntry.findFirstOrThrow({ where: { studyId: t.studyId, consensus: true } });
    expect(consensus.reviewerId).toBeNull();
    expect((consensus.decisions as Record<string, unknown>)[key]).toEqual({ source: "B", note: "A copied the SEM" });

    as(t.reviewer);
    expect(await reopenMyExtractionAction({ slug: t.slug, studyId: t.studyId })).toMatchObject({ ok: false, error: expect.stringMatching(/consensus was built/) });

    const table = await loadConsensusOutcomeRows(t.review.id);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({ study: "Hu 2020", experiment: "OVX cohort", comparison: "EV vs PBS", group1: "OVX + EV", group2: "OVX + PBS", outcome: "MAR", timepoint: "8 w", m1i: "2.1", sd1i: "0.5", n1i: "6", m2i: "1.2", sd2i: "0.3", n2i: "6", species: "Rat" });
    const raw = await loadRawOutcomeRows(t.review.id);
    expect(raw.rows.map((r) => [r.reviewer, r.sd1i])).toEqual(expect.arrayContaining([[t.reviewer.email, String(sem)], [t.second.email, "0.5"]]));

    const agreement = await getExtractionAgreement(t.review.id);
    expect(agreement.studies).toBe(1);
    expect(agreement.overall.total - agreement.overall.agree).toBe(1);
    const progress = await getExtractionProgress(t.review.id);
    expect(progress.studies[0]).toMatchObject({ label: "Hu 2020", submitted: 2, consensus: "SUBMITTED" });
    expect(progress.perReviewer.map((r) => r.submitted)).toEqual([1, 1]);
    const audits = await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: "ExtractionEntry" }, select: { action: true } });
    expect(audits.map((a) => a.action).sort()).toEqual(["consensus-final", "create", "submit", "submit"]);
  });
});
