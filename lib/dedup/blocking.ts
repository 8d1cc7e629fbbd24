/**
 * Candidate generation. Comparing every pair is quadratic (5·10⁹ pairs for 100,000 records), so
 * only records sharing at least one blocking key are compared. Several independent keys are used
 * because each misses some duplicates (a typo in the title's start, a missing year, a missing DOI);
 * a duplicate is found if any key agrees. Oversized blocks (common first-author-and-year keys such
 * as "wang 2019") fall back to a sorted neighbourhood inside the block, so cost stays near-linear.
 */
import type { RecordFeatures } from "./features";

/** Blocks up to this size are compared exhaustively (≤ 1,225 pairs each). */
export const MAX_BLOCK = 50;
/** In larger blocks each record is compared with this many neighbours in title order. */
export const NEIGHBOURS = 8;

const MIN_TOKEN = 4;

/** Blocking keys of one record: identifiers first, then title, author/year and volume/page keys. */
export function blockingKeys(f: RecordFeatures): string[] {
  const keys: string[] = [];
  if (f.doi) keys.push(`d:${f.doi}`);
  if (f.pmid) keys.push(`p:${f.pmid}`);
  if (f.pmcid) keys.push(`c:${f.pmcid}`);
  const compact = f.title.replace(/ /g, "");
  if (compact.length >= 12) {
    keys.push(`t:${compact.slice(0, 20)}`);
    keys.push(`e:${compact.slice(-20)}`);
  }
  // The three longest words, sorted: survives re-ordered, re-punctuated and prefixed titles.
  const longest = [...f.titleTokens].filter((t) => t.length >= MIN_TOKEN).sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
  if (longest.length >= 3) keys.push(`w:${longest.slice(0, 3).sort().join(" ")}`);
  if (f.families.length && f.year) keys.push(`a:${f.families[0]}|${f.year}`);
  if (f.volume && f.pages) keys.push(`v:${f.volume}|${f.pages.start}`);
  return keys;
}

/**
 * Calls `visit(i, j)` (i < j) once for every candidate pair. With `firstNew` set, only pairs
 * involving at least one record at index ≥ firstNew are visited (incremental re-runs).
 */
export function forEachCandidatePair(features: RecordFeatures[], visit: (i: number, j: number) => void, firstNew = 0): number {
  return runToEnd(candidatePairSteps(features, visit, firstNew));
}

/** Runs stepped work (a generator that yields where it may pause) straight through. */
export function runToEnd<T>(steps: Generator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Steps of work between which a caller may pause (features keyed, pairs of a large block visited). */
const STEP = 2_000;

/**
 * forEachCandidatePair in steps: it pauses (yields) every few thousand records keyed and after
 * every block, so that a caller can let other work run; returns the number of pairs visited.
 */
export function* candidatePairSteps(features: RecordFeatures[], visit: (i: number, j: number) => void, firstNew = 0): Generator<void, number, undefined> {
  const blocks = new Map<string, number[]>();
  for (let i = 0; i < features.length; i++) {
    for (const key of blockingKeys(features[i])) {
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    }
    if (i % STEP === STEP - 1) yield;
  }
  const n = features.length;
  const seen = new Set<number>();
  const emit = (x: number, y: number) => {
    const [i, j] = x < y ? [x, y] : [y, x];
    if (i === j || j < firstNew) return;
    const key = i * n + j;
    if (seen.has(key)) return;
    seen.add(key);
    visit(i, j);
  };
  for (const block of blocks.values()) {
    if (block.length < 2 || block[block.length - 1] < firstNew) continue;
    if (block.length <= MAX_BLOCK) {
      for (let x = 0; x < block.length; x++) for (let y = x + 1; y < block.length; y++) emit(block[x], block[y]);
      yield;
      continue;
    }
    const sorted = [...block].sort((x, y) => (features[x].title < features[y].title ? -1 : features[x].title > features[y].title ? 1 : x - y));
    for (let x = 0; x < sorted.length; x++) {
      for (let y = x + 1; y <= x + NEIGHBOURS && y < sorted.length; y++) emit(sorted[x], sorted[y]);
      if (x % STEP === STEP - 1) yield;
    }
    yield;
  }
  return seen.size;
}
