import "server-only";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stage } from "@/lib/reviews/schema";
import { queryRows } from "@/lib/sql";

export type ItemRow = {
  id: string;
  title: string;
  abstract: string;
  authors: unknown;
  journal: string;
  year: number | null;
  keywords: unknown;
  doi: string | null;
  decisions: { reviewerId: string; decision: string; reasonId: string | null; note: string }[];
  resolutions: { outcome: string; method: string; reasonId: string | null }[];
  fullText: { status: string; filePath: string | null; note: string } | null;
};

// A Json column read through raw SQL: parsed by the client on some drivers, text on others.
const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);

/**
 * The records a screening view shows, with the stage's votes, resolution and (at full text) the
 * PDF's state: two statements of portable SQL (lib/sql.ts). This runs on every decision, and the
 * equivalent Prisma findMany with nested selects was three statements, each compiled by Prisma's
 * query compiler on every call, which cost more than all the SQL. Records outside the review are
 * not returned.
 */
export async function readItemRows(client: Tx, reviewId: string, stage: Stage, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const list = Prisma.join([...ids]);
  const fullText = stage === "FULL_TEXT";
  const [records, votes] = await Promise.all([
    queryRows<
      Omit<ItemRow, "decisions" | "resolutions" | "fullText"> & { outcome: string | null; method: string | null; resolutionReasonId: string | null; ftStatus: string | null; ftPath: string | null; ftNote: string | null }
    >(client, Prisma.sql`SELECT r."id", r."title", r."abstract", r."authors", r."journal", r."year", r."keywords", r."doi",
        s."outcome", s."method", s."reasonId" AS "resolutionReasonId",
        ${fullText ? Prisma.sql`f."status" AS "ftStatus", f."filePath" AS "ftPath", f."note" AS "ftNote"` : Prisma.sql`NULL AS "ftStatus", NULL AS "ftPath", NULL AS "ftNote"`}
      FROM "Record" r
      LEFT JOIN "ScreeningResolution" s ON s."recordId" = r."id" AND s."stage" = ${stage}
      ${fullText ? Prisma.sql`LEFT JOIN "FullText" f ON f."recordId" = r."id"` : Prisma.empty}
      WHERE r."reviewId" = ${reviewId} AND r."id" IN (${list})`),
    queryRows<{ recordId: string; reviewerId: string; decision: string; reasonId: string | null; note: string }>(client, Prisma.sql`SELECT d."recordId", d."reviewerId", d."decision", d."reasonId", d."note"
      FROM "ScreeningDecision" d WHERE d."recordId" IN (${list}) AND d."stage" = ${stage} ORDER BY d."createdAt", d."id"`),
  ]);
  const byRecord = new Map<string, ItemRow["decisions"]>();
  for (const { recordId, ...vote } of votes) byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), vote]);
  return records.map(({ outcome, method, resolutionReasonId, ftStatus, ftPath, ftNote, ...r }) => ({
    ...r,
    authors: json(r.authors),
    keywords: json(r.keywords),
    year: r.year === null ? null : Number(r.year),
    decisions: byRecord.get(r.id) ?? [],
    resolutions: outcome !== null && method !== null ? [{ outcome, method, reasonId: resolutionReasonId }] : [],
    fullText: fullText && ftStatus !== null ? { status: ftStatus, filePath: ftPath, note: ftNote ?? "" } : null,
  }));
}
