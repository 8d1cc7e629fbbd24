/**
 * The database side of a merge, shared by detection runs and people's decisions. Invariants:
 * records are never deleted, only grouped; a group's primary is its only member with
 * isDuplicate = false; only the current primary carries fields filled from other members, and
 * every fill is listed on the group with the value it replaced, so it can be restored exactly.
 */
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordRow } from "@/lib/records/row-values";
import { toBibRecord } from "@/lib/records/to-bib-record";
import { extractFeatures } from "./features";
import { mergeRecordFields } from "./merge";
import { clusterOf, loadRows, rowOf, setGroup, type GroupState, type MemberRow, type MergeState } from "./merge-state";
import type { FieldFill, GroupOrigin } from "./schema";

/** Filled into a primary when empty there. `sourceDatabase` is provenance, so it is never filled. */
const FILL_FIELDS = [
  "title", "abstract", "authors", "year", "journal", "journalAbbrev", "volume", "issue", "pages", "doi", "pmid", "pmcid",
  "issn", "keywords", "mesh", "language", "publicationType", "url",
] as const;

export type JoinResult = {
  group: GroupState;
  created: boolean;
  /** The members before the join: the target group's, or none for a new group. */
  before: { primary: string | null; members: string[] };
  absorbedGroups: string[];
  fills: FieldFill[];
  restored: FieldFill[];
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const bib = (row: MemberRow) => toBibRecord({ ...row, raw: {} });
export const completeness = (row: MemberRow) => extractFeatures(bib(row)).completeness;

/** The columns of `primary` that `others` can fill, in the shape of a record update. */
export function computeFills(primary: MemberRow, others: MemberRow[]): FieldFill[] {
  const merged = recordRow("", null, 0, mergeRecordFields(bib(primary), others.map(bib)));
  const fills: FieldFill[] = [];
  for (const field of FILL_FIELDS) {
    const value = merged[field];
    if (same(value, primary[field])) continue;
    const donors = others.filter((o) => (field === "keywords" || field === "mesh" ? !same(o[field], []) : same(o[field], value))).map((o) => o.id);
    fills.push({ recordId: primary.id, field, from: donors.join(","), previous: primary[field], value });
  }
  return fills;
}

/** Update data applying fills (value) or undoing them (previous, latest first so the original wins). */
function fillData(fills: FieldFill[], restore: boolean): Prisma.RecordUpdateInput {
  const data: Record<string, unknown> = {};
  for (const fill of restore ? [...fills].reverse() : fills) data[fill.field] = restore ? fill.previous : fill.value;
  if ("authors" in data) data.authorText = (Array.isArray(data.authors) ? (data.authors as { normalized: string }[]) : []).map((a) => a.normalized).join("; ");
  return data as Prisma.RecordUpdateInput;
}

function applyToRow(row: MemberRow | undefined, data: Prisma.RecordUpdateInput) {
  if (row) Object.assign(row, data);
}

function byRecord(fills: FieldFill[]): Map<string, FieldFill[]> {
  const out = new Map<string, FieldFill[]>();
  for (const f of fills) (out.get(f.recordId) ?? out.set(f.recordId, []).get(f.recordId)!).push(f);
  return out;
}

/** Restores every fill on the records named, in the database and in `state`. */
export async function restoreFills(tx: Tx, state: MergeState, fills: FieldFill[]): Promise<void> {
  for (const [recordId, list] of byRecord(fills)) {
    const data = fillData(list, true);
    await tx.record.update({ where: { id: recordId }, data });
    applyToRow(state.rows.get(recordId), data);
  }
}

/** Others in the order they donate fields: most complete first. */
function donorsFor(state: MergeState, primaryId: string, members: string[]): MemberRow[] {
  return members
    .filter((id) => id !== primaryId)
    .map((id) => rowOf(state, id))
    .map((row) => ({ row, c: completeness(row) }))
    .sort((x, y) => y.c - x.c)
    .map((x) => x.row);
}

export type JoinLink = { origin: GroupOrigin; score: number; reasons: string[]; primaryHint?: string };

type JoinPlan = {
  target: GroupState | undefined;
  absorbed: GroupState[];
  members: string[];
  primary: string;
  restored: FieldFill[];
  fills: FieldFill[];
  fields: { primaryRecordId: string; origin: string; score: number; reasons: string[]; filled: FieldFill[] };
};

/**
 * Decides how `recordIds` and everything already grouped with them become one group: the oldest
 * group involved absorbs the others, or a new group is made. Returns null when they already form
 * one group. Fills to undo are applied to `state` at once, because the records they come off
 * donate fields to the new primary.
 */
function planJoin(state: MergeState, recordIds: string[], link: JoinLink): JoinPlan | null {
  const involved = [...new Set(recordIds.map((id) => state.groupOf.get(id)).filter((g): g is string => !!g))]
    .map((id) => state.groups.get(id)!)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const loose = recordIds.filter((id) => !state.groupOf.get(id));
  if (involved.length === 1 && loose.length === 0) return null;
  const target = involved[0];
  const members = [...new Set([...involved.flatMap((g) => g.members), ...loose])];

  // A record someone already screened stays the one screened; otherwise keep the target's primary.
  const pool = involved.length ? involved.map((g) => g.primaryRecordId) : members;
  const preferred = target?.primaryRecordId ?? link.primaryHint ?? members.reduce((best, id) => (completeness(rowOf(state, id)) > completeness(rowOf(state, best)) ? id : best));
  const primary = pool.find((id) => id === preferred && state.screened.has(id)) ?? pool.find((id) => state.screened.has(id)) ?? preferred;

  // Only the primary carries fills: undo them on every primary that stops being one.
  const oldFills = involved.flatMap((g) => g.filled);
  const restored = oldFills.filter((f) => f.recordId !== primary);
  for (const [recordId, list] of byRecord(restored)) applyToRow(state.rows.get(recordId), fillData(list, true));
  const fills = computeFills(rowOf(state, primary), donorsFor(state, primary, members));
  applyToRow(state.rows.get(primary), fillData(fills, false));
  const weaker = !target || link.score < target.score;
  return {
    target,
    absorbed: involved.slice(1),
    members,
    primary,
    restored,
    fills,
    fields: {
      primaryRecordId: primary,
      origin: link.origin === "MANUAL" || target?.origin === "MANUAL" ? "MANUAL" : "AUTOMATIC",
      score: weaker ? link.score : target.score,
      reasons: weaker ? link.reasons : target.reasons,
      filled: [...oldFills.filter((f) => f.recordId === primary), ...fills],
    },
  };
}

const json = (fields: JoinPlan["fields"]) => ({ ...fields, filled: fields.filled as unknown as Prisma.InputJsonValue });

/**
 * Applies many joins at once. A detection run's joins never share a record (its components are
 * disjoint), so they are planned first and written in batches: a query costs ~1 ms through
 * Prisma, and a large review merges tens of thousands of groups in one run.
 */
export async function joinMany(tx: Tx, state: MergeState, joins: { recordIds: string[]; link: JoinLink }[]): Promise<JoinResult[]> {
  await loadRows(tx, state, joins.flatMap((j) => j.recordIds.flatMap((id) => clusterOf(state, id))));
  const plans = joins.map((j) => planJoin(state, j.recordIds, j.link)).filter((p): p is JoinPlan => p !== null);
  for (const [recordId, list] of byRecord(plans.flatMap((p) => p.restored))) await tx.record.update({ where: { id: recordId }, data: fillData(list, true) });

  const ids = new Map<JoinPlan, { id: string; createdAt: Date }>();
  for (const plan of plans.filter((p) => p.target)) {
    ids.set(plan, await tx.duplicateGroup.update({ where: { id: plan.target!.id }, data: json(plan.fields), select: { id: true, createdAt: true } }));
  }
  const fresh = plans.filter((p) => !p.target);
  for (let i = 0; i < fresh.length; i += 200) {
    const chunk = fresh.slice(i, i + 200);
    const rows = await tx.duplicateGroup.createManyAndReturn({ data: chunk.map((p) => ({ reviewId: state.reviewId, ...json(p.fields) })), select: { id: true, createdAt: true, primaryRecordId: true } });
    // A record is in one group at most, so the primary identifies the new row.
    const byPrimary = new Map(rows.map((r) => [r.primaryRecordId, r]));
    for (const plan of chunk) ids.set(plan, byPrimary.get(plan.primary)!);
  }
  for (const plan of plans) {
    // One statement per group instead of two through Prisma; plain SQL that PostgreSQL runs too.
    await tx.$executeRaw`UPDATE "Record" SET "duplicateGroupId" = ${ids.get(plan)!.id}, "isDuplicate" = ("id" <> ${plan.primary}) WHERE "id" IN (${Prisma.join(plan.members)})`;
    if (plan.fills.length) await tx.record.update({ where: { id: plan.primary }, data: fillData(plan.fills, false) });
  }
  const absorbed = plans.flatMap((p) => p.absorbed.map((g) => g.id));
  if (absorbed.length) await tx.duplicateGroup.deleteMany({ where: { id: { in: absorbed } } });

  return plans.map((plan) => {
    const row = ids.get(plan)!;
    for (const g of plan.absorbed) state.groups.delete(g.id);
    for (const id of plan.members) setGroup(state, id, row.id);
    const group: GroupState = { ...plan.fields, id: row.id, createdAt: row.createdAt, members: plan.members };
    state.groups.set(row.id, group);
    return {
      group,
      created: !plan.target,
      before: { primary: plan.target?.primaryRecordId ?? null, members: plan.target?.members ?? [] },
      absorbedGroups: plan.absorbed.map((g) => g.id),
      fills: plan.fills,
      restored: plan.restored,
    };
  });
}

/** Joins one set of records (a person's decision); see joinMany. */
export async function joinRecords(tx: Tx, state: MergeState, recordIds: string[], link: JoinLink): Promise<JoinResult | null> {
  return (await joinMany(tx, state, [{ recordIds, link }]))[0] ?? null;
}

export async function dissolveGroup(tx: Tx, state: MergeState, group: GroupState): Promise<void> {
  await restoreFills(tx, state, group.filled);
  await tx.record.updateMany({ where: { id: { in: group.members } }, data: { duplicateGroupId: null, isDuplicate: false } });
  await tx.duplicateGroup.delete({ where: { id: group.id } });
  for (const id of group.members) setGroup(state, id, null);
  state.groups.delete(group.id);
}

/** Moves the primary role to another member: fills move with it. */
export async function movePrimary(tx: Tx, state: MergeState, group: GroupState, recordId: string): Promise<FieldFill[]> {
  await loadRows(tx, state, group.members);
  await restoreFills(tx, state, group.filled);
  const fills = computeFills(rowOf(state, recordId), donorsFor(state, recordId, group.members));
  await tx.record.updateMany({ where: { id: { in: group.members } }, data: { isDuplicate: true } });
  const data = { ...fillData(fills, false), isDuplicate: false };
  await tx.record.update({ where: { id: recordId }, data });
  applyToRow(state.rows.get(recordId), data);
  await tx.duplicateGroup.update({ where: { id: group.id }, data: { primaryRecordId: recordId, filled: fills as unknown as Prisma.InputJsonValue } });
  group.primaryRecordId = recordId;
  group.filled = fills;
  return fills;
}

/** Both orders of the id pair, as stored: recordAId < recordBId. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}
