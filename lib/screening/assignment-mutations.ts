import { randomBytes } from "node:crypto";
import { db, sqliteConnectionOf, writeTransaction, type Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { sqliteTimestamp } from "@/lib/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { Stage } from "@/lib/reviews/schema";
import { assignmentDigest, drawAssignments, type AssignmentPlan, type AssignmentState } from "@/lib/screening/assignment";
import { getAssignmentPlan } from "@/lib/screening/assignment-data";
import type { AssignmentInput } from "@/lib/screening/assignment-schema";
import { getStageSettings } from "@/lib/screening/data";
import { settlePending } from "@/lib/screening/mutations";
import { unassignedRecords } from "@/lib/screening/queue";

/** Who already voted on each record at the stage (they keep their records in any draw). */
async function votersByRecord(tx: Tx, reviewId: string, stage: Stage, recordIds?: readonly string[]) {
  // A short list is looked up by id; a whole stage in one scan rather than an IN list past SQLite's variable limit.
  const where = recordIds && recordIds.length <= 500 ? { reviewId, stage, recordId: { in: [...recordIds] } } : { reviewId, stage };
  const rows = await tx.screeningDecision.findMany({ where, select: { recordId: true, reviewerId: true } });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.recordId, [...(out.get(r.recordId) ?? []), r.reviewerId]);
  return out;
}

/** Assignments per record, as counts (how many votes each record needs under the plan). */
async function assigneeCounts(tx: Tx, reviewId: string, stage: Stage) {
  const rows = await tx.screeningAssignment.groupBy({ by: ["recordId"], where: { reviewId, stage }, _count: true });
  return new Map(rows.map((r) => [r.recordId, r._count]));
}

/** What earlier draws assigned under a plan: the state a later batch is drawn on top of. */
async function loadState(tx: Tx, planId: string, plan: AssignmentPlan): Promise<AssignmentState> {
  const [loads, records] = await Promise.all([
    tx.screeningAssignment.groupBy({ by: ["reviewerId"], where: { planId }, _count: true }),
    tx.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(DISTINCT a."recordId") AS n FROM "ScreeningAssignment" a WHERE a."planId" = ${planId}`,
  ]);
  const byReviewer = Object.fromEntries(loads.map((l) => [l.reviewerId, l._count]));
  return { loads: byReviewer, records: Number(records[0]?.n ?? 0), checked: plan.mode === "CHECK" ? (byReviewer[plan.reviewerIds[1]] ?? 0) : 0 };
}

/**
 * A 100,000-record stage is 200,000 rows, so the insert is most of a draw. Inside an interactive
 * transaction on SQLite, a prepared statement on Prisma's own connection (sqliteConnectionOf, as
 * the import store does) runs each row in the same transaction; otherwise multi-row INSERTs of
 * 500 rows in portable SQL (Prisma's createMany took about six times as long as those).
 */
async function insertAssignments(tx: Tx, reviewId: string, planId: string, stage: Stage, assigned: Map<string, string[]>, positions: Map<string, number>) {
  // In record order, so the (recordId, stage, reviewerId) index is filled in order too.
  const rows = [...assigned]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([recordId, reviewers]) => reviewers.map((reviewerId) => ({ recordId, reviewerId, position: positions.get(recordId) ?? 0 })));
  // One clock reading for the draw, so the ids grow with the counter and append to the primary key.
  const at = new Date();
  const time = at.getTime().toString(36).padStart(8, "0");
  const ids = rows.map(() => newId(time));
  const sqlite = sqliteConnectionOf(tx);
  if (sqlite) {
    const stamp = sqliteTimestamp(at);
    const insert = sqlite.prepare(`INSERT INTO "ScreeningAssignment" ("id", "reviewId", "planId", "recordId", "stage", "reviewerId", "position", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    rows.forEach((r, i) => insert.run(ids[i], reviewId, planId, r.recordId, stage, r.reviewerId, r.position, stamp));
    return rows;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r, k) => Prisma.sql`(${ids[i + k]}, ${reviewId}, ${planId}, ${r.recordId}, ${stage}, ${r.reviewerId}, ${r.position}, ${at})`);
    await tx.$executeRaw`INSERT INTO "ScreeningAssignment" ("id", "reviewId", "planId", "recordId", "stage", "reviewerId", "position", "createdAt") VALUES ${Prisma.join(values)}`;
  }
  return rows;
}

/** The plan as the audit log keeps it: the rule, its seed, and how many records each reviewer holds. */
function planForAudit(plan: AssignmentPlan, loads: Readonly<Record<string, number>>) {
  return {
    mode: plan.mode,
    seed: plan.seed,
    ...(plan.mode === "SPLIT" ? { perRecord: plan.perRecord } : { checkPercent: plan.checkPercent }),
    reviewers: plan.reviewerIds.map((reviewerId) => ({ reviewerId, records: loads[reviewerId] ?? 0 })),
  };
}

/**
 * Records whose votes newly suffice: they were short under the old rule and are complete under the
 * new one. Only these are settled, so a conflict (or a record an adjudicator reopened) is not
 * quietly settled because an owner changed the assignment.
 */
function newlyComplete(voters: Map<string, string[]>, oldNeed: (recordId: string) => number, newNeed: (recordId: string) => number) {
  const out = new Set<string>();
  for (const [recordId, v] of voters) {
    const before = oldNeed(recordId);
    const after = newNeed(recordId);
    if (after > 0 && v.length >= after && !(before > 0 && v.length >= before)) out.add(recordId);
  }
  return out;
}

/**
 * An owner sets how a stage's records are shared out, and the records are drawn at once: every
 * open record (eligible, unresolved) is assigned afresh from the seed, except that whoever already
 * voted on a record keeps it; settled records keep the reviewers they had. "EVERYONE" removes the plan: the stage's fixed number of votes per
 * record applies again. Records whose votes now suffice and agree are settled. One audit event
 * holds the old and new rule, the seed, the counts per reviewer and a digest of the assignment.
 */
export async function setStageAssignment(tx: Tx, actorId: string, reviewId: string, input: Omit<AssignmentInput, "slug">) {
  const { stage } = input;
  const before = await getAssignmentPlan(reviewId, stage, tx);
  const stageSettings = await getStageSettings(reviewId, stage, tx);
  const beforeLoads = before ? (await loadState(tx, before.id, before)).loads : {};
  const oldCounts = before ? await assigneeCounts(tx, reviewId, stage) : null;
  const oldNeed = (recordId: string) => (oldCounts ? (oldCounts.get(recordId) ?? 0) : stageSettings.reviewersPerRecord);
  const beforeAudit = before ? planForAudit(before, beforeLoads) : { mode: "EVERYONE", reviewersPerRecord: stageSettings.reviewersPerRecord };

  if (input.mode === "EVERYONE") {
    if (!before) return { mode: "EVERYONE" as const, records: 0, settled: 0, seed: null };
    await tx.screeningAssignmentPlan.delete({ where: { id: before.id } });
    const voters = await votersByRecord(tx, reviewId, stage);
    const only = newlyComplete(voters, oldNeed, () => stageSettings.reviewersPerRecord);
    const settled = await settlePending(tx, reviewId, stage, stageSettings.reviewersPerRecord, only);
    await recordAudit(tx, { reviewId, actorId, entity: "ScreeningAssignmentPlan", entityId: before.id, action: "clear", before: beforeAudit, after: { mode: "EVERYONE", stage, settled } });
    return { mode: "EVERYONE" as const, records: 0, settled, seed: null };
  }

  const reviewers = await tx.membership.findMany({ where: { reviewId, role: "REVIEWER", userId: { in: input.reviewerIds } }, select: { userId: true } });
  if (reviewers.length !== input.reviewerIds.length) {
    const field = input.mode === "CHECK" ? "primaryId" : "reviewerIds";
    throw new DomainError("Only members with the Reviewer role can be assigned records.", { [field]: ["Choose members with the Reviewer role."] });
  }
  const seed = input.seed || randomBytes(5).toString("hex");
  const plan: AssignmentPlan =
    input.mode === "SPLIT" ? { mode: "SPLIT", seed, reviewerIds: input.reviewerIds, perRecord: input.perRecord } : { mode: "CHECK", seed, reviewerIds: input.reviewerIds, checkPercent: input.checkPercent };
  const data = { mode: plan.mode, seed, reviewerIds: [...plan.reviewerIds], perRecord: input.perRecord, checkPercent: input.checkPercent || 20, createdById: actorId };
  const row = await tx.screeningAssignmentPlan.upsert({ where: { reviewId_stage: { reviewId, stage } }, create: { reviewId, stage, ...data }, update: data });
  // Settled records keep their rows: they are finished, and kappa's "assigned to both" still counts them.
  if (before) await tx.screeningAssignment.deleteMany({ where: { reviewId, stage, record: { resolutions: { none: { stage } } } } });

  const batch = await unassignedRecords(tx, reviewId, stage);
  const voters = await votersByRecord(tx, reviewId, stage);
  // Drawn on top of the settled records' rows, so loads and the check share count the finished work too.
  const { assigned, state } = drawAssignments(
    plan,
    batch.map((r) => ({ recordId: r.id, voters: voters.get(r.id) ?? [] })),
    before ? await loadState(tx, row.id, plan) : undefined,
  );
  const rows = await insertAssignments(tx, reviewId, row.id, stage, assigned, new Map(batch.map((r) => [r.id, r.position])));
  const only = newlyComplete(voters, oldNeed, (recordId) => assigned.get(recordId)?.length ?? 0);
  const settled = await settlePending(tx, reviewId, stage, "ASSIGNED", only);
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "ScreeningAssignmentPlan",
    entityId: row.id,
    action: before ? "redraw" : "draw",
    before: beforeAudit,
    after: { stage, ...planForAudit(plan, state.loads), records: batch.length, digest: assignmentDigest(rows), settled },
  });
  return { mode: plan.mode, records: batch.length, settled, seed };
}

/**
 * Assigns the records that arrived since the last draw by the same rule, on top of the existing
 * counts, leaving every earlier record where it is. Nothing is settled here: a newcomer has no
 * votes yet, and a reopened record goes back to its voters and the conflicts list as before.
 */
export async function assignNewRecords(tx: Tx, actorId: string | null, reviewId: string, stage: Stage) {
  const plan = await getAssignmentPlan(reviewId, stage, tx);
  if (!plan) return 0;
  const batch = await unassignedRecords(tx, reviewId, stage);
  if (batch.length === 0) return 0;
  const voters = await votersByRecord(tx, reviewId, stage, batch.map((r) => r.id));
  const { assigned } = drawAssignments(
    plan,
    batch.map((r) => ({ recordId: r.id, voters: voters.get(r.id) ?? [] })),
    await loadState(tx, plan.id, plan),
  );
  const rows = await insertAssignments(tx, reviewId, plan.id, stage, assigned, new Map(batch.map((r) => [r.id, r.position])));
  const added: Record<string, number> = {};
  for (const r of rows) added[r.reviewerId] = (added[r.reviewerId] ?? 0) + 1;
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "ScreeningAssignmentPlan",
    entityId: plan.id,
    action: "assign-new",
    after: {
      stage,
      seed: plan.seed,
      records: batch.length,
      reviewers: Object.entries(added).map(([reviewerId, records]) => ({ reviewerId, records })),
      ...(rows.length <= 100 ? { assigned: rows.map((r) => ({ recordId: r.recordId, reviewerId: r.reviewerId })) } : {}),
      digest: assignmentDigest(rows),
    },
  });
  return batch.length;
}

/**
 * Counts that move when records can arrive at a stage: records imported or deleted, resolutions
 * made or reopened at the stage, title/abstract inclusions (the full-text stage's input), and
 * duplicate groups formed or undone. Each is an index-only count.
 */
async function arrivalFingerprint(reviewId: string, stage: Stage): Promise<string> {
  const [row] = await db.$queryRaw<Record<string, bigint | number>[]>`SELECT
      (SELECT COUNT(*) FROM "Record" r WHERE r."reviewId" = ${reviewId}) AS records,
      (SELECT COUNT(*) FROM "ScreeningResolution" s WHERE s."reviewId" = ${reviewId} AND s."stage" = ${stage}) AS resolved,
      (SELECT COUNT(*) FROM "ScreeningResolution" t WHERE t."reviewId" = ${reviewId} AND t."stage" = 'TITLE_ABSTRACT' AND t."outcome" = 'INCLUDE') AS included,
      (SELECT COUNT(*) FROM "DuplicateGroup" g WHERE g."reviewId" = ${reviewId}) AS groups`;
  return Object.values(row ?? {}).map(Number).join(":");
}

/** Per process: the fingerprint at the last full look for unassigned records, and when. */
const lastLook = new Map<string, { fingerprint: string; at: number }>();
/** Arrivals the counts cannot see (a new group primary, a full text found again) wait at most this long. */
const RELOOK_MS = 5 * 60_000;

/**
 * For page loads and the end of a queue: when a stage has a plan and records arrived since its
 * last draw, assign them (in their own write transaction). Looking for unassigned records scans
 * the stage (about a second at 100,000 records on a loaded machine), so it runs only when the
 * arrival counts moved or a few minutes have passed; otherwise this costs one index-only query.
 */
export async function ensureAssigned(reviewId: string, stage: Stage, options: { force?: boolean } = {}): Promise<number> {
  // Everyone-screens-everything stages (the default) pay one probe of the plan's unique index.
  const planned = await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one FROM "ScreeningAssignmentPlan" p WHERE p."reviewId" = ${reviewId} AND p."stage" = ${stage} LIMIT 1`;
  if (planned.length === 0) return 0;
  const fingerprint = await arrivalFingerprint(reviewId, stage);
  const key = `${reviewId}:${stage}`;
  const last = lastLook.get(key);
  if (!options.force && last && last.fingerprint === fingerprint && Date.now() - last.at < RELOOK_MS) return 0;
  const found = (await unassignedRecords(db, reviewId, stage)).length;
  const assigned = found === 0 ? 0 : await writeTransaction((tx) => assignNewRecords(tx, null, reviewId, stage));
  lastLook.set(key, { fingerprint: await arrivalFingerprint(reviewId, stage), at: Date.now() });
  return assigned;
}
