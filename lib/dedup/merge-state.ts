/**
 * What a merge knows about a review: every record's group, the groups, who was screened, and the
 * whole rows of the records a join is about to touch (loaded on demand, never all at once).
 */
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FieldFill } from "./schema";

/** Every column a merge may read or fill (not `raw`: a primary keeps its own source record). */
export const MEMBER_SELECT = {
  id: true, title: true, abstract: true, authors: true, authorText: true, year: true, journal: true, journalAbbrev: true,
  volume: true, issue: true, pages: true, doi: true, pmid: true, pmcid: true, issn: true, keywords: true, mesh: true,
  language: true, publicationType: true, url: true, sourceDatabase: true, duplicateGroupId: true,
} satisfies Prisma.RecordSelect;
export type MemberRow = Prisma.RecordGetPayload<{ select: typeof MEMBER_SELECT }>;

export type GroupState = {
  id: string;
  primaryRecordId: string;
  origin: string;
  score: number;
  reasons: string[];
  filled: FieldFill[];
  createdAt: Date;
  members: string[];
};

/** What a merge needs to know, loaded once per run (or per decision) and kept in step with the writes. */
export type MergeState = {
  reviewId: string;
  /** The group of every record this state knows (null: in none). */
  groupOf: Map<string, string | null>;
  /**
   * Whole rows of the records a join touches, loaded when it needs them (joinMany) and droppable
   * between batches: a run over 100,000 records would otherwise hold every abstract and keyword
   * list while it merges, and Prisma's result objects for them.
   */
  rows: Map<string, MemberRow>;
  groups: Map<string, GroupState>;
  /** Records with screening decisions or resolutions: they stay (or become) primaries, so no vote is orphaned. */
  screened: Set<string>;
};

export function clusterOf(state: MergeState, recordId: string): string[] {
  const groupId = state.groupOf.get(recordId);
  return groupId ? (state.groups.get(groupId)?.members ?? [recordId]) : [recordId];
}

/** Loads the groups of `recordIds` with all their members, for a single decision. */
export async function loadMergeState(tx: Tx, reviewId: string, recordIds: string[]): Promise<MergeState> {
  const seed = await tx.record.findMany({ where: { reviewId, id: { in: recordIds } }, select: { duplicateGroupId: true } });
  const groupIds = [...new Set(seed.map((r) => r.duplicateGroupId).filter((g): g is string => g !== null))];
  const rows = await tx.record.findMany({ where: { reviewId, OR: [{ id: { in: recordIds } }, { duplicateGroupId: { in: groupIds } }] }, select: MEMBER_SELECT });
  const groups = await tx.duplicateGroup.findMany({ where: { reviewId, id: { in: groupIds } } });
  const ids = rows.map((r) => r.id);
  const screened = await screenedAmong(tx, reviewId, ids);
  return buildState(reviewId, rows, groups, screened, rows);
}

const ROW_CHUNK = 500;

/** Loads the whole rows of `ids` that `state` does not hold yet. */
export async function loadRows(tx: Tx, state: MergeState, ids: Iterable<string>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !state.rows.has(id));
  for (let i = 0; i < missing.length; i += ROW_CHUNK) {
    // By id alone: the ids come from this review's state, and with reviewId in the filter SQLite
    // walks the review's index over every record (120 ms a query at 100,000 records, not 6).
    const rows = await tx.record.findMany({ where: { id: { in: missing.slice(i, i + ROW_CHUNK) } }, select: MEMBER_SELECT });
    for (const row of rows) {
      // The state's view of the grouping is the one kept in step with this run's writes.
      if (state.groupOf.has(row.id)) row.duplicateGroupId = state.groupOf.get(row.id)!;
      else state.groupOf.set(row.id, row.duplicateGroupId);
      state.rows.set(row.id, row);
    }
  }
}

export function rowOf(state: MergeState, id: string): MemberRow {
  const row = state.rows.get(id);
  if (!row) throw new Error(`Record ${id} was not loaded for this merge.`);
  return row;
}

export async function screenedAmong(tx: Tx, reviewId: string, ids?: string[]): Promise<Set<string>> {
  const where = ids ? { reviewId, recordId: { in: ids } } : { reviewId };
  const [votes, settled] = await Promise.all([
    tx.screeningDecision.findMany({ where, select: { recordId: true }, distinct: ["recordId"] }),
    tx.screeningResolution.findMany({ where, select: { recordId: true }, distinct: ["recordId"] }),
  ]);
  return new Set([...votes, ...settled].map((r) => r.recordId));
}

type GroupRow = { id: string; primaryRecordId: string; origin: string; score: number; reasons: unknown; filled: unknown; createdAt: Date };

type Grouping = { id: string; duplicateGroupId: string | null };

/** `records` says who is grouped with whom; `rows` are whole rows already at hand (joinMany loads the rest). */
export function buildState(reviewId: string, records: Grouping[], groupRows: GroupRow[], screened: Set<string>, rows: MemberRow[] = []): MergeState {
  const groups = new Map<string, GroupState>(
    groupRows.map((g) => [
      g.id,
      { ...g, reasons: Array.isArray(g.reasons) ? (g.reasons as string[]) : [], filled: Array.isArray(g.filled) ? (g.filled as FieldFill[]) : [], members: [] },
    ]),
  );
  const groupOf = new Map<string, string | null>();
  for (const r of records) {
    groupOf.set(r.id, r.duplicateGroupId);
    if (r.duplicateGroupId) groups.get(r.duplicateGroupId)?.members.push(r.id);
  }
  return { reviewId, groupOf, rows: new Map(rows.map((r) => [r.id, r])), groups, screened };
}

export function setGroup(state: MergeState, recordId: string, groupId: string | null) {
  state.groupOf.set(recordId, groupId);
  const row = state.rows.get(recordId);
  if (row) row.duplicateGroupId = groupId;
}

