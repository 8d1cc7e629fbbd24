import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/reviews/schema";
import type { AssignmentPlan } from "@/lib/screening/assignment";
import { unassignedRecords } from "@/lib/screening/queue";

export type StoredPlan = AssignmentPlan & { id: string; createdById: string | null; updatedAt: Date };

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** A stage's assignment plan, or null when everyone screens everything. */
export async function getAssignmentPlan(reviewId: string, stage: Stage, client: Tx = db): Promise<StoredPlan | null> {
  const row = await client.screeningAssignmentPlan.findUnique({ where: { reviewId_stage: { reviewId, stage } } });
  if (!row) return null;
  const base = { id: row.id, seed: row.seed, reviewerIds: strings(row.reviewerIds), createdById: row.createdById, updatedAt: row.updatedAt };
  return row.mode === "CHECK" ? { ...base, mode: "CHECK", checkPercent: row.checkPercent } : { ...base, mode: "SPLIT", perRecord: row.perRecord };
}

/** Which stages have an assignment plan. */
export async function getAssignedStages(reviewId: string, client: Tx = db): Promise<Set<string>> {
  const rows = await client.screeningAssignmentPlan.findMany({ where: { reviewId }, select: { stage: true } });
  return new Set(rows.map((r) => r.stage));
}

/**
 * What an owner sees about a stage's assignment: the plan, and per reviewer how many records are
 * assigned to them and how many of those they have voted on; plus records not yet assigned.
 */
export async function getAssignmentSummary(reviewId: string, stage: Stage) {
  const plan = await getAssignmentPlan(reviewId, stage);
  if (!plan) return null;
  const [assigned, voted, unassigned] = await Promise.all([
    db.screeningAssignment.groupBy({ by: ["reviewerId"], where: { reviewId, stage }, _count: true }),
    db.$queryRaw<{ reviewerId: string; n: bigint | number }[]>`SELECT a."reviewerId", COUNT(*) AS n FROM "ScreeningAssignment" a
      JOIN "ScreeningDecision" d ON d."recordId" = a."recordId" AND d."stage" = a."stage" AND d."reviewerId" = a."reviewerId"
      WHERE a."reviewId" = ${reviewId} AND a."stage" = ${stage} GROUP BY a."reviewerId"`,
    unassignedRecords(db, reviewId, stage),
  ]);
  const people = [...new Set([...plan.reviewerIds, ...assigned.map((a) => a.reviewerId)])];
  const [users, records] = await Promise.all([
    db.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } }),
    db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(DISTINCT a."recordId") AS n FROM "ScreeningAssignment" a WHERE a."reviewId" = ${reviewId} AND a."stage" = ${stage}`.then((r) => Number(r[0]?.n ?? 0)),
  ]);
  const name = new Map(users.map((u) => [u.id, u.name]));
  return {
    plan,
    records,
    unassigned: unassigned.length,
    reviewers: people.map((id) => ({
      id,
      name: name.get(id) ?? "Former member",
      inPlan: plan.reviewerIds.includes(id),
      assigned: assigned.find((a) => a.reviewerId === id)?._count ?? 0,
      voted: Number(voted.find((v) => v.reviewerId === id)?.n ?? 0),
    })),
  };
}

/** For every pair of reviewers, how many records are assigned to both: the overlap that kappa can be computed on. */
export async function getAssignedOverlap(reviewId: string, stage: Stage): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ a: string; b: string; n: bigint | number }[]>(Prisma.sql`SELECT x."reviewerId" AS a, y."reviewerId" AS b, COUNT(*) AS n
    FROM "ScreeningAssignment" x JOIN "ScreeningAssignment" y ON y."recordId" = x."recordId" AND y."stage" = x."stage" AND y."reviewerId" > x."reviewerId"
    WHERE x."reviewId" = ${reviewId} AND x."stage" = ${stage} GROUP BY x."reviewerId", y."reviewerId"`);
  return new Map(rows.map((r) => [`${r.a}\u0000${r.b}`, Number(r.n)]));
}

/** Names for a list of user ids, in the same order ("Former member" for someone who left). */
export async function memberNamesById(reviewId: string, ids: readonly string[]): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { reviewId, userId: { in: [...ids] } }, select: { user: { select: { id: true, name: true } } } });
  const name = new Map(rows.map((r) => [r.user.id, r.user.name]));
  return ids.map((id) => name.get(id) ?? "Former member");
}
