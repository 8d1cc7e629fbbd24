import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FieldFill } from "@/lib/dedup/schema";

export const GROUPS_PAGE_SIZE = 20;
/** The queue page shows this many open pairs at a time, strongest first. */
export const PAIRS_SHOWN = 200;

/** Records imported since duplicate detection last ran, and when it last ran: the identification page's prompt. */
export async function getDetectionStatus(reviewId: string) {
  const [unchecked, lastRun] = await Promise.all([
    db.record.count({ where: { reviewId, dedupCheckedAt: null } }),
    db.auditEvent.findFirst({ where: { reviewId, entity: "Deduplication", action: "run" }, orderBy: { at: "desc" }, select: { at: true, after: true, actor: { select: { name: true } } } }),
  ]);
  return { unchecked, lastRun };
}

/** Counts for the duplicates page: certain (merged automatically), possible (queued) and resolved pairs. */
export async function getDedupOverview(reviewId: string) {
  const removed = (origin: string) => db.record.count({ where: { reviewId, isDuplicate: true, duplicateGroup: { origin } } });
  const [records, automaticGroups, manualGroups, automaticRemoved, manualRemoved, pairs, status] = await Promise.all([
    db.record.count({ where: { reviewId } }),
    db.duplicateGroup.count({ where: { reviewId, origin: "AUTOMATIC" } }),
    db.duplicateGroup.count({ where: { reviewId, origin: "MANUAL" } }),
    removed("AUTOMATIC"),
    removed("MANUAL"),
    db.duplicatePair.groupBy({ by: ["status"], where: { reviewId }, _count: true }),
    getDetectionStatus(reviewId),
  ]);
  const count = (s: string) => pairs.find((p) => p.status === s)?._count ?? 0;
  return { records, automaticGroups, manualGroups, automaticRemoved, manualRemoved, possible: count("POSSIBLE"), same: count("SAME"), different: count("DIFFERENT"), ...status };
}

const SHOWN_FIELDS = {
  id: true, title: true, authors: true, year: true, journal: true, journalAbbrev: true, volume: true, issue: true, pages: true,
  doi: true, pmid: true, abstract: true, duplicateGroupId: true, isDuplicate: true, import: { select: { fileName: true, search: { select: { database: true } } } },
} satisfies Prisma.RecordSelect;
type ShownRecord = Prisma.RecordGetPayload<{ select: typeof SHOWN_FIELDS }>;

const authorList = (authors: unknown) =>
  (Array.isArray(authors) ? (authors as { family?: string; given?: string }[]) : []).map((a) => [a.family, a.given].filter(Boolean).join(" ")).join("; ");

/** A record as the side-by-side view shows it: display strings only, so it can cross to a client component. */
function present(r: ShownRecord, groupSizes: Map<string, number>) {
  return {
    id: r.id,
    source: r.import?.search.database ?? "",
    groupSize: r.duplicateGroupId ? (groupSizes.get(r.duplicateGroupId) ?? 1) : 1,
    fields: {
      title: r.title,
      authors: authorList(r.authors),
      year: r.year === null ? "" : String(r.year),
      journal: r.journal || r.journalAbbrev,
      volume: r.volume,
      issue: r.issue,
      pages: r.pages,
      doi: r.doi ?? "",
      pmid: r.pmid ?? "",
      abstract: r.abstract.length > 400 ? `${r.abstract.slice(0, 400)}…` : r.abstract,
    },
  };
}
export type PresentedRecord = ReturnType<typeof present>;

async function groupSizes(groupIds: (string | null)[]) {
  const ids = [...new Set(groupIds.filter((g): g is string => g !== null))];
  const rows = await db.record.groupBy({ by: ["duplicateGroupId"], where: { duplicateGroupId: { in: ids } }, _count: true });
  return new Map(rows.map((r) => [r.duplicateGroupId!, r._count]));
}

/** Open pairs, strongest first, with both records ready to compare. */
export async function listOpenPairs(reviewId: string, take = PAIRS_SHOWN) {
  const pairs = await db.duplicatePair.findMany({ where: { reviewId, status: "POSSIBLE" }, orderBy: [{ score: "desc" }, { id: "asc" }], take });
  const records = await db.record.findMany({ where: { reviewId, id: { in: pairs.flatMap((p) => [p.recordAId, p.recordBId]) } }, select: SHOWN_FIELDS });
  const sizes = await groupSizes(records.map((r) => r.duplicateGroupId));
  const byId = new Map(records.map((r) => [r.id, present(r, sizes)]));
  return pairs
    .filter((p) => byId.has(p.recordAId) && byId.has(p.recordBId))
    .map((p) => ({ id: p.id, score: p.score, reasons: (p.reasons as string[]) ?? [], a: byId.get(p.recordAId)!, b: byId.get(p.recordBId)! }));
}
export type OpenPair = Awaited<ReturnType<typeof listOpenPairs>>[number];

/** Merged groups, newest first, with their members and what was filled into the primary. */
export async function listGroups(reviewId: string, page: number) {
  const [total, groups] = await Promise.all([
    db.duplicateGroup.count({ where: { reviewId } }),
    db.duplicateGroup.findMany({
      where: { reviewId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * GROUPS_PAGE_SIZE,
      take: GROUPS_PAGE_SIZE,
      include: { records: { select: { id: true, title: true, year: true, journal: true, journalAbbrev: true, doi: true, isDuplicate: true, import: { select: { search: { select: { database: true } } } } }, orderBy: { isDuplicate: "asc" } } },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / GROUPS_PAGE_SIZE)),
    groups: groups.map((g) => ({
      id: g.id,
      origin: g.origin,
      score: g.score,
      reasons: (g.reasons as string[]) ?? [],
      primaryRecordId: g.primaryRecordId,
      filled: ((g.filled as FieldFill[]) ?? []).map((f) => f.field),
      createdAt: g.createdAt,
      members: g.records.map((r) => ({ id: r.id, title: r.title, year: r.year, journal: r.journal || r.journalAbbrev, doi: r.doi, primary: !r.isDuplicate, source: r.import?.search.database ?? "" })),
    })),
  };
}
