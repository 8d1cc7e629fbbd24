import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/reviews/schema";
import { execute, queryRows } from "@/lib/sql";

export type VoteRow = { id: string; reviewerId: string; decision: string; reasonId: string | null; note: string; firstDecision: string };

/**
 * A record's votes at a stage and whether it is resolved, in one statement of portable SQL (the
 * one-row derived table makes a row even when nobody has voted), run by lib/sql.ts. Every decision
 * reads this, and Prisma's two model queries spent far longer compiling than SQLite answering.
 */
export async function readVotes(tx: Tx, recordId: string, stage: Stage): Promise<{ resolved: boolean; votes: VoteRow[] }> {
  const rows = await queryRows<Omit<VoteRow, "id"> & { id: string | null; resolved: bigint | number }>(tx, Prisma.sql`SELECT
      (SELECT COUNT(*) FROM "ScreeningResolution" s WHERE s."recordId" = ${recordId} AND s."stage" = ${stage}) AS "resolved",
      d."id", d."reviewerId", d."decision", d."reasonId", d."note", d."firstDecision"
    FROM (SELECT 1 AS "one") o LEFT JOIN "ScreeningDecision" d ON d."recordId" = ${recordId} AND d."stage" = ${stage}
    ORDER BY d."createdAt", d."id"`);
  return {
    resolved: Number(rows[0]?.resolved ?? 0) > 0,
    votes: rows.flatMap(({ resolved: _r, id, ...v }) => (id === null ? [] : [{ id, ...v }])),
  };
}

/** A new vote, written with plain SQL (lib/sql.ts) and returned as Prisma's create returns it (for the audit row). */
export async function insertVote(tx: Tx, data: { reviewId: string; recordId: string; stage: Stage; reviewerId: string; decision: string; reasonId: string | null; note: string }) {
  const now = new Date();
  // In the model's field order, as Prisma's create returns it, so the audit row's JSON is the same.
  const { reviewId, recordId, stage, reviewerId, decision, reasonId, note } = data;
  const row = { id: newId(), reviewId, recordId, stage, reviewerId, decision, firstDecision: decision, reasonId, note, createdAt: now, updatedAt: now };
  await execute(tx, Prisma.sql`INSERT INTO "ScreeningDecision" ("id", "reviewId", "recordId", "stage", "reviewerId", "decision", "firstDecision", "reasonId", "note", "createdAt", "updatedAt")
    VALUES (${row.id}, ${row.reviewId}, ${row.recordId}, ${row.stage}, ${row.reviewerId}, ${row.decision}, ${row.firstDecision}, ${row.reasonId}, ${row.note}, ${row.createdAt}, ${row.updatedAt})`);
  return row;
}

/** A record's resolution, written with plain SQL and returned as Prisma's create returns it (for the audit row). */
export async function insertResolution(
  tx: Tx,
  data: { reviewId: string; recordId: string; stage: Stage; outcome: string; reasonId: string | null; method: string; resolvedById: string | null; note: string },
) {
  const row = { id: newId(), reviewId: data.reviewId, recordId: data.recordId, stage: data.stage, outcome: data.outcome, reasonId: data.reasonId, method: data.method, resolvedById: data.resolvedById, note: data.note, resolvedAt: new Date() };
  await execute(tx, Prisma.sql`INSERT INTO "ScreeningResolution" ("id", "reviewId", "recordId", "stage", "outcome", "reasonId", "method", "resolvedById", "note", "resolvedAt")
    VALUES (${row.id}, ${row.reviewId}, ${row.recordId}, ${row.stage}, ${row.outcome}, ${row.reasonId}, ${row.method}, ${row.resolvedById}, ${row.note}, ${row.resolvedAt})`);
  return row;
}
