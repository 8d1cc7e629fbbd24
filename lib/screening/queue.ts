import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/reviews/schema";
import { queueStart, type VotesNeeded } from "@/lib/screening/rules";
import { queryRows } from "@/lib/sql";

/**
 * The screening queue in portable SQL (quoted identifiers, NOT EXISTS, COUNT; no SQLite-only
 * syntax), because Prisma's filters cannot say "the primary of its duplicate group" or "fewer
 * than N votes". Only unique records are screened: no duplicate group, or the group's primary.
 */
const UNIQUE_RECORD = Prisma.sql`(r."duplicateGroupId" IS NULL OR EXISTS (
  SELECT 1 FROM "DuplicateGroup" g WHERE g."id" = r."duplicateGroupId" AND g."primaryRecordId" = r."id"))`;

/** Records eligible at a stage: every unique record at title/abstract; those it included at full text. */
function eligible(stage: Stage): Prisma.Sql {
  if (stage === "TITLE_ABSTRACT") return UNIQUE_RECORD;
  return Prisma.sql`${UNIQUE_RECORD} AND EXISTS (SELECT 1 FROM "ScreeningResolution" t
    WHERE t."recordId" = r."id" AND t."stage" = 'TITLE_ABSTRACT' AND t."outcome" = 'INCLUDE')`;
}

/** A full-text record marked "not retrieved" has finished that stage: nobody votes on it, and progress counts it done. */
const NOT_RETRIEVED = Prisma.sql`EXISTS (SELECT 1 FROM "FullText" f WHERE f."recordId" = r."id" AND f."status" = 'NOT_RETRIEVED')`;
const stillOpen = (stage: Stage) => (stage === "FULL_TEXT" ? Prisma.sql`AND NOT ${NOT_RETRIEVED}` : Prisma.empty);

/**
 * The votes a record (column `recordId`) needs: the fixed number, or one per assigned reviewer.
 * NULLIF makes a not-yet-assigned record need "unknown", so it never counts as having its votes in.
 */
function votesWanted(stage: Stage, required: VotesNeeded, recordId: Prisma.Sql): Prisma.Sql {
  if (required !== "ASSIGNED") return Prisma.sql`${required}`;
  return Prisma.sql`NULLIF((SELECT COUNT(*) FROM "ScreeningAssignment" n WHERE n."recordId" = ${recordId} AND n."stage" = ${stage}), 0)`;
}

/**
 * Records that still need this reviewer's vote: unresolved, not voted by them, short of the
 * required votes. When records are assigned, the caller joins the reviewer's assignment rows
 * (alias a) instead: only assignees vote, so "assigned to me and not voted by me" is "short".
 */
function needsVote(reviewId: string, stage: Stage, reviewerId: string, required: VotesNeeded): Prisma.Sql {
  const short =
    required === "ASSIGNED" ? Prisma.empty : Prisma.sql`AND (SELECT COUNT(*) FROM "ScreeningDecision" c WHERE c."recordId" = r."id" AND c."stage" = ${stage}) < ${required}`;
  return Prisma.sql`r."reviewId" = ${reviewId} AND ${eligible(stage)} ${stillOpen(stage)}
    AND NOT EXISTS (SELECT 1 FROM "ScreeningResolution" s WHERE s."recordId" = r."id" AND s."stage" = ${stage})
    AND NOT EXISTS (SELECT 1 FROM "ScreeningDecision" d WHERE d."recordId" = r."id" AND d."stage" = ${stage} AND d."reviewerId" = ${reviewerId})
    ${short}`;
}

/** The rows a reviewer's queue walks: every record of the review, or only their assigned ones (by the assignment index). */
function queueSource(reviewId: string, stage: Stage, reviewerId: string, required: VotesNeeded) {
  if (required !== "ASSIGNED") return { from: Prisma.sql`"Record" r`, position: Prisma.sql`r."position"`, order: Prisma.sql`r."position", r."id"` };
  return {
    from: Prisma.sql`"ScreeningAssignment" a JOIN "Record" r ON r."id" = a."recordId" AND a."reviewId" = ${reviewId} AND a."stage" = ${stage} AND a."reviewerId" = ${reviewerId}`,
    position: Prisma.sql`a."position"`,
    order: Prisma.sql`a."position", a."recordId"`,
  };
}

/**
 * The stretches of a reviewer's walk to scan, in order, as [from, to) position ranges (to null =
 * to the end): the walk starts at `start` and wraps round. With `resume` (the position of the
 * record just decided) it continues from there and comes back to the stretch before it last, so
 * the scan does not pass over every record already voted on: deep into a 100,000-record review
 * that was thousands of index steps, each with three probes, per decision (bench:screening with
 * BENCH_PRIOR_VOTES). A record earlier in the walk that needs a vote again (an undo, a reopened
 * resolution) is still offered, after the rest of the walk instead of first.
 */
export function walkRanges(start: number, resume?: number): [number, number | null][] {
  if (resume === undefined || resume === start) return start === 0 ? [[0, null]] : [[start, null], [0, start]];
  if (resume > start) return [[resume, null], ...(start > 0 ? ([[0, start]] as [number, number][]) : []), [start, resume]];
  return [[resume, start], [start, null], ...(resume > 0 ? ([[0, resume]] as [number, number][]) : [])];
}

/**
 * The next records for a reviewer, in their own deterministic order: the (position, id) walk
 * rotated to start at queueStart(reviewer), resumed after `after` (the record just decided), or
 * else after the reviewer's latest vote (walkRanges). Index-ordered range scans instead of one sort over every record, so the
 * cost does not grow with the review. `exclude` holds records the client already shows or has
 * prefetched.
 */
export async function nextRecordIds(
  client: Tx,
  args: { reviewId: string; stage: Stage; reviewerId: string; required: VotesNeeded; exclude: readonly string[]; limit: number; after?: string },
): Promise<string[]> {
  const { reviewId, stage, reviewerId, required, exclude, limit } = args;
  // ORDER BY … LIMIT 1 walks the index from its end; MAX() with a WHERE would scan every entry of the review.
  // Run by lib/sql.ts (prepared once, no Prisma round trip): this and the scans run on every decision.
  const [last] = await queryRows<{ position: number }>(client, Prisma.sql`SELECT r."position" FROM "Record" r WHERE r."reviewId" = ${reviewId} ORDER BY r."position" DESC, r."id" DESC LIMIT 1`);
  const start = queueStart(reviewerId, reviewId, Number(last?.position ?? -1) + 1);
  const notShown = exclude.length ? Prisma.sql`AND r."id" NOT IN (${Prisma.join(exclude)})` : Prisma.empty;
  const source = queueSource(reviewId, stage, reviewerId, required);
  // Without a record just decided, the walk resumes after the reviewer's latest vote (where they left off).
  const after =
    args.after ??
    (
      await queryRows<{ recordId: string }>(
        client,
        Prisma.sql`SELECT d."recordId" FROM "ScreeningDecision" d WHERE d."reviewId" = ${reviewId} AND d."stage" = ${stage} AND d."reviewerId" = ${reviewerId}
          ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT 1`,
      )
    )[0]?.recordId;
  const [resume] = after
    ? await queryRows<{ position: number }>(client, Prisma.sql`SELECT ${source.position} AS "position" FROM ${source.from} WHERE r."id" = ${after} AND r."reviewId" = ${reviewId}`)
    : [];
  const scan = (range: Prisma.Sql, n: number) =>
    queryRows<{ id: string }>(
      client,
      Prisma.sql`SELECT r."id" FROM ${source.from}
        WHERE ${needsVote(reviewId, stage, reviewerId, required)} AND ${range} ${notShown}
        ORDER BY ${source.order} LIMIT ${n}`,
    );
  const found: string[] = [];
  for (const [from, to] of walkRanges(start, resume === undefined ? undefined : Number(resume.position))) {
    if (found.length >= limit) break;
    const range = to === null ? Prisma.sql`${source.position} >= ${from}` : Prisma.sql`${source.position} >= ${from} AND ${source.position} < ${to}`;
    for (const row of await scan(range, limit - found.length)) found.push(row.id);
  }
  return found;
}

/** How many records still need this reviewer's vote (for the progress bar; one scan, so page loads only). */
export async function countNeedingVote(reviewId: string, stage: Stage, reviewerId: string, required: VotesNeeded): Promise<number> {
  const { from } = queueSource(reviewId, stage, reviewerId, required);
  const rows = await db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM ${from} WHERE ${needsVote(reviewId, stage, reviewerId, required)}`;
  return Number(rows[0]?.n ?? 0);
}

/** Team progress: eligible records, and those with all their votes in (resolved or awaiting adjudication). */
export async function countStage(reviewId: string, stage: Stage, required: VotesNeeded) {
  const rows = await db.$queryRaw<{ total: bigint | number; complete: bigint | number | null }[]>`SELECT COUNT(*) AS total,
      SUM(CASE WHEN EXISTS (SELECT 1 FROM "ScreeningResolution" s WHERE s."recordId" = r."id" AND s."stage" = ${stage})
        OR (SELECT COUNT(*) FROM "ScreeningDecision" c WHERE c."recordId" = r."id" AND c."stage" = ${stage}) >= ${votesWanted(stage, required, Prisma.sql`r."id"`)}
        ${stage === "FULL_TEXT" ? Prisma.sql`OR ${NOT_RETRIEVED}` : Prisma.empty}
        THEN 1 ELSE 0 END) AS complete
    FROM "Record" r WHERE r."reviewId" = ${reviewId} AND ${eligible(stage)}`;
  return { total: Number(rows[0]?.total ?? 0), complete: Number(rows[0]?.complete ?? 0) };
}

/** Whether one record is eligible at a stage (the mutation's guard against voting on a duplicate or an excluded record). */
export async function isEligible(client: Tx, reviewId: string, stage: Stage, recordId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    client,
    Prisma.sql`SELECT r."id" FROM "Record" r WHERE r."id" = ${recordId} AND r."reviewId" = ${reviewId} AND ${eligible(stage)} ${stillOpen(stage)}`,
  );
  return rows.length === 1;
}

/** Records with all required votes in and no resolution: the conflicts (and reopened records). */
export async function unresolvedCompleteIds(reviewId: string, stage: Stage, required: VotesNeeded, limit: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ recordId: string }[]>`SELECT d."recordId" FROM "ScreeningDecision" d
    WHERE d."reviewId" = ${reviewId} AND d."stage" = ${stage}
      AND NOT EXISTS (SELECT 1 FROM "ScreeningResolution" s WHERE s."recordId" = d."recordId" AND s."stage" = ${stage})
    GROUP BY d."recordId" HAVING COUNT(*) >= ${votesWanted(stage, required, Prisma.sql`d."recordId"`)}
    ORDER BY MAX(d."updatedAt") LIMIT ${limit}`;
  return rows.map((r) => r.recordId);
}

/**
 * Records a stage's assignment has not covered yet: eligible, still open, unresolved, with no
 * assignment row (imported, included at title/abstract, made a group's primary or reopened since
 * the last draw). One probe of the assignment's unique index per record.
 */
export async function unassignedRecords(client: Tx, reviewId: string, stage: Stage): Promise<{ id: string; position: number }[]> {
  return client.$queryRaw<{ id: string; position: number }[]>`SELECT r."id", r."position" FROM "Record" r
    WHERE r."reviewId" = ${reviewId} AND ${eligible(stage)} ${stillOpen(stage)}
      AND NOT EXISTS (SELECT 1 FROM "ScreeningResolution" s WHERE s."recordId" = r."id" AND s."stage" = ${stage})
      AND NOT EXISTS (SELECT 1 FROM "ScreeningAssignment" a WHERE a."recordId" = r."id" AND a."stage" = ${stage})`;
}
