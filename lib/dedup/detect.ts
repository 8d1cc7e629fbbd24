/**
 * Duplicate detection over a list of records: features → blocking → pairwise scores → tiers.
 * Certain pairs are joined with union-find; a union that would put two records with a hard
 * contradiction (different DOIs, erratum vs article, Part I vs Part II…) into one group is refused
 * and sent to the manual queue instead, because transitivity is how chains of near-matches merge
 * distinct studies.
 */
import type { BibRecord } from "../formats/record";
import { nextTurn } from "../event-loop";
import { candidatePairSteps, runToEnd } from "./blocking";
import { featureExtractor, type RecordFeatures } from "./features";
import { scorePair, THRESHOLDS } from "./similarity";

export type DuplicateGroup = { primary: number; members: number[]; tier: "certain"; score: number; reasons: string[] };
export type PossiblePair = { a: number; b: number; score: number; reasons: string[] };
export type DedupResult = { groups: DuplicateGroup[]; possiblePairs: PossiblePair[]; candidatePairs: number };

export type DedupOptions = {
  /**
   * Pairs a person already decided (same or different), as `pairKey(keyA, keyB)`. They are never
   * re-queued and never merged automatically; applying the decision is the caller's job.
   */
  decidedPairs?: Iterable<string>;
  /**
   * Pairs (as `pairKey(keyA, keyB)`) that must never end up in one group, because a person decided
   * they differ. Skipping such a pair is not enough: two certain links through a third record
   * would join them again, so they act like a hard conflict in the grouping.
   */
  cannotLink?: Iterable<string>;
  /**
   * Records already grouped (by an earlier run or a person), as lists of indices into the combined
   * list. They are joined before any new link, so a new record is checked for conflicts against
   * the whole group it would join, not only the member it matched. A returned group includes them;
   * a group that gained no new member is not returned.
   */
  groups?: number[][];
  /** Stable key of a record for decidedPairs; default: its index in the combined list, as a string. */
  recordKey?: (record: BibRecord, index: number) => string;
  thresholds?: { certain: number; possible: number };
};

/** DedupOptions for findDuplicatesInFeatures, where a record is known only by its index. */
export type FeatureDedupOptions = Omit<DedupOptions, "recordKey"> & { recordKey?: (index: number) => string };

/** Order-independent key of a pair of record keys. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/**
 * Finds duplicates among `records`, or, with two lists, among `existing` + `incoming` comparing
 * only pairs that involve an incoming record (new vs old and new vs new). Indices in the result
 * refer to the combined list: existing first (0…E−1), then incoming (E…).
 * Tiers: certain (score ≥ 0.99) are grouped; possible (0.5 ≤ score < 0.99) are returned as pairs
 * for a person; lower scores are distinct and not returned.
 */
export function findDuplicates(records: BibRecord[], options?: DedupOptions): DedupResult;
export function findDuplicates(existing: BibRecord[], incoming: BibRecord[], options?: DedupOptions): DedupResult;
export function findDuplicates(first: BibRecord[], second?: BibRecord[] | DedupOptions, third?: DedupOptions): DedupResult {
  const incremental = Array.isArray(second);
  const all = incremental ? [...first, ...second] : first;
  const { recordKey, ...options } = (incremental ? third : second) ?? {};
  return findDuplicatesInFeatures(all.map(featureExtractor()), incremental ? first.length : 0, {
    ...options,
    recordKey: recordKey ? (i) => recordKey(all[i], i) : undefined,
  });
}

/**
 * findDuplicates on precomputed features (existing records first, the first new one at
 * `firstNew`), for callers that stream records from a database and keep only their features.
 */
export function findDuplicatesInFeatures(features: RecordFeatures[], firstNew: number, options: FeatureDedupOptions = {}): DedupResult {
  return runToEnd(detectionSteps(features, firstNew, options));
}

/**
 * findDuplicatesInFeatures for a server: the same result, but it lets other requests run every
 * `sliceMs` of comparing (a 99,000-record review compares for seconds).
 */
export async function findDuplicatesInFeaturesYielding(features: RecordFeatures[], firstNew: number, options: FeatureDedupOptions = {}, sliceMs = 20): Promise<DedupResult> {
  const steps = detectionSteps(features, firstNew, options);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since >= sliceMs) {
      await nextTurn();
      since = performance.now();
    }
  }
}

/** The detection itself, pausing (yielding) between steps of comparing. */
function* detectionSteps(features: RecordFeatures[], firstNew: number, options: FeatureDedupOptions): Generator<void, DedupResult, undefined> {
  const { certain: certainAt, possible: possibleAt } = options.thresholds ?? THRESHOLDS;
  const keyOf = options.recordKey ?? ((i: number) => String(i));
  const decided = new Set(options.decidedPairs ?? []);
  const apart = [...(options.cannotLink ?? [])];
  for (const key of apart) decided.add(key);
  const keys = decided.size ? features.map((_, i) => keyOf(i)) : [];

  const certain: PossiblePair[] = [];
  const possible: PossiblePair[] = [];
  const cannotLink = new Map<number, number[]>();
  const forbid = (i: number, j: number) => {
    (cannotLink.get(i) ?? cannotLink.set(i, []).get(i)!).push(j);
    (cannotLink.get(j) ?? cannotLink.set(j, []).get(j)!).push(i);
  };
  if (apart.length) {
    const indexOf = new Map(keys.map((k, i) => [k, i]));
    for (const key of apart) {
      const [x, y] = key.split("\u0000").map((k) => indexOf.get(k));
      if (x !== undefined && y !== undefined) forbid(x, y);
    }
  }
  const candidatePairs = yield* candidatePairSteps(
    features,
    (i, j) => {
      if (decided.size && decided.has(pairKey(keys[i], keys[j]))) return;
      const { score, reasons, conflict } = scorePair(features[i], features[j]);
      if (conflict) forbid(i, j);
      if (score >= certainAt) certain.push({ a: i, b: j, score, reasons });
      else if (score >= possibleAt) possible.push({ a: i, b: j, score, reasons });
    },
    firstNew,
  );

  const groups = new UnionFind(features.length);
  for (const members of options.groups ?? []) {
    for (const m of members.slice(1)) {
      const ra = groups.find(members[0]);
      const rb = groups.find(m);
      if (ra !== rb) groups.union(ra, rb);
    }
  }
  const weakest = new Map<number, PossiblePair>();
  certain.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  for (const pair of certain) {
    const ra = groups.find(pair.a);
    const rb = groups.find(pair.b);
    if (ra === rb) continue;
    if (groups.conflicts(ra, rb, cannotLink)) {
      possible.push({ ...pair, score: Math.min(pair.score, certainAt - 1e-6), reasons: [...pair.reasons, "would join records that conflict"] });
      continue;
    }
    const links = [weakest.get(ra), weakest.get(rb), pair].filter((p): p is PossiblePair => p !== undefined);
    weakest.delete(ra);
    weakest.delete(rb);
    weakest.set(groups.union(ra, rb), links.reduce((m, p) => (p.score < m.score ? p : m)));
  }

  const result: DuplicateGroup[] = [];
  for (const [root, members] of groups.components()) {
    const link = weakest.get(root);
    if (members.length < 2 || !link) continue;
    result.push({ primary: choosePrimary(members, features), members, tier: "certain", score: link.score, reasons: link.reasons });
  }
  result.sort((x, y) => x.members[0] - y.members[0]);
  // One queued pair per pair of groups: a person decides "same or different" once for two groups,
  // not once for every member combination.
  const best = new Map<string, PossiblePair>();
  for (const p of possible) {
    const ga = groups.find(p.a);
    const gb = groups.find(p.b);
    if (ga === gb) continue;
    const key = ga < gb ? `${ga}:${gb}` : `${gb}:${ga}`;
    const prev = best.get(key);
    if (!prev || p.score > prev.score || (p.score === prev.score && (p.a < prev.a || (p.a === prev.a && p.b < prev.b)))) best.set(key, p);
  }
  const queue = [...best.values()].sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  return { groups: result, possiblePairs: queue, candidatePairs };
}

/** The most complete member (most filled fields, longest abstract); ties go to the earliest. */
function choosePrimary(members: number[], features: RecordFeatures[]): number {
  return members.reduce((best, m) => (features[m].completeness > features[best].completeness ? m : best), members[0]);
}

/** Union-find with member lists, so conflicts between two groups can be checked before a union. */
class UnionFind {
  private parent: Int32Array;
  private members = new Map<number, number[]>();
  constructor(n: number) {
    this.parent = new Int32Array(n).map((_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  private list(root: number): number[] {
    return this.members.get(root) ?? [root];
  }
  /** Whether any member of one group has a hard contradiction with any member of the other. */
  conflicts(ra: number, rb: number, cannotLink: Map<number, number[]>): boolean {
    const [small, otherRoot] = this.list(ra).length <= this.list(rb).length ? [this.list(ra), rb] : [this.list(rb), ra];
    return small.some((m) => (cannotLink.get(m) ?? []).some((p) => this.find(p) === otherRoot));
  }
  /** Joins two roots (larger absorbs smaller) and returns the new root. */
  union(ra: number, rb: number): number {
    const [big, small] = this.list(ra).length >= this.list(rb).length ? [ra, rb] : [rb, ra];
    this.parent[small] = big;
    const list = this.members.get(big) ?? [big];
    for (const m of this.list(small)) list.push(m);
    this.members.set(big, list);
    this.members.delete(small);
    return big;
  }
  /** Groups of two or more, each with members in ascending order. */
  components(): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const [root, list] of this.members) out.set(root, [...list].sort((x, y) => x - y));
    return out;
  }
}
