/**
 * Assignment through the real actions on a real database: an owner splits a stage's records or
 * has a second reviewer check a share; queues, progress, resolution, conflicts, kappa's overlap
 * and the audit log follow. Only the session and Next's cache are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember, makeRecords, makeResolution, makeVote } from "@/lib/screening/test-records";
import { decideAction, nextRecordsAction, updateStageSettingsAction } from "@/lib/screening/actions";
import { setStageAssignmentAction } from "@/lib/screening/assignment-actions";
import { ensureAssigned } from "@/lib/screening/assignment-mutations";
import { getAssignmentSummary } from "@/lib/screening/assignment-data";
import { getProgress } from "@/lib/screening/data";
import { countStage, nextRecordIds } from "@/lib/screening/queue";
import { listConflicts } from "@/lib/screening/conflict-data";
import { getAgreement } from "@/lib/screening/agreement-data";
import { searchMyQueue } from "@/lib/screening/bulk";
import { getRecordDetail } from "@/lib/records/detail";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const as = (user: CurrentUser) => (session.user = user);

const TA = "TITLE_ABSTRACT";

async function setup(n = 30) {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const third = await addMember(team.review.id, "Third", ["REVIEWER"]);
  const records = await makeRecords(team.review.id, Array.from({ length: n }, (_, i) => `Record ${i}`));
  const slug = team.review.slug;
  const reviewers = [team.reviewer, second, third];
  const assign = (input: Record<string, unknown>) => {
    as(team.owner);
    return setStageAssignmentAction({ slug, stage: TA, ...input });
  };
  const queue = (reviewerId: string, stage = TA) => nextRecordIds(db, { reviewId: team.review.id, stage: stage as "TITLE_ABSTRACT", reviewerId, required: "ASSIGNED", exclude: [], limit: 1000 });
  const decide = (user: CurrentUser, recordId: string, decision: string, stage = TA) => {
    as(user);
    return decideAction({ slug, stage, recordId, decision, ...(stage === "FULL_TEXT" && decision === "EXCLUDE" ? {} : {}) });
  };
  const rows = () => db.screeningAssignment.findMany({ where: { reviewId: team.review.id, stage: TA }, orderBy: [{ recordId: "asc" }, { reviewerId: "asc" }], select: { recordId: true, reviewerId: true } });
  return { ...team, second, third, reviewers, records, slug, assign, queue, decide, rows };
}

beforeEach(() => {
  session.user = null;
});

describe("split among reviewers", () => {
  it("only an owner sets it; each reviewer's queue and progress hold only their balanced share", async () => {
    const t = await setup(30);
    as(t.reviewer);
    expect(await setStageAssignmentAction({ slug: t.slug, stage: TA, mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1 })).toMatchObject({ ok: false, error: expect.stringContaining("role") });
    expect(await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1, seed: "lab-1" })).toMatchObject({ ok: true, data: { records: 30, seed: "lab-1" } });

    const queues = await Promise.all(t.reviewers.map((r) => t.queue(r.id)));
    expect(queues.map((q) => q.length)).toEqual([10, 10, 10]);
    expect(new Set(queues.flat()).size).toBe(30);
    // The screening action serves the same share.
    as(t.second);
    const served = await nextRecordsAction({ slug: t.slug, stage: TA, exclude: [] });
    expect(served.ok && served.data.items.every((i) => queues[1].includes(i.id))).toBe(true);
    const progress = await getProgress(t.review.id, TA, t.second.id, "ASSIGNED");
    expect(progress.mine).toEqual({ done: 0, total: 10 });
    expect(progress.team).toEqual({ total: 30, complete: 0 });

    // A record assigned to one reviewer is settled by that vote; nobody else may vote on it.
    const mine = queues[1][0];
    expect(await t.decide(t.reviewer, mine, "INCLUDE")).toMatchObject({ ok: false, error: "This record is not assigned to you at this stage." });
    expect(await t.decide(t.second, mine, "EXCLUDE")).toMatchObject({ ok: true, data: { resolved: true } });
    // A lone "maybe" goes to the conflicts list, as in single-reviewer mode.
    expect(await t.decide(t.second, queues[1][1], "MAYBE")).toMatchObject({ ok: true, data: { resolved: false } });
    const { conflicts } = await listConflicts(t.review.id, TA, t.adjudicator.id);
    expect(conflicts.map((c) => c.id)).toEqual([queues[1][1]]);
    expect(await getProgress(t.review.id, TA, t.second.id, "ASSIGNED")).toMatchObject({ mine: { done: 2, total: 10 }, team: { total: 30, complete: 2 } });

    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: t.review.id, entity: "ScreeningAssignmentPlan" } });
    expect(audit).toMatchObject({ action: "draw", actorId: t.owner.id, after: { mode: "SPLIT", seed: "lab-1", perRecord: 1, records: 30 } });
    expect((audit.after as { reviewers: { records: number }[] }).reviewers.map((r) => r.records)).toEqual([10, 10, 10]);
  });

  it("two per record: both assignees must vote, disagreement is a conflict, and kappa uses the overlap", async () => {
    const t = await setup(30);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 2, seed: "pairs" });
    const rows = await t.rows();
    expect(rows).toHaveLength(60);
    const byRecord = new Map<string, string[]>();
    for (const r of rows) byRecord.set(r.recordId, [...(byRecord.get(r.recordId) ?? []), r.reviewerId]);
    const [agreeId, agreeWho] = [...byRecord].find(([, who]) => who.includes(t.reviewer.id) && who.includes(t.second.id))!;
    const [clashId, clashWho] = [...byRecord].find(([id, who]) => id !== agreeId && who.includes(t.reviewer.id) && who.includes(t.second.id))!;
    const outsider = t.reviewers.find((r) => !agreeWho.includes(r.id))!;
    expect(await t.decide(outsider, agreeId, "INCLUDE")).toMatchObject({ ok: false, error: "This record is not assigned to you at this stage." });
    expect(await t.decide(t.reviewer, agreeId, "INCLUDE")).toMatchObject({ ok: true, data: { resolved: false } });
    expect(await t.decide(t.second, agreeId, "INCLUDE")).toMatchObject({ ok: true, data: { resolved: true } });
    expect(clashWho).toHaveLength(2);
    await t.decide(t.reviewer, clashId, "INCLUDE");
    expect(await t.decide(t.second, clashId, "EXCLUDE")).toMatchObject({ ok: true, data: { resolved: false } });
    expect((await listConflicts(t.review.id, TA, t.adjudicator.id)).conflicts.map((c) => c.id)).toEqual([clashId]);

    const pair = (await getAgreement(t.review.id, TA)).find((p) => [p.reviewerA, p.reviewerB].sort().join() === [t.reviewer.id, t.second.id].sort().join())!;
    const sharedByPair = [...byRecord.values()].filter((who) => who.includes(t.reviewer.id) && who.includes(t.second.id)).length;
    expect(pair).toMatchObject({ n: 2, assignedToBoth: sharedByPair });
  });

  it("is reproducible: the same seed draws the same assignment; a new seed another", async () => {
    const t = await setup(24);
    const ids = t.reviewers.map((r) => r.id);
    await t.assign({ mode: "SPLIT", reviewerIds: ids, perRecord: 2, seed: "same" });
    const first = await t.rows();
    await t.assign({ mode: "SPLIT", reviewerIds: ids, perRecord: 2, seed: "same" });
    expect(await t.rows()).toEqual(first);
    await t.assign({ mode: "SPLIT", reviewerIds: ids, perRecord: 2, seed: "other" });
    expect(await t.rows()).not.toEqual(first);
    const digests = (await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: "ScreeningAssignmentPlan" }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => (e.after as { digest: string }).digest);
    expect(digests[0]).toBe(digests[1]);
    expect(digests[2]).not.toBe(digests[0]);
  });

  it("records imported later are assigned by the same rule, without moving earlier ones", async () => {
    const t = await setup(30);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1, seed: "s" });
    const before = await t.rows();
    const added = await makeRecords(t.review.id, ["New 1", "New 2", "New 3", "New 4", "New 5", "New 6"]);
    // The end of a reviewer's queue picks them up without a page load.
    as(t.reviewer);
    for (const id of await t.queue(t.reviewer.id)) await t.decide(t.reviewer, id, "EXCLUDE");
    const served = await nextRecordsAction({ slug: t.slug, stage: TA, exclude: [] });
    expect(served.ok && served.data.items.length).toBeGreaterThan(0);
    expect(await ensureAssigned(t.review.id, TA)).toBe(0);
    const after = await t.rows();
    expect(after.filter((r) => !added.some((a) => a.id === r.recordId))).toEqual(before);
    expect(after).toHaveLength(36);
    const summary = await getAssignmentSummary(t.review.id, TA);
    expect(summary?.reviewers.map((r) => r.assigned)).toEqual([12, 12, 12]);
    expect(summary?.unassigned).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { reviewId: t.review.id, action: "assign-new" } });
    expect(event.after).toMatchObject({ records: 6, seed: "s" });
  });

  it("page loads look for unassigned records only when arrival counts move, unless forced", async () => {
    const t = await setup(6);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1 });
    expect(await ensureAssigned(t.review.id, TA)).toBe(0);
    // An arrival no count can see (as when another record becomes a group's primary): waits for the next full look.
    await db.screeningAssignment.deleteMany({ where: { recordId: t.records[0].id } });
    expect(await ensureAssigned(t.review.id, TA)).toBe(0);
    expect(await ensureAssigned(t.review.id, TA, { force: true })).toBe(1);
    // A new record moves the counts, so the next page load assigns it at once.
    await makeRecords(t.review.id, ["Late"]);
    expect(await ensureAssigned(t.review.id, TA)).toBe(1);
  });

  it("switching mid-stage keeps every vote with its reviewer, settles what one vote now settles, and can be switched back", async () => {
    const t = await setup(12);
    // Everyone screens everything, two votes per record: the first reviewer has voted on three.
    for (const r of t.records.slice(0, 3)) await t.decide(t.reviewer, r.id, "EXCLUDE");
    await makeResolution(t.review.id, t.records[3].id, "INCLUDE");
    const res = await t.assign({ mode: "SPLIT", reviewerIds: [t.second.id, t.third.id], perRecord: 1 });
    expect(res).toMatchObject({ ok: true, data: { records: 11, settled: 3 } });
    for (const r of t.records.slice(0, 3)) expect(await db.screeningResolution.findFirst({ where: { recordId: r.id, stage: TA } })).toMatchObject({ outcome: "EXCLUDE", method: "AGREEMENT" });
    const queues = await Promise.all([t.second, t.third].map((r) => t.queue(r.id)));
    expect(queues.flat().sort()).toEqual(t.records.slice(4).map((r) => r.id).sort());
    expect(await countStage(t.review.id, TA, "ASSIGNED")).toEqual({ total: 12, complete: 4 });

    as(t.owner);
    expect(await setStageAssignmentAction({ slug: t.slug, stage: TA, mode: "EVERYONE" })).toMatchObject({ ok: true });
    expect(await db.screeningAssignmentPlan.count({ where: { reviewId: t.review.id } })).toBe(0);
    expect(await db.auditEvent.findFirst({ where: { reviewId: t.review.id, action: "clear" } })).toMatchObject({ before: { mode: "SPLIT" }, after: { mode: "EVERYONE" } });
    as(t.third);
    const all = await nextRecordsAction({ slug: t.slug, stage: TA, exclude: [] });
    expect(all.ok && all.data.items).toHaveLength(2);
  });

  it("lowering the stage's fixed votes per record does not settle assigned records still waiting for their second vote", async () => {
    const t = await setup(6);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 2 });
    const [rec] = await t.queue(t.reviewer.id);
    await t.decide(t.reviewer, rec, "EXCLUDE");
    as(t.owner);
    const lowered = await updateStageSettingsAction({ slug: t.slug, taReviewersPerRecord: "1", taBlinded: "on", taAllowMaybe: "on", ftReviewersPerRecord: "2", ftBlinded: "on" });
    expect(lowered).toMatchObject({ ok: true, data: { settled: 0 } });
    expect(await db.screeningResolution.count({ where: { recordId: rec } })).toBe(0);
  });

  it("on the record page an adjudicator sees a lone assigned vote once it is a conflict, while colleagues stay blinded", async () => {
    const t = await setup(3);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1 });
    const [rec] = await t.queue(t.reviewer.id);
    await t.decide(t.reviewer, rec, "MAYBE");
    const asAdjudicator = await getRecordDetail(t.review.id, rec, { id: t.adjudicator.id, roles: ["ADJUDICATOR"] });
    expect(asAdjudicator?.stages.find((s) => s.stage === TA)).toMatchObject({ votes: [{ decision: "MAYBE" }], hiddenVotes: 0 });
    const asColleague = await getRecordDetail(t.review.id, rec, { id: t.second.id, roles: ["REVIEWER"] });
    expect(asColleague?.stages.find((s) => s.stage === TA)).toMatchObject({ votes: [], hiddenVotes: 1 });
  });

  it("bulk search finds only my assigned records", async () => {
    const t = await setup(9);
    await t.assign({ mode: "SPLIT", reviewerIds: t.reviewers.map((r) => r.id), perRecord: 1 });
    const mine = await t.queue(t.third.id);
    const found = await searchMyQueue(db, t.review.id, TA, t.third.id, "Record");
    expect(found.records.map((r) => r.id).sort()).toEqual([...mine].sort());
  });

  it("refuses people without the Reviewer role and impossible counts", async () => {
    const t = await setup(3);
    expect(await t.assign({ mode: "SPLIT", reviewerIds: [t.reviewer.id, t.adjudicator.id], perRecord: 1 })).toMatchObject({ ok: false, fieldErrors: { reviewerIds: expect.any(Array) } });
    expect(await t.assign({ mode: "SPLIT", reviewerIds: [t.reviewer.id], perRecord: 2 })).toMatchObject({ ok: false, fieldErrors: { perRecord: expect.any(Array) } });
    expect(await t.assign({ mode: "CHECK", primaryId: t.reviewer.id, checkerId: t.reviewer.id })).toMatchObject({ ok: false, fieldErrors: { checkerId: expect.any(Array) } });
    expect(await db.screeningAssignmentPlan.count({ where: { reviewId: t.review.id } })).toBe(0);
  });
});

describe("a second reviewer checks a share", () => {
  it("the first reviewer settles unchecked records alone; checked ones need both; kappa is on the checked overlap", async () => {
    const t = await setup(30);
    expect(await t.assign({ mode: "CHECK", primaryId: t.reviewer.id, checkerId: t.second.id, checkPercent: 20, seed: "c" })).toMatchObject({ ok: true });
    const primary = await t.queue(t.reviewer.id);
    const checked = await t.queue(t.second.id);
    expect(primary).toHaveLength(30);
    expect(checked).toHaveLength(6);
    expect(await t.queue(t.third.id)).toEqual([]);
    const unchecked = primary.find((id) => !checked.includes(id))!;
    expect(await t.decide(t.reviewer, unchecked, "INCLUDE")).toMatchObject({ ok: true, data: { resolved: true } });
    for (const id of checked.slice(0, 4)) {
      expect(await t.decide(t.reviewer, id, "INCLUDE")).toMatchObject({ ok: true, data: { resolved: false } });
      await t.decide(t.second, id, id === checked[0] ? "EXCLUDE" : "INCLUDE");
    }
    const [pair] = await getAgreement(t.review.id, TA);
    expect(pair).toMatchObject({ n: 4, assignedToBoth: 6, percentAgreement: 0.75 });
    // A re-draw with the same rule keeps the settled records' reviewers, so the overlap still counts them.
    await t.assign({ mode: "CHECK", primaryId: t.reviewer.id, checkerId: t.second.id, checkPercent: 20, seed: "c2" });
    const [again] = await getAgreement(t.review.id, TA);
    expect(again.n).toBe(4);
    expect(again.assignedToBoth).toBe(6);
    expect((await listConflicts(t.review.id, TA, t.adjudicator.id)).conflicts.map((c) => c.id)).toEqual([checked[0]]);
    expect(await getProgress(t.review.id, TA, t.second.id, "ASSIGNED")).toMatchObject({ mine: { done: 4, total: 6 } });
  });
});

describe("full text", () => {
  it("records included at title/abstract after the draw join the full-text assignment", async () => {
    const t = await setup(4);
    as(t.owner);
    await setStageAssignmentAction({ slug: t.slug, stage: "FULL_TEXT", mode: "SPLIT", reviewerIds: [t.reviewer.id, t.second.id], perRecord: 1 });
    expect(await db.screeningAssignment.count({ where: { reviewId: t.review.id } })).toBe(0);
    for (const r of t.records.slice(0, 2)) await makeResolution(t.review.id, r.id, "INCLUDE");
    await makeVote(t.review.id, t.records[1].id, t.third.id, "INCLUDE", "FULL_TEXT");
    expect(await ensureAssigned(t.review.id, "FULL_TEXT")).toBe(2);
    const rows = await db.screeningAssignment.findMany({ where: { reviewId: t.review.id, stage: "FULL_TEXT" } });
    expect(rows).toHaveLength(2);
    // Whoever already voted keeps the record, even outside the plan's reviewers.
    expect(rows.find((r) => r.recordId === t.records[1].id)?.reviewerId).toBe(t.third.id);
  });
});
