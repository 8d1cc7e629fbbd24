import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { Stage } from "@/lib/reviews/schema";
import { resolveVotes, type Decision, type Outcome, type VotesNeeded } from "@/lib/screening/rules";
import { isEligible } from "@/lib/screening/queue";
import { getStageReasons, getStageSettings } from "@/lib/screening/data";
import { attachStudy, detachStudy } from "@/lib/screening/study-mutations";
import { insertResolution, insertVote, readVotes } from "@/lib/screening/vote-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/sql";

export type ScreenInput = { stage: Stage; recordId: string; decision: Decision; reasonId: string | null; note: string };

const RESOLVED = "This record is already resolved. An adjudicator can reopen it.";

/** A reason must be one of the review's reasons for this stage; full-text exclusions must cite one. */
async function checkReason(tx: Tx, reviewId: string, stage: Stage, decision: string, reasonId: string | null): Promise<string | null> {
  if (decision !== "EXCLUDE") return null;
  if (reasonId && !(await getStageReasons(reviewId, stage, tx)).some((r) => r.id === reasonId)) throw new DomainError("Choose one of the listed reasons.", { reasonId: ["Choose one of the listed reasons."] });
  if (stage === "FULL_TEXT" && !reasonId) throw new DomainError("A full-text exclusion needs a reason.", { reasonId: ["Choose a reason to exclude at full text."] });
  return reasonId;
}

/**
 * How many votes one record needs at a stage. When the stage's records are assigned, that is one
 * per assigned reviewer and only they may vote; otherwise the stage's fixed number, from anyone.
 */
async function votesRequired(tx: Tx, stageSettings: { reviewersPerRecord: number; assigned: boolean }, stage: Stage, recordId: string) {
  if (!stageSettings.assigned) return { required: stageSettings.reviewersPerRecord, assignees: null };
  // Plain SQL through lib/sql.ts on the per-decision path (the assignment's unique index leads with recordId, stage).
  const rows = await queryRows<{ reviewerId: string }>(tx, Prisma.sql`SELECT a."reviewerId" FROM "ScreeningAssignment" a WHERE a."recordId" = ${recordId} AND a."stage" = ${stage}`);
  return { required: rows.length, assignees: rows.map((r) => r.reviewerId) };
}

/** Creates the resolution (and, at full text, the study) and audits it. */
async function settle(
  tx: Tx,
  actorId: string | null,
  reviewId: string,
  args: { stage: Stage; recordId: string; outcome: Outcome; reasonId: string | null; method: "AGREEMENT" | "ADJUDICATION"; note: string },
) {
  const resolution = await insertResolution(tx, { reviewId, recordId: args.recordId, stage: args.stage, outcome: args.outcome, reasonId: args.reasonId, method: args.method, resolvedById: actorId, note: args.note });
  await recordAudit(tx, { reviewId, actorId, entity: "ScreeningResolution", entityId: resolution.id, action: args.method === "AGREEMENT" ? "agree" : "adjudicate", after: resolution });
  if (args.stage === "FULL_TEXT" && args.outcome === "INCLUDE") await attachStudy(tx, actorId, reviewId, args.recordId);
  return resolution;
}

/**
 * Records (or changes) one reviewer's vote. The first vote is kept in firstDecision for kappa;
 * a change is allowed until the record is resolved. When the required votes are in and agree,
 * the record is resolved in the same transaction, so no two reviewers can both "complete" it.
 */
export async function screenRecord(tx: Tx, reviewerId: string, reviewId: string, input: ScreenInput) {
  const { stage, recordId, decision, note } = input;
  const stageSettings = await getStageSettings(reviewId, stage, tx);
  if (decision === "MAYBE" && !stageSettings.allowMaybe) throw new DomainError("“Maybe” is switched off at this stage.");
  const reasonId = await checkReason(tx, reviewId, stage, decision, input.reasonId);
  if (!(await isEligible(tx, reviewId, stage, recordId))) throw new DomainError("This record is not screened at this stage.");
  const { resolved: alreadyResolved, votes } = await readVotes(tx, recordId, stage);
  if (alreadyResolved) throw new DomainError(RESOLVED);
  const mine = votes.find((v) => v.reviewerId === reviewerId);
  const { required, assignees } = await votesRequired(tx, stageSettings, stage, recordId);
  if (assignees && !mine && !assignees.includes(reviewerId)) throw new DomainError("This record is not assigned to you at this stage.");
  let saved;
  if (mine) {
    if (mine.decision === decision && mine.reasonId === reasonId && mine.note === note) return { decisionId: mine.id, resolved: null, stageSettings };
    saved = await tx.screeningDecision.update({ where: { id: mine.id }, data: { decision, reasonId, note } });
    await recordAudit(tx, { reviewId, actorId: reviewerId, entity: "ScreeningDecision", entityId: saved.id, action: "update", before: mine, after: saved });
  } else {
    if (votes.length >= required) throw new DomainError("This record already has all its votes.");
    saved = await insertVote(tx, { reviewId, recordId, stage, reviewerId, decision, reasonId, note });
    await recordAudit(tx, { reviewId, actorId: reviewerId, entity: "ScreeningDecision", entityId: saved.id, action: "create", after: saved });
  }
  const all = [...votes.filter((v) => v.reviewerId !== reviewerId), saved];
  const state = resolveVotes(all, required, stage);
  const resolved = state.status === "AGREED" ? await settle(tx, null, reviewId, { stage, recordId, outcome: state.outcome, reasonId: state.reasonId, method: "AGREEMENT", note: "" }) : null;
  return { decisionId: saved.id, resolved: resolved ? { outcome: resolved.outcome } : null, stageSettings };
}

/** "Undo": withdraws the reviewer's own vote while the record is unresolved; the record returns to their queue. */
export async function withdrawDecision(tx: Tx, reviewerId: string, reviewId: string, stage: Stage, recordId: string) {
  const mine = await tx.screeningDecision.findUnique({ where: { recordId_stage_reviewerId: { recordId, stage, reviewerId } } });
  if (!mine || mine.reviewId !== reviewId) throw new DomainError("You have no vote on this record to undo.");
  if (await tx.screeningResolution.findUnique({ where: { recordId_stage: { recordId, stage } }, select: { id: true } })) throw new DomainError(RESOLVED);
  await tx.screeningDecision.delete({ where: { id: mine.id } });
  await recordAudit(tx, { reviewId, actorId: reviewerId, entity: "ScreeningDecision", entityId: mine.id, action: "withdraw", before: mine });
}

/** An adjudicator (or owner) settles a record with a note; it must have all its votes in. */
export async function resolveConflict(
  tx: Tx,
  actorId: string,
  reviewId: string,
  input: { stage: Stage; recordId: string; outcome: Outcome; reasonId: string | null; note: string },
) {
  const { stage, recordId, outcome } = input;
  const stageSettings = await getStageSettings(reviewId, stage, tx);
  const reasonId = await checkReason(tx, reviewId, stage, outcome, input.reasonId);
  if (!(await isEligible(tx, reviewId, stage, recordId))) throw new DomainError("This record is not screened at this stage.");
  if (await tx.screeningResolution.findUnique({ where: { recordId_stage: { recordId, stage } }, select: { id: true } })) throw new DomainError("This record is already resolved.");
  const votes = await tx.screeningDecision.count({ where: { recordId, stage } });
  const { required } = await votesRequired(tx, stageSettings, stage, recordId);
  if (required === 0 || votes < required) throw new DomainError("This record is still waiting for reviewers' votes.");
  return settle(tx, actorId, reviewId, { stage, recordId, outcome, reasonId, method: "ADJUDICATION", note: input.note });
}

/**
 * Reopens a resolved record: the resolution goes (audited, with the adjudicator's note) and the
 * votes stay, so it returns to the conflicts list and its voters may change their votes again. A
 * title/abstract inclusion cannot be reopened while the record has full-text votes or a resolution.
 */
export async function reopenResolution(tx: Tx, actorId: string, reviewId: string, input: { stage: Stage; recordId: string; note: string }) {
  const { stage, recordId } = input;
  const resolution = await tx.screeningResolution.findUnique({ where: { recordId_stage: { recordId, stage } } });
  if (!resolution || resolution.reviewId !== reviewId) throw new DomainError("This record is not resolved.");
  if (stage === "TITLE_ABSTRACT" && resolution.outcome === "INCLUDE") {
    const later = (await tx.screeningDecision.count({ where: { recordId, stage: "FULL_TEXT" } })) + (await tx.screeningResolution.count({ where: { recordId, stage: "FULL_TEXT" } }));
    if (later > 0) throw new DomainError("This record is already being screened at full text; reopen or withdraw that first.");
  }
  if (stage === "FULL_TEXT" && resolution.outcome === "INCLUDE") await detachStudy(tx, actorId, reviewId, recordId);
  await tx.screeningResolution.delete({ where: { id: resolution.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "ScreeningResolution", entityId: resolution.id, action: "reopen", before: resolution, after: { note: input.note } });
}

/**
 * After an owner lowers the reviewers needed per record, or shares the records out so that some
 * need fewer votes, records whose votes now suffice and agree are settled at once rather than
 * waiting for a vote nobody will cast. With "ASSIGNED", each record needs one vote per assignee;
 * `only` limits it to the records a change affected.
 */
export async function settlePending(tx: Tx, reviewId: string, stage: Stage, required: VotesNeeded, only?: ReadonlySet<string>) {
  if (only && only.size === 0) return 0;
  const pending = await tx.screeningDecision.findMany({
    where: { reviewId, stage, record: { resolutions: { none: { stage } } } },
    select: { recordId: true, reviewerId: true, decision: true, reasonId: true },
  });
  const byRecord = new Map<string, typeof pending>();
  for (const v of pending) byRecord.set(v.recordId, [...(byRecord.get(v.recordId) ?? []), v]);
  const assignees = new Map<string, number>();
  if (required === "ASSIGNED") {
    // Every assigned record of the stage rather than an IN list of 100,000 ids (SQLite's variable limit).
    const rows = await tx.screeningAssignment.groupBy({ by: ["recordId"], where: { reviewId, stage }, _count: true });
    for (const r of rows) assignees.set(r.recordId, r._count);
  }
  let settled = 0;
  for (const [recordId, votes] of byRecord) {
    if (only && !only.has(recordId)) continue;
    const needed = required === "ASSIGNED" ? (assignees.get(recordId) ?? 0) : required;
    if (needed === 0) continue;
    const state = resolveVotes(votes, needed, stage);
    if (state.status !== "AGREED") continue;
    await settle(tx, null, reviewId, { stage, recordId, outcome: state.outcome, reasonId: state.reasonId, method: "AGREEMENT", note: "" });
    settled++;
  }
  return settled;
}
