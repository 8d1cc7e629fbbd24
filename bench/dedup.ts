/**
 * `npm run bench:dedup`: accuracy and speed of lib/dedup.
 * 1. Labelled benchmark (bench/dedup-labelled.ts documents its ground truth): pairwise
 *    sensitivity, specificity and precision of the automatic (certain) merges, the traps merged,
 *    and the manual queue (possible pairs) with how many of them are true duplicates.
 * 2. The real ASySD test set (1,845 records): unique records, time, and examples by hand.
 * 3. Speed: 100,000 deterministic synthetic records (target < 30 s), with accuracy too.
 * Skips parts 1–2 when ../shared/fixtures is absent (part 3 needs no fixtures).
 */
import { findDuplicates, type DedupResult } from "../lib/dedup/detect";
import type { BibRecord } from "../lib/formats/record";
import { fixturesAvailable, loadAsysd, loadZotero, FIXTURES } from "./dedup-sources";
import { buildLabelledSet, SEED } from "./dedup-labelled";
import { buildSyntheticSet } from "./dedup-synthetic";

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Group id per record after applying `links` (pairs of indices) on top of singletons. */
function components(n: number, links: [number, number][]): Int32Array {
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (const [a, b] of links) parent[find(a)] = find(b);
  return parent.map((_, i) => find(i));
}

type Metrics = { sensitivity: number; specificity: number; precision: number; fp: number; fn: number; tp: number; truePairs: number };

/** Pairwise confusion counts of a partition against the true clusters. */
function score(cluster: ArrayLike<number>, predicted: Int32Array): Metrics {
  const n = predicted.length;
  const count = (key: (i: number) => string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < n; i++) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return [...m.values()].reduce((s, k) => s + pairs(k), 0);
  };
  const truePairs = count((i) => String(cluster[i]));
  const predPairs = count((i) => String(predicted[i]));
  const tp = count((i) => `${cluster[i]}|${predicted[i]}`);
  const fp = predPairs - tp;
  const negatives = pairs(n) - truePairs;
  return { sensitivity: tp / truePairs, specificity: 1 - fp / negatives, precision: predPairs ? tp / predPairs : 1, fp, fn: truePairs - tp, tp, truePairs };
}

function certainLinks(res: DedupResult): [number, number][] {
  return res.groups.flatMap((g) => g.members.slice(1).map((m): [number, number] => [g.members[0], m]));
}

function report(name: string, cluster: ArrayLike<number>, res: DedupResult, n: number) {
  const auto = score(cluster, components(n, certainLinks(res)));
  const queueTrue = res.possiblePairs.filter((p) => cluster[p.a] === cluster[p.b]).length;
  const reviewed = score(cluster, components(n, [...certainLinks(res), ...res.possiblePairs.filter((p) => cluster[p.a] === cluster[p.b]).map((p): [number, number] => [p.a, p.b])]));
  const f = (x: number) => x.toFixed(5);
  const g = (x: number) => x.toFixed(7);
  console.log(`${name}: ${n} records, ${auto.truePairs} true duplicate pairs, ${res.candidatePairs} candidate pairs scored`);
  console.log(`  automatic: sensitivity ${f(auto.sensitivity)}  specificity ${g(auto.specificity)}  precision ${f(auto.precision)}  (TP ${auto.tp}, FP ${auto.fp}, FN ${auto.fn})`);
  console.log(`  manual queue: ${res.possiblePairs.length} pairs (${queueTrue} true duplicates, ${res.possiblePairs.length - queueTrue} distinct); sensitivity after review ${f(reviewed.sensitivity)}`);
  return auto;
}

function describe(r: BibRecord): string {
  const authors = r.authors.slice(0, 2).map((a) => a.family).join(", ");
  return `${r.title.slice(0, 90)} | ${authors} | ${r.journal?.slice(0, 45) ?? ""} ${r.year ?? ""} ${r.volume ?? ""}(${r.issue ?? ""}) ${r.pages ?? ""} | ${r.doi ?? ""}`;
}

function labelled() {
  const set = buildLabelledSet(loadZotero(), SEED);
  const records = set.records.map((r) => r.record);
  const cluster = set.records.map((r) => r.cluster);
  const t0 = performance.now();
  const res = findDuplicates(records);
  const ms = performance.now() - t0;
  console.log(`\n== 1. Labelled benchmark (seed ${SEED}; construction documented in bench/dedup-labelled.ts) ==`);
  report("labelled", cluster, res, records.length);
  const group = components(records.length, certainLinks(res));
  const trapsMerged = set.trapPairs.filter(([a, b]) => group[a] === group[b]);
  const trapsQueued = set.trapPairs.filter(([a, b]) => res.possiblePairs.some((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a)));
  console.log(`  traps: ${set.trapPairs.length} trap pairs + 60 generic titles; merged automatically ${trapsMerged.length}, queued ${trapsQueued.length}; ${ms.toFixed(0)} ms`);
  const byKind = new Map<string, number>();
  for (const [, , kind] of set.trapPairs) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  const queuedKind = new Map<string, number>();
  for (const [, , kind] of trapsQueued) queuedKind.set(kind, (queuedKind.get(kind) ?? 0) + 1);
  console.log(`  trap kinds (queued/total): ${[...byKind].map(([k, v]) => `${k} ${queuedKind.get(k) ?? 0}/${v}`).join(", ")}`);
  const missed: string[] = [];
  for (let i = 0; i < records.length && missed.length < 4; i++) {
    for (let j = i + 1; j < records.length && j < i + 5; j++) {
      if (cluster[i] === cluster[j] && group[i] !== group[j]) missed.push(`    ${set.records[j].kind}\n      ${describe(records[i])}\n      ${describe(records[j])}`);
    }
  }
  if (missed.length) console.log(`  examples of duplicates not merged automatically:\n${missed.join("\n")}`);
  const wrong = res.groups.flatMap((g) => g.members.filter((m) => cluster[m] !== cluster[g.members[0]]).map((m) => [g.members[0], m]));
  for (const [a, b] of wrong.slice(0, 4)) console.log(`  WRONG MERGE (${set.records[a].kind} / ${set.records[b].kind}):\n      ${describe(records[a])}\n      ${describe(records[b])}`);
  for (const [a, b, kind] of trapsMerged.slice(0, 4)) console.log(`  TRAP MERGED (${kind}):\n      ${describe(records[a])}\n      ${describe(records[b])}`);
}

function asysd() {
  const rows = loadAsysd();
  const records = rows.map((r) => r.record);
  const t0 = performance.now();
  const res = findDuplicates(records);
  const ms = performance.now() - t0;
  const unique = records.length - res.groups.reduce((s, g) => s + g.members.length - 1, 0);
  const noPages = findDuplicates(records.map((r) => ({ ...r, pages: undefined })));
  const uniqueNoPages = records.length - noPages.groups.reduce((s, g) => s + g.members.length - 1, 0);
  console.log(`\n== 2. ASySD labelled test set (${records.length} records) ==`);
  console.log(`  unique after automatic dedup: ${unique} (ASySD: 586); ${res.groups.length} groups; ${res.possiblePairs.length} pairs queued; ${ms.toFixed(0)} ms`);
  console.log(`  without the pages column: ${uniqueNoPages} (ASySD: 583)`);
  console.log(`  if every queued pair were accepted: ${unique - res.possiblePairs.length} at most`);
  const sourceUnique = rows.filter((r) => r.source === "unique").length;
  const doubled = res.groups.filter((g) => g.members.filter((m) => rows[m].source === "unique").length > 1);
  console.log(`  the set's "source" column marks ${sourceUnique} records unique; groups joining two of them: ${doubled.length}`);
  for (const g of doubled.slice(0, 3)) {
    console.log(`    group (${g.reasons.join("; ")}):`);
    for (const m of g.members.filter((m) => rows[m].source === "unique")) console.log(`      [${rows[m].recordId}] ${describe(records[m])}`);
  }
  console.log("  queued pairs (near misses a person decides):");
  for (const p of res.possiblePairs.slice(0, 6)) {
    console.log(`    ${p.score.toFixed(3)} ${p.reasons.join("; ")}\n      [${rows[p.a].recordId}] ${describe(records[p.a])}\n      [${rows[p.b].recordId}] ${describe(records[p.b])}`);
  }
  const interesting = res.groups.filter((g) => g.reasons.some((r) => /=|truncated|differs by 1|title 0/.test(r))).slice(0, 4);
  console.log("  automatic merges on weaker evidence:");
  for (const g of interesting) {
    console.log(`    ${g.score.toFixed(3)} ${g.reasons.join("; ")}`);
    for (const m of g.members.slice(0, 2)) console.log(`      [${rows[m].recordId}] ${describe(records[m])}`);
  }
}

function speed() {
  const n = 100_000;
  const t0 = performance.now();
  const set = buildSyntheticSet(n);
  const t1 = performance.now();
  const res = findDuplicates(set.records);
  const t2 = performance.now();
  console.log(`\n== 3. Speed: ${n} synthetic records (built in ${((t1 - t0) / 1000).toFixed(1)} s) ==`);
  console.log(`  findDuplicates: ${((t2 - t1) / 1000).toFixed(1)} s (target < 30 s)`);
  report("synthetic", set.cluster, res, n);
}

if (fixturesAvailable()) {
  labelled();
  asysd();
} else {
  console.log(`skipping the labelled and ASySD benchmarks: ${FIXTURES} not found`);
}
speed();
