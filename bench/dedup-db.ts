/**
 * `npm run bench:dedup-db`: duplicate detection as the web app and `sieve dedup --review` run it,
 * on records stored in SQLite. Builds the deterministic synthetic set (bench/dedup-synthetic.ts,
 * ~30% duplicates), stores it in a fresh, migrated database as two imports, then times
 * runDeduplication (load → compare → merge → queue, one write transaction) phase by phase. A
 * second, incremental run after a small extra import shows the cost of re-running.
 *
 *   npm run bench:dedup-db                    # 100,000 records
 *   npm run bench:dedup-db -- --records 20000
 */
import { parseArgs } from "node:util";
import type { BibRecord } from "../lib/formats/record";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { buildSyntheticSet } from "./dedup-synthetic";

type Progress = import("../lib/dedup/schema").DedupProgress;

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" } } });
const total = Number(values.records);

// lib/db reads DATABASE_URL when it is first imported, so point it at a fresh database first.
process.env.DATABASE_URL = createMigratedDatabase();
const lib = Promise.all([import("../lib/db"), import("../lib/users/mutations"), import("../lib/reviews/mutations"), import("../lib/imports/mutations"), import("../lib/dedup/mutations")]);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function importAs(ownerId: string, reviewId: string, database: string, records: BibRecord[]) {
  const [{ writeTransaction }, , , { createSearch, importParsedFiles }] = await lib;
  await writeTransaction(
    async (tx) => {
      const search = await createSearch(tx, ownerId, reviewId, { kind: "DATABASE", database, platform: "", searchString: "" });
      await importParsedFiles(tx, ownerId, reviewId, search.id, [{ fileName: `${database}.ris`, result: { format: "ris", encoding: "utf-8", records, warnings: [] } }]);
    },
    { timeout: 600_000 },
  );
}

async function timedRun(label: string, ownerId: string, reviewId: string) {
  const [{ writeTransaction }, , , , { runDeduplication }] = await lib;
  const started = performance.now();
  const phases = new Map<string, number>();
  let phase = "";
  // RSS at each progress event, so the note can say which phase holds the memory (maxRSS is the whole process's).
  const rss = new Map<string, number>();
  const onProgress = (p: Progress) => {
    rss.set(p.phase, Math.max(rss.get(p.phase) ?? 0, process.memoryUsage().rss));
    if (p.phase === phase) return;
    phases.set(p.phase, performance.now());
    phase = p.phase;
  };
  const summary = await writeTransaction((tx) => runDeduplication(tx, ownerId, reviewId, onProgress), { timeout: 1_800_000 });
  const ended = performance.now();
  const order = ["loading", "comparing", "merging", "queuing", "done"];
  const spans = order.slice(0, -1).map((p, i) => `${p} ${seconds((phases.get(order[i + 1]) ?? ended) - (phases.get(p) ?? started))}`);
  const removed = summary.groups.reduce((n, g) => n + g.members.length - 1, 0);
  console.log(`${label}: ${seconds(ended - started)} (${spans.join(", ")}; commit ${seconds(ended - (phases.get("done") ?? ended))})`);
  console.log(`  RSS by phase (MB, sampled at progress events): ${[...rss].map(([p, b]) => `${p} ${Math.round(b / 1048576)}`).join(", ")}`);
  console.log(`  ${summary.records} records, ${summary.newRecords} compared; ${summary.groups.length} groups (${removed} duplicates in them), ${summary.possiblePairs.length} pairs queued`);
}

async function main() {
  const [{ db, writeTransaction }, { createUser }, { createReview }] = await lib;
  const { records } = buildSyntheticSet(total);
  const owner = await createUser(db, { email: "bench@example.org", name: "Bench", password: "long-enough-password" });
  const review = await writeTransaction((tx) =>
    createReview(tx, owner.id, { title: "Dedup benchmark", question: "", population: "", intervention: "", comparator: "", outcomes: "", studyDesigns: "", registrationId: "", inclusionCriteria: "", exclusionCriteria: "" }),
  );
  const extra = records.splice(records.length - Math.min(1000, Math.floor(records.length / 100)));
  const half = Math.floor(records.length / 2);
  let t0 = performance.now();
  await importAs(owner.id, review.id, "PubMed", records.slice(0, half));
  await importAs(owner.id, review.id, "Embase", records.slice(half));
  console.log(`stored ${records.length} records in ${seconds(performance.now() - t0)} (${process.env.DATABASE_URL}); RSS now ${Math.round(process.memoryUsage().rss / 1048576)} MB, peak so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  // The generated set (~0.5 GB) is not part of what a server holds while deduplicating.
  records.length = 0;

  await timedRun("first run", owner.id, review.id);
  t0 = performance.now();
  await importAs(owner.id, review.id, "Scopus", extra);
  await timedRun(`re-run after importing ${extra.length} more`, owner.id, review.id);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
