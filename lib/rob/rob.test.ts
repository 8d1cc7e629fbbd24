/**
 * Risk of bias through the real actions and data functions on a real database: validation,
 * first judgements, blinding, submission, consensus, settings and audit. Only the session and
 * Next's cache are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember } from "@/lib/screening/test-records";
import { acceptAgreementsAction, saveCustomItemAction, saveRatingAction, setConsensusAction, submitAssessmentAction, updateRobSettingsAction } from "./actions";
import { getRobAgreement, getRobGrid, getStudyRating, listConsensusJudgements } from "./data";
import { SYRCLE } from "./tools";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const as = (user: CurrentUser) => (session.user = user);

beforeEach(() => {
  session.user = null;
});

async function setup() {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const study = await db.study.create({ data: { reviewId: team.review.id, label: "Smith 2020" } });
  const slug = team.review.slug;
  /** Rates every SYRCLE item of the study; `judgement` per item, answers consistent with it. */
  const rateAll = async (judge: (item: string) => "LOW" | "HIGH" | "UNCLEAR", quote = "quote for") => {
    for (const item of SYRCLE.items) {
      const j = judge(item.id);
      const code = j === "LOW" ? "Y" : j === "HIGH" ? "N" : "U";
      const answers = Object.fromEntries(item.questions.map((q) => [q.id, code]));
      const r = await saveRatingAction({ slug, studyId: study.id, item: item.id, judgement: j, answers: JSON.stringify(answers), support: j === "UNCLEAR" ? "" : `${quote} ${item.id}` });
      if (!r.ok) throw new Error(`${item.id}: ${r.error}`);
    }
  };
  return { ...team, second, study, slug, rateAll };
}

describe("rating", () => {
  it("validates: support for low/high, a reason to override, the tool's items and judgements", async () => {
    const t = await setup();
    as(t.reviewer);
    const noQuote = await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "LOW", answers: { "1.1": "Y" } });
    expect(noQuote).toMatchObject({ ok: false, fieldErrors: { support: [expect.stringMatching(/quote/)] } });
    const override = await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "HIGH", answers: { "1.1": "Y" }, support: "alternation" });
    expect(override).toMatchObject({ ok: false, fieldErrors: { overrideReason: expect.anything() } });
    expect(await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "D1", judgement: "LOW", support: "x" })).toMatchObject({ ok: false });
    expect(await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "SOME_CONCERNS" })).toMatchObject({ ok: false });
    expect(await db.robRating.count({ where: { assessment: { reviewId: t.review.id } } })).toBe(0);
  });

  it("keeps the first judgement after edits, and audits both", async () => {
    const t = await setup();
    as(t.reviewer);
    await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR", answers: { "1.1": "U" } });
    const edit = await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "LOW", answers: { "1.1": "Y" }, support: "random number table" });
    expect(edit).toMatchObject({ ok: true, data: { derived: "LOW" } });
    const rating = await db.robRating.findFirstOrThrow({ where: { item: "1", assessment: { studyId: t.study.id } } });
    expect(rating).toMatchObject({ judgement: "LOW", firstJudgement: "UNCLEAR", support: "random number table" });
    const audit = await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: "RobRating" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["rob.rating.create", "rob.rating.update"]);
  });

  it("an experiment may override the study's judgement; only appraisers rate; outsiders get not found", async () => {
    const t = await setup();
    as(t.reviewer);
    await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "5", judgement: "LOW", answers: { "5.1": "Y" }, support: "blinded" });
    const exp = await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "5", experiment: "Experiment 2", judgement: "HIGH", answers: { "5.1": "N" }, support: "open label in exp 2" });
    expect(exp.ok).toBe(true);
    expect(await db.robRating.count({ where: { item: "5", assessment: { studyId: t.study.id } } })).toBe(2);
    as(t.owner);
    expect(await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR" })).toMatchObject({ ok: false, error: expect.stringMatching(/role/) });
    as(t.outsider);
    expect(await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR" })).toEqual({ ok: false, error: "Not found." });
  });

  it("a study takes at most two raters, and submission needs every item", async () => {
    const t = await setup();
    const third = await addMember(t.review.id, "Third", ["REVIEWER"]);
    as(t.reviewer);
    await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR" });
    expect(await submitAssessmentAction({ slug: t.slug, studyId: t.study.id })).toMatchObject({ ok: false, error: expect.stringMatching(/missing: 2, 3/) });
    as(t.second);
    await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR" });
    as(third);
    expect(await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "1", judgement: "UNCLEAR" })).toMatchObject({ ok: false, error: expect.stringMatching(/already has 2 raters/) });
  });
});

describe("blinding and consensus", () => {
  it("no rater sees the other's judgements until both submitted; then the comparison, consensus and kappa follow", async () => {
    const t = await setup();
    as(t.reviewer);
    await t.rateAll(() => "LOW");
    expect((await submitAssessmentAction({ slug: t.slug, studyId: t.study.id })).ok).toBe(true);
    as(t.second);
    await t.rateAll((i) => (i === "3" ? "HIGH" : "LOW"), "second's secret quote");

    // Second has not submitted: neither rater, nor the adjudicator, sees the other's judgements.
    for (const viewer of [t.reviewer, t.second, t.adjudicator]) {
      const grid = await getRobGrid(t.review.id, viewer.id);
      const others = grid.rows[0].assessments.filter((a) => a.raterId !== viewer.id);
      expect(others).toEqual([]);
      const form = await getStudyRating(t.review.id, t.study.id, viewer.id);
      expect(form!.others).toEqual([]);
      const seen = JSON.stringify([grid.rows, form]);
      if (viewer.id !== t.second.id) expect(seen).not.toContain("second's secret quote");
      if (viewer.id !== t.reviewer.id) expect(seen).not.toContain("quote for");
    }
    as(t.adjudicator);
    expect(await setConsensusAction({ slug: t.slug, studyId: t.study.id, item: "3", judgement: "HIGH", note: "x" })).toMatchObject({ ok: false, error: expect.stringMatching(/waits/) });

    as(t.second);
    expect((await submitAssessmentAction({ slug: t.slug, studyId: t.study.id })).ok).toBe(true);
    const revealed = await getStudyRating(t.review.id, t.study.id, t.reviewer.id);
    expect(revealed!.others).toHaveLength(1);
    expect(revealed!.others[0].ratings.find((r) => r.item === "3")!.judgement).toBe("HIGH");

    as(t.adjudicator);
    expect(await acceptAgreementsAction({ slug: t.slug, studyId: t.study.id })).toMatchObject({ ok: true, data: { taken: 9 } });
    expect(await setConsensusAction({ slug: t.slug, studyId: t.study.id, item: "3", judgement: "HIGH" })).toMatchObject({ ok: false, fieldErrors: { note: expect.anything() } });
    expect((await setConsensusAction({ slug: t.slug, studyId: t.study.id, item: "3", judgement: "HIGH", note: "Envelopes not opaque (p. 3)" })).ok).toBe(true);

    const settled = await listConsensusJudgements(t.review.id);
    expect(settled).toHaveLength(1);
    expect(settled[0].items.find((i) => i.item === "3")).toEqual({ item: "3", judgement: "HIGH" });
    expect(settled[0].items).toHaveLength(10);
    const consensusAudit = await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: "RobConsensus" } });
    expect(consensusAudit).toHaveLength(10);
    expect(consensusAudit.filter((a) => (a.after as { method: string }).method === "agreement")).toHaveLength(9);

    const agreement = await getRobAgreement(t.review.id);
    expect(agreement.overall.n).toBe(10);
    expect(agreement.overall.observedAgreement).toBeCloseTo(0.9, 12);
    expect(agreement.items.find((i) => i.item === "3")!.observedAgreement).toBe(0);
  });

  it("owners choose the tool (fixed once rated) and add custom items; reviewers cannot", async () => {
    const t = await setup();
    as(t.reviewer);
    expect(await updateRobSettingsAction({ slug: t.slug, tool: "ROB2", ratersPerStudy: "2", blinded: "on", showOverall: "on" })).toMatchObject({ ok: false, error: expect.stringMatching(/role/) });
    as(t.owner);
    expect(await updateRobSettingsAction({ slug: t.slug, tool: "ROB2", ratersPerStudy: "2", blinded: "on", showOverall: "on" })).toMatchObject({ ok: true, data: { tool: "ROB2", showOverall: true } });
    expect((await saveCustomItemAction({ slug: t.slug, id: "C1", label: "Sex of animals reported" })).ok).toBe(true);
    expect(await saveCustomItemAction({ slug: t.slug, id: "D1", label: "Clash" })).toMatchObject({ ok: false });
    as(t.reviewer);
    await saveRatingAction({ slug: t.slug, studyId: t.study.id, item: "C1", judgement: "SOME_CONCERNS" });
    as(t.owner);
    expect(await updateRobSettingsAction({ slug: t.slug, tool: "SYRCLE", ratersPerStudy: "2", blinded: "on", showOverall: "" })).toMatchObject({ ok: false, error: expect.stringMatching(/cannot change/) });
    const grid = await getRobGrid(t.review.id, t.owner.id);
    expect(grid.tool.items.map((i) => i.id)).toEqual(["D1", "D2", "D3", "D4", "D5", "C1"]);
    expect(grid.required).toContain("overall");
    expect(grid.progress).toEqual([{ raterId: t.reviewer.id, name: "Reviewer", submitted: 0, inProgress: 1 }]);
  });
});
