import type { Tx } from "@/lib/db";
import { recordAudit, recordAudits } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { nextTurn } from "@/lib/event-loop";
import { findDuplicatesInFeaturesYielding, pairKey } from "./detect";
import { dissolveGroup, joinMany, joinRecords, movePrimary, orderedPair, type JoinResult } from "./merge-groups";
import { buildState, clusterOf, loadMergeState, screenedAmong, type MergeState } from "./merge-state";
import { featuresOfRow, LOAD_CHUNK, loadRunRecords } from "./run-records";
import type { DedupProgress, PairDecision } from "./schema";

const PAIR_CHUNK = 500;
/** Groups merged per batch: a batch (~0.1 s) holds the event loop, since the adapter's queries are synchronous. */
const MERGE_BATCH = 100;

export type DedupRunSummary = {
  records: number;
  /** Records compared in this run: those imported since the previous run. */
  newRecords: number;
  /** Groups this run created or extended, with all their members after the run. */
  groups: { id: string; primary: string; members: string[]; score: number; reasons: string[]; created: boolean }[];
  /** Pairs this run queued for a person. */
  possiblePairs: { id: string; a: string; b: string; score: number; reasons: string[] }[];
};

function joinAudit(reviewId: string, actorId: string | null, join: JoinResult, action: string, extra?: Record<string, unknown>) {
  return {
    reviewId,
    actorId,
    entity: "DuplicateGroup",
    entityId: join.group.id,
    action,
    before: join.created ? undefined : join.before,
    after: {
      origin: join.group.origin,
      primary: join.group.primaryRecordId,
      members: join.group.members,
      score: join.group.score,
      reasons: join.group.reasons,
      absorbedGroups: join.absorbedGroups,
      filled: join.fills,
      restored: join.restored,
      ...extra,
    },
  };
}

/**
 * Duplicate detection on a review's records, incrementally: records imported since the last run
 * are compared with every record (old vs old pairs were settled by earlier runs). Certain groups
 * are applied (existing groups extended, never split), possible pairs queued, pairs a person
 * decided never re-queued, and records decided different never grouped. One audit event per
 * group created or extended, plus one for the run.
 */
export async function runDeduplication(
  tx: Tx, actorId: string | null, reviewId: string, onProgress?: (p: DedupProgress) => void, sizes = { loadChunk: LOAD_CHUNK, mergeBatch: MERGE_BATCH },
): Promise<DedupRunSummary> {
  const total = await tx.record.count({ where: { reviewId } });
  onProgress?.({ phase: "loading", done: 0, total });
  const run = await loadRunRecords(tx, reviewId, (done) => onProgress?.({ phase: "loading", done, total }), sizes.loadChunk);
  const { ids } = run;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const [groupRows, pairs, screened] = await Promise.all([
    tx.duplicateGroup.findMany({ where: { reviewId } }),
    tx.duplicatePair.findMany({ where: { reviewId }, select: { recordAId: true, recordBId: true, status: true } }),
    screenedAmong(tx, reviewId),
  ]);
  const state = buildState(reviewId, run.grouping, groupRows, screened);
  run.grouping.length = 0;

  // A SAME decision whose records drifted apart (an import undone dissolved their group) is applied again.
  for (const p of pairs.filter((p) => p.status === "SAME")) {
    const [a, b] = [state.groupOf.get(p.recordAId), state.groupOf.get(p.recordBId)];
    if (a === undefined || b === undefined || (a && a === b)) continue;
    const join = await joinRecords(tx, state, [p.recordAId, p.recordBId], { origin: "MANUAL", score: 1, reasons: ["decided the same by a person"] });
    if (join) await recordAudit(tx, joinAudit(reviewId, actorId, join, join.created ? "merge" : "extend", { reapplied: true }));
  }
  // Those joins filled fields into their primaries, and detection compares the rows as they are now.
  for (const [id, row] of state.rows) run.features[indexOf.get(id)!] = featuresOfRow(row);
  state.rows.clear();

  const newRecords = ids.length - run.firstNew;
  const decided = pairs.filter((p) => p.status !== "POSSIBLE");
  onProgress?.({ phase: "comparing", done: 0, total: newRecords });
  const result = await findDuplicatesInFeaturesYielding(run.features, run.firstNew, {
    recordKey: (i) => ids[i],
    decidedPairs: decided.map((p) => pairKey(p.recordAId, p.recordBId)),
    cannotLink: decided.filter((p) => p.status === "DIFFERENT").map((p) => pairKey(p.recordAId, p.recordBId)),
    groups: [...state.groups.values()].map((g) => g.members.map((id) => indexOf.get(id)!)),
  });
  // Only indices into `ids` from here on: the features can go before the merge loads rows.
  run.features.length = 0;
  indexOf.clear();
  onProgress?.({ phase: "comparing", done: newRecords, total: newRecords });

  const summary: DedupRunSummary = { records: total, newRecords, groups: [], possiblePairs: [] };
  const pending = new Set(pairs.filter((p) => p.status === "POSSIBLE").flatMap((p) => [p.recordAId, p.recordBId]));
  const touched = new Map<string, JoinResult>();
  for (let i = 0; i < result.groups.length; i += sizes.mergeBatch) {
    onProgress?.({ phase: "merging", done: i, total: result.groups.length });
    const batch = result.groups.slice(i, i + sizes.mergeBatch).map((g) => ({
      recordIds: g.members.map((m) => ids[m]),
      link: { origin: "AUTOMATIC" as const, score: g.score, reasons: g.reasons, primaryHint: ids[g.primary] },
    }));
    const joins = await joinMany(tx, state, batch);
    for (const join of joins) {
      touched.set(join.group.id, join);
      // Queued questions answered by this merge are withdrawn.
      if (join.group.members.some((id) => pending.has(id))) {
        await tx.duplicatePair.deleteMany({ where: { reviewId, status: "POSSIBLE", recordAId: { in: join.group.members }, recordBId: { in: join.group.members } } });
      }
    }
    await recordAudits(tx, joins.map((join) => joinAudit(reviewId, actorId, join, join.created ? "merge" : "extend")));
    // Written; the next batch loads its own rows.
    state.rows.clear();
    await nextTurn();
  }
  onProgress?.({ phase: "merging", done: result.groups.length, total: result.groups.length });
  for (const join of touched.values()) {
    const g = state.groups.get(join.group.id);
    if (g) summary.groups.push({ id: g.id, primary: g.primaryRecordId, members: g.members, score: g.score, reasons: g.reasons, created: join.created });
  }

  // One open question per pair of groups; none where a person already answered for these groups.
  onProgress?.({ phase: "queuing", done: 0, total: result.possiblePairs.length });
  const clusterKey = (id: string) => state.groupOf.get(id) ?? id;
  const asked = new Set(pairs.map((p) => pairKey(clusterKey(p.recordAId), clusterKey(p.recordBId))));
  const queue = [];
  for (const p of result.possiblePairs) {
    const [a, b] = orderedPair(ids[p.a], ids[p.b]);
    const key = pairKey(clusterKey(a), clusterKey(b));
    if (clusterKey(a) === clusterKey(b) || asked.has(key)) continue;
    asked.add(key);
    queue.push({ reviewId, recordAId: a, recordBId: b, score: p.score, reasons: p.reasons });
  }
  for (let i = 0; i < queue.length; i += PAIR_CHUNK) {
    const created = await tx.duplicatePair.createManyAndReturn({ data: queue.slice(i, i + PAIR_CHUNK), select: { id: true, recordAId: true, recordBId: true, score: true, reasons: true } });
    summary.possiblePairs.push(...created.map((c) => ({ id: c.id, a: c.recordAId, b: c.recordBId, score: c.score, reasons: c.reasons as string[] })));
  }
  await tx.record.updateMany({ where: { reviewId, dedupCheckedAt: null }, data: { dedupCheckedAt: new Date() } });
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "Deduplication",
    action: "run",
    after: {
      records: total,
      newRecords,
      candidatePairs: result.candidatePairs,
      groupsCreated: summary.groups.filter((g) => g.created).length,
      groupsExtended: summary.groups.filter((g) => !g.created).length,
      duplicatesMarked: [...touched.values()].reduce((n, j) => n + j.group.members.length - j.before.members.length - (j.created ? 1 : 0), 0),
      pairsQueued: summary.possiblePairs.length,
    },
  });
  onProgress?.({ phase: "done", done: total, total });
  return summary;
}

async function findPair(tx: Tx, reviewId: string, pairId: string) {
  const pair = await tx.duplicatePair.findFirst({ where: { id: pairId, reviewId } });
  if (!pair) throw new DomainError("That pair does not exist in this review.");
  return pair;
}

/** Every stored pair with one record in `x` and the other in `y`. */
function between(x: string[], y: string[]) {
  return { OR: [{ recordAId: { in: x }, recordBId: { in: y } }, { recordAId: { in: y }, recordBId: { in: x } }] };
}

/**
 * A person's answer to a queued pair. SAME joins the two records' groups (origin MANUAL) and
 * settles every other pair between them; DIFFERENT settles every open pair between the two groups,
 * and later runs will never group them.
 */
export async function decidePair(tx: Tx, actorId: string, reviewId: string, pairId: string, decision: PairDecision) {
  const pair = await findPair(tx, reviewId, pairId);
  if (pair.status !== "POSSIBLE") throw new DomainError(`This pair was already decided (${pair.status === "SAME" ? "same" : "different"}).`);
  const state = await loadMergeState(tx, reviewId, [pair.recordAId, pair.recordBId]);
  const [ca, cb] = [clusterOf(state, pair.recordAId), clusterOf(state, pair.recordBId)];
  const decidedAt = new Date();
  const settled = { status: decision, decidedById: actorId, decidedAt };
  let join: JoinResult | null = null;
  if (decision === "SAME") {
    join = await joinRecords(tx, state, [pair.recordAId, pair.recordBId], { origin: "MANUAL", score: pair.score, reasons: pair.reasons as string[] });
    await tx.duplicatePair.updateMany({ where: { reviewId, status: { not: "SAME" }, ...between(ca, cb) }, data: settled });
  } else {
    await tx.duplicatePair.updateMany({ where: { reviewId, status: "POSSIBLE", ...between(ca, cb) }, data: settled });
  }
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "DuplicatePair",
    entityId: pair.id,
    action: decision === "SAME" ? "decide-same" : "decide-different",
    before: { status: pair.status },
    after: { status: decision, recordAId: pair.recordAId, recordBId: pair.recordBId, score: pair.score, groupId: join?.group.id ?? null },
  });
  if (join) await recordAudit(tx, joinAudit(reviewId, actorId, join, join.created ? "merge" : "extend", { pairId: pair.id }));
  return { pairId: pair.id, decision, groupId: join?.group.id ?? null };
}

/** Decides every open pair whose score lies in [minScore, maxScore], strongest first. */
export async function bulkDecide(tx: Tx, actorId: string, reviewId: string, band: { minScore: number; maxScore: number; decision: PairDecision }) {
  const open = await tx.duplicatePair.findMany({
    where: { reviewId, status: "POSSIBLE", score: { gte: band.minScore, lte: band.maxScore } },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  let decided = 0;
  for (const { id } of open) {
    // An earlier decision in this batch may already have settled this pair.
    const still = await tx.duplicatePair.findFirst({ where: { id, status: "POSSIBLE" }, select: { id: true } });
    if (!still) continue;
    await decidePair(tx, actorId, reviewId, id, band.decision);
    decided++;
  }
  await recordAudit(tx, { reviewId, actorId, entity: "DuplicatePair", action: "bulk-decide", after: { ...band, pairs: decided } });
  return { decided };
}

async function findGroup(tx: Tx, reviewId: string, groupId: string): Promise<MergeState> {
  const group = await tx.duplicateGroup.findFirst({ where: { id: groupId, reviewId }, select: { primaryRecordId: true } });
  if (!group) throw new DomainError("That duplicate group does not exist in this review.");
  return loadMergeState(tx, reviewId, [group.primaryRecordId]);
}

/**
 * Undoes a merge (automatic or manual): filled fields restored, every member unique again, and
 * every pair of members recorded as DIFFERENT by this person so a re-run does not merge them again.
 */
export async function undoMerge(tx: Tx, actorId: string, reviewId: string, groupId: string) {
  const state = await findGroup(tx, reviewId, groupId);
  const group = state.groups.get(groupId)!;
  const snapshot = { origin: group.origin, primary: group.primaryRecordId, members: group.members, score: group.score, reasons: group.reasons, filled: group.filled };
  await dissolveGroup(tx, state, group);
  const decidedAt = new Date();
  const stored = await tx.duplicatePair.findMany({ where: { reviewId, recordAId: { in: group.members }, recordBId: { in: group.members } }, select: { recordAId: true, recordBId: true } });
  const have = new Set(stored.map((p) => pairKey(p.recordAId, p.recordBId)));
  await tx.duplicatePair.updateMany({ where: { reviewId, recordAId: { in: group.members }, recordBId: { in: group.members } }, data: { status: "DIFFERENT", decidedById: actorId, decidedAt } });
  const missing = [];
  for (const [i, x] of group.members.entries()) {
    for (const y of group.members.slice(i + 1)) {
      const [a, b] = orderedPair(x, y);
      if (!have.has(pairKey(a, b))) missing.push({ reviewId, recordAId: a, recordBId: b, score: group.score, reasons: [...group.reasons, "merge undone"], status: "DIFFERENT", decidedById: actorId, decidedAt });
    }
  }
  for (let i = 0; i < missing.length; i += PAIR_CHUNK) await tx.duplicatePair.createMany({ data: missing.slice(i, i + PAIR_CHUNK) });
  await recordAudit(tx, { reviewId, actorId, entity: "DuplicateGroup", entityId: groupId, action: "undo", before: snapshot, after: { unique: group.members, pairsMarkedDifferent: group.members.length * (group.members.length - 1) / 2 } });
  return { groupId, members: group.members };
}

/** Makes another member the primary (the record screened for the group); refused once screening used the current one. */
export async function setPrimary(tx: Tx, actorId: string, reviewId: string, groupId: string, recordId: string) {
  const state = await findGroup(tx, reviewId, groupId);
  const group = state.groups.get(groupId)!;
  if (!group.members.includes(recordId)) throw new DomainError("That record is not in this group.");
  if (group.primaryRecordId === recordId) return { groupId, primary: recordId };
  if (state.screened.has(group.primaryRecordId)) throw new DomainError("Screening already recorded decisions on the current primary, so it cannot change.");
  const before = { primary: group.primaryRecordId, filled: group.filled };
  const fills = await movePrimary(tx, state, group, recordId);
  await recordAudit(tx, { reviewId, actorId, entity: "DuplicateGroup", entityId: groupId, action: "set-primary", before, after: { primary: recordId, filled: fills } });
  return { groupId, primary: recordId };
}

/**
 * Before records are deleted (an import undone): every group holding one of them is dissolved,
 * with its fills restored, and its other members are marked unchecked, so the next run compares
 * them with everything again and regroups what remains. Pairs naming a deleted record go.
 */
export async function releaseRecords(tx: Tx, actorId: string | null, reviewId: string, recordIds: string[]) {
  const state = await loadMergeState(tx, reviewId, recordIds);
  const leaving = new Set(recordIds);
  for (const group of [...state.groups.values()]) {
    const snapshot = { primary: group.primaryRecordId, members: group.members, filled: group.filled };
    await dissolveGroup(tx, state, group);
    const staying = group.members.filter((id) => !leaving.has(id));
    await tx.record.updateMany({ where: { id: { in: staying } }, data: { dedupCheckedAt: null } });
    await recordAudit(tx, { reviewId, actorId, entity: "DuplicateGroup", entityId: group.id, action: "dissolve", before: snapshot, after: { reason: "records removed", recheck: staying } });
  }
  await tx.duplicatePair.deleteMany({ where: { reviewId, OR: [{ recordAId: { in: recordIds } }, { recordBId: { in: recordIds } }] } });
}
