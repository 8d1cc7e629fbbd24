/**
 * Screening through the real actions and data functions on a real database: blinding, conflicts,
 * adjudication, changes until resolution, assignment, undo and full text. Only the session and
 * Next's cache are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember, makeRecords } from "@/lib/screening/test-records";
import { decideAction, nextRecordsAction, reopenResolutionAction, resolveConflictAction, undoDecisionAction, updateStageSettingsAction } from "@/lib/screening/actions";
import { getMyHistory, getScreeningItems } from "@/lib/screening/data";
import { listConflicts } from "@/lib/screening/conflict-data";
import { getAgreement } from "@/lib/screening/agreement-data";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const as = (user: CurrentUser) => (session.user = user);

async function setup(titles = ["Alpha", "Beta", "Gamma"]) {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const records = await makeRecords(team.review.id, titles);
  const slug = team.review.slug;
  const decide = (recordId: string, decision: string, extra: Record<string, unknown> = {}) => decideAction({ slug, stage: "TITLE_ABSTRACT", recordId, decision, ...extra });
  const next = async (stage = "TITLE_ABSTRACT", exclude: string[] = []) => {
    const r = await nextRecordsAction({ slug, stage, exclude });
    if (!r.ok) throw new Error(r.error);
    return r.data.items;
  };
  return { ...team, second, records, slug, decide, next };
}

beforeEach(() => {
  session.user = null;
});

describe("blinding", () => {
  it("no reviewer sees a colleague's vote before the record is resolved, in any response", async () => {
    const t = await setup(["Alpha"]);
    const [rec] = t.records;
    as(t.reviewer);
    const first = await t.decide(rec.id, "EXCLUDE", { note: "secret note" });
    expect(first).toMatchObject({ ok: true, data: { resolved: false } });

    as(t.second);
    const queue = await t.next();
    expect(queue.map((i) => i.id)).toEqual([rec.id]);
    expect(queue[0].otherVotes).toEqual([]);
    expect(JSON.stringify(queue)).not.toContain("secret note");
    expect(JSON.stringify(queue)).not.toContain("EXCLUDE");
    const [seen] = await getScreeningItems(t.review.id, "TITLE_ABSTRACT", t.second.id, [rec.id], true);
    expect(seen.otherVotes).toEqual([]);

    // The second vote disagrees: a conflict, still blinded for both reviewers.
    const second = await t.decide(rec.id, "INCLUDE");
    expect(second).toMatchObject({ ok: true, data: { resolved: false } });
    const history = await getMyHistory(t.review.id, "TITLE_ABSTRACT", t.second.id, true);
    expect(history[0]).toMatchObject({ myVote: { decision: "INCLUDE" }, otherVotes: [] });
    const [forFirst] = await getScreeningItems(t.review.id, "TITLE_ABSTRACT", t.reviewer.id, [rec.id], true);
    expect(forFirst.otherVotes).toEqual([]);

    // The adjudicator sees both sides, settles, and then the reviewers see each other's votes.
    const conflicts = await listConflicts(t.review.id, "TITLE_ABSTRACT", t.adjudicator.id);
    expect(conflicts.conflicts[0].votes.map((v) => [v.reviewerName, v.decision, v.note])).toEqual([
      [t.reviewer.name, "EXCLUDE", "secret note"],
      [t.second.name, "INCLUDE", ""],
    ]);
    as(t.adjudicator);
    expect(await resolveConflictAction({ slug: t.slug, stage: "TITLE_ABSTRACT", recordId: rec.id, outcome: "INCLUDE", note: "Meets criteria" })).toMatchObject({ ok: true });
    const [after] = await getScreeningItems(t.review.id, "TITLE_ABSTRACT", t.second.id, [rec.id], true);
    expect(after.otherVotes.map((v) => v.decision)).toEqual(["EXCLUDE"]);
    expect(after.resolution).toMatchObject({ outcome: "INCLUDE", method: "ADJUDICATION" });
  });

  it("with blinding off, a colleague's vote is shown at once", async () => {
    const t = await setup(["Alpha"]);
    as(t.owner);
    expect(await updateStageSettingsAction({ slug: t.slug, taReviewersPerRecord: "2", taBlinded: "false", taAllowMaybe: "on", ftReviewersPerRecord: "2", ftBlinded: "on" })).toMatchObject({ ok: true });
    as(t.reviewer);
    await t.decide(t.records[0].id, "MAYBE");
    as(t.second);
    const [item] = await t.next();
    expect(item.otherVotes).toMatchObject([{ reviewerName: t.reviewer.name, decision: "MAYBE" }]);
  });
});

describe("resolution and assignment", () => {
  it("two agreeing votes resolve a record; votes can change until then and the first vote is kept", async () => {
    const t = await setup(["Alpha"]);
    const [rec] = t.records;
    as(t.reviewer);
    await t.decide(rec.id, "INCLUDE");
    expect(await t.decide(rec.id, "EXCLUDE", { note: "changed my mind" })).toMatchObject({ ok: true });
    as(t.second);
    expect(await t.decide(rec.id, "EXCLUDE")).toMatchObject({ ok: true, data: { resolved: true } });
    const mine = await db.screeningDecision.findUniqueOrThrow({ where: { recordId_stage_reviewerId: { recordId: rec.id, stage: "TITLE_ABSTRACT", reviewerId: t.reviewer.id } } });
    expect(mine).toMatchObject({ decision: "EXCLUDE", firstDecision: "INCLUDE" });
    expect(await db.screeningResolution.findFirst({ where: { recordId: rec.id } })).toMatchObject({ outcome: "EXCLUDE", method: "AGREEMENT" });
    as(t.reviewer);
    expect(await t.decide(rec.id, "INCLUDE")).toMatchObject({ ok: false, error: expect.stringContaining("already resolved") });
    const audit = await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: { startsWith: "Screening" } }, select: { entity: true, action: true } });
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual(["ScreeningDecision:create", "ScreeningDecision:create", "ScreeningDecision:update", "ScreeningResolution:agree"].sort());
    // The adjudicator reopens it; the voters may change their votes again.
    as(t.adjudicator);
    expect(await reopenResolutionAction({ slug: t.slug, stage: "TITLE_ABSTRACT", recordId: rec.id, note: "Recheck" })).toMatchObject({ ok: true });
    as(t.reviewer);
    expect(await t.decide(rec.id, "INCLUDE")).toMatchObject({ ok: true, data: { resolved: false } });
  });

  it("offers each reviewer only records still needing their vote, never duplicates, in a stable order", async () => {
    const t = await setup(["A", "B", "C", "D"]);
    const [a, b, , d] = t.records;
    const group = await db.duplicateGroup.create({ data: { reviewId: t.review.id, primaryRecordId: a.id, origin: "MANUAL", score: 1, reasons: [] } });
    await db.record.updateMany({ where: { id: { in: [a.id, d.id] } }, data: { duplicateGroupId: group.id } });
    const third = await addMember(t.review.id, "Third", ["REVIEWER"]);
    as(t.reviewer);
    const order1 = (await t.next("TITLE_ABSTRACT")).map((i) => i.id);
    expect((await t.next("TITLE_ABSTRACT")).map((i) => i.id)).toEqual(order1);
    expect(order1).not.toContain(d.id);
    await t.decide(b.id, "INCLUDE");
    as(t.second);
    await t.decide(b.id, "EXCLUDE");
    as(third);
    const thirdQueue = await nextRecordsAction({ slug: t.slug, stage: "TITLE_ABSTRACT", exclude: [] });
    expect(thirdQueue.ok && thirdQueue.data.items.map((i) => i.id)).not.toContain(b.id);
    expect(await t.decide(b.id, "INCLUDE")).toMatchObject({ ok: false, error: "This record already has all its votes." });
    expect(await t.decide(d.id, "INCLUDE")).toMatchObject({ ok: false, error: "This record is not screened at this stage." });
  });

  it("undo withdraws my vote and the record comes back to me", async () => {
    const t = await setup(["Alpha"]);
    as(t.reviewer);
    await t.decide(t.records[0].id, "EXCLUDE");
    expect(await t.next()).toEqual([]);
    expect(await undoDecisionAction({ slug: t.slug, stage: "TITLE_ABSTRACT", recordId: t.records[0].id })).toMatchObject({ ok: true });
    expect((await t.next()).map((i) => i.id)).toEqual([t.records[0].id]);
  });

  it("refuses maybe when the stage does not allow it, and unknown reasons", async () => {
    const t = await setup(["Alpha"]);
    as(t.reviewer);
    expect(await decideAction({ slug: t.slug, stage: "FULL_TEXT", recordId: t.records[0].id, decision: "MAYBE" })).toMatchObject({ ok: false, error: expect.stringContaining("Maybe") });
    expect(await t.decide(t.records[0].id, "EXCLUDE", { reasonId: "nope" })).toMatchObject({ ok: false, fieldErrors: { reasonId: expect.any(Array) } });
    expect(await t.decide(t.records[0].id, "PERHAPS")).toMatchObject({ ok: false, fieldErrors: { decision: expect.any(Array) } });
  });
});

describe("full text", () => {
  it("only title/abstract inclusions reach full text; exclusion needs a reason; inclusion makes a study", async () => {
    const t = await setup(["In", "Out"]);
    const [inc, out] = t.records;
    for (const user of [t.reviewer, t.second]) {
      as(user);
      await t.decide(inc.id, "INCLUDE");
      await t.decide(out.id, "EXCLUDE");
    }
    as(t.reviewer);
    expect((await t.next("FULL_TEXT")).map((i) => i.id)).toEqual([inc.id]);
    const ft = (decision: string, reasonId?: string) => decideAction({ slug: t.slug, stage: "FULL_TEXT", recordId: inc.id, decision, reasonId });
    expect(await ft("EXCLUDE")).toMatchObject({ ok: false, fieldErrors: { reasonId: ["Choose a reason to exclude at full text."] } });
    expect(await decideAction({ slug: t.slug, stage: "FULL_TEXT", recordId: out.id, decision: "INCLUDE" })).toMatchObject({ ok: false });
    expect(await ft("INCLUDE")).toMatchObject({ ok: true });
    as(t.second);
    expect(await ft("INCLUDE")).toMatchObject({ ok: true, data: { resolved: true } });
    const record = await db.record.findUniqueOrThrow({ where: { id: inc.id }, include: { study: true } });
    expect(record.study?.label).toBe("Smith 2020");
  });
});

describe("agreement", () => {
  it("uses first votes, counting maybe as include", async () => {
    const t = await setup(["A", "B", "C", "D"]);
    const plan: [string, string][] = [["INCLUDE", "INCLUDE"], ["EXCLUDE", "EXCLUDE"], ["MAYBE", "INCLUDE"], ["INCLUDE", "EXCLUDE"]];
    for (const [i, [x, y]] of plan.entries()) {
      as(t.reviewer);
      await t.decide(t.records[i].id, x);
      as(t.second);
      await t.decide(t.records[i].id, y);
    }
    const [pair] = await getAgreement(t.review.id, "TITLE_ABSTRACT");
    expect(pair).toMatchObject({ n: 4, percentAgreement: 0.75 });
    // po = 0.75; A includes 3/4, B 2/4: pe = 0.75·0.5 + 0.25·0.5 = 0.5; κ = 0.5.
    expect(pair.kappa).toBeCloseTo(0.5, 12);
  });
});
