/**
 * Pure assignment rules: which reviewers screen which records when a stage's records are shared
 * out instead of everyone screening everything. No I/O, so the mutations, the settings page and
 * the tests draw exactly the same assignment from the same seed.
 *
 * Reproducible: the draw depends only on the seed, the record and reviewer ids, the votes already
 * cast and what earlier batches assigned; never on the order rows come back from the database.
 * Stable: a later batch (records imported, or included at title/abstract, after the first draw)
 * is drawn by the same rule on top of the existing counts, without touching earlier records.
 */
import { fnv1a } from "@/lib/screening/rules";

export const ASSIGNMENT_MODES = ["EVERYONE", "SPLIT", "CHECK"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export type AssignmentPlan =
  /** Each record goes to `perRecord` of `reviewerIds`, keeping their loads within one record of each other. */
  | { mode: "SPLIT"; seed: string; reviewerIds: readonly string[]; perRecord: number }
  /** `reviewerIds[0]` screens every record; `reviewerIds[1]` checks a random `checkPercent`% of them. */
  | { mode: "CHECK"; seed: string; reviewerIds: readonly string[]; checkPercent: number };

/** A record to assign, with the reviewers who already voted on it: they keep it, whatever the draw. */
export type BatchRecord = { recordId: string; voters: readonly string[] };

/** What earlier batches assigned: rows per reviewer, records assigned, and (check mode) records the checker has. */
export type AssignmentState = { loads: Readonly<Record<string, number>>; records: number; checked: number };

export const emptyState = (): AssignmentState => ({ loads: {}, records: 0, checked: 0 });

/**
 * A seeded 32-bit hash: FNV-1a over the parts, then MurmurHash3's finaliser, because FNV-1a alone
 * spreads ids that differ only in their last characters (cuids do) poorly in the high bits.
 */
export function seededHash(seed: string, ...parts: string[]): number {
  let h = fnv1a([seed, ...parts].join("\u0000"));
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Ids in a seeded random order (each id hashed once, not once per comparison: 100,000 records). */
function shuffled(ids: readonly string[], seed: string, tag: string): string[] {
  const keys = new Map(ids.map((id) => [id, seededHash(seed, tag, id)]));
  return [...ids].sort((a, b) => keys.get(a)! - keys.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
}

/** How many of `records` the checker should hold: P% rounded half up, in integers so 20% of 5 is exactly 1. */
export function checkTarget(records: number, percent: number): number {
  return Math.floor((records * percent + 50) / 100);
}

/**
 * Draws reviewers for a batch of records, on top of `state`. Returns each record's reviewers
 * (sorted) and the new state.
 *
 * Split: records are taken in a seeded order, and each goes to the reviewers with the fewest
 * records so far, ties broken by a seeded hash of (record, reviewer): loads stay within one of
 * each other and the pairs are mixed, not fixed teams.
 *
 * Check: the primary gets every record. The checker's share is kept at P% of all records assigned
 * so far (rounded), so a first draw of 1,000 records at 20% checks exactly 200; which records of a
 * batch are checked follows a seeded hash, so it is a random sample, not every fifth record.
 *
 * In both modes a reviewer who already voted on a record keeps it (their vote counts), and
 * counts toward its reviewers.
 */
export function drawAssignments(plan: AssignmentPlan, batch: readonly BatchRecord[], state: AssignmentState = emptyState()) {
  const loads: Record<string, number> = { ...state.loads };
  const bump = (id: string) => (loads[id] = (loads[id] ?? 0) + 1);
  const assigned = new Map<string, string[]>();
  const voters = new Map(batch.map((r) => [r.recordId, [...new Set(r.voters)]]));
  const ids = [...voters.keys()];

  if (plan.mode === "SPLIT") {
    for (const recordId of shuffled(ids, plan.seed, "order")) {
      const chosen = [...voters.get(recordId)!];
      const tie = new Map(plan.reviewerIds.map((id) => [id, seededHash(plan.seed, recordId, id)]));
      const candidates = plan.reviewerIds.filter((id) => !chosen.includes(id)).sort((a, b) => (loads[a] ?? 0) - (loads[b] ?? 0) || tie.get(a)! - tie.get(b)! || (a < b ? -1 : 1));
      chosen.push(...candidates.slice(0, Math.max(0, plan.perRecord - chosen.length)));
      chosen.forEach(bump);
      assigned.set(recordId, chosen.sort());
    }
    return { assigned, state: { loads, records: state.records + ids.length, checked: 0 } };
  }

  const [primary, checker] = plan.reviewerIds;
  const forced = ids.filter((id) => voters.get(id)!.includes(checker));
  const open = shuffled(
    ids.filter((id) => !voters.get(id)!.includes(checker)),
    plan.seed,
    "check",
  );
  const wanted = checkTarget(state.records + ids.length, plan.checkPercent) - state.checked - forced.length;
  const checked = new Set([...forced, ...open.slice(0, Math.max(0, wanted))]);
  for (const recordId of ids) {
    const chosen = new Set([primary, ...voters.get(recordId)!]);
    if (checked.has(recordId)) chosen.add(checker);
    chosen.forEach(bump);
    assigned.set(recordId, [...chosen].sort());
  }
  return { assigned, state: { loads, records: state.records + ids.length, checked: state.checked + checked.size } };
}

/**
 * A short fingerprint of a whole assignment, for the audit log: two runs with the same digest
 * assigned exactly the same reviewers to exactly the same records.
 */
export function assignmentDigest(rows: Iterable<{ recordId: string; reviewerId: string }>): string {
  const text = [...rows].map((r) => `${r.recordId}:${r.reviewerId}`).sort().join("\n");
  // Two FNV-1a passes with different offsets: 64 bits, so distinct assignments do not share a digest by chance.
  let h = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 15);
  }
  return `${(h >>> 0).toString(16).padStart(8, "0")}${(h2 >>> 0).toString(16).padStart(8, "0")}`;
}

/** One line describing a stage's rule, for the screening overview. */
export function describeAssignment(plan: (AssignmentPlan & { names?: readonly string[] }) | null, reviewersPerRecord: number): string {
  if (!plan) return reviewersPerRecord === 1 ? "Everyone screens every record; one vote settles it" : "Everyone screens every record; two votes per record";
  const names = plan.names ?? plan.reviewerIds;
  if (plan.mode === "SPLIT")
    return plan.perRecord === 1
      ? `Records split among ${names.length} reviewers, one each`
      : `Records split among ${names.length} reviewers, ${plan.perRecord} per record`;
  return `${names[0]} screens every record; ${names[1]} checks ${plan.checkPercent}%`;
}
