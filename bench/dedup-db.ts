/**
 * `npm run bench:dedup-db`: duplicate detection as the web app and `sieve dedup --review` run it,
 * on records stored in SQLite. Builds the deterministic synthetic set (bench/dedup-synthetic.ts,
 * ~30% duplicates), stores it in a fresh, migrated database as two imports, then times
 * runDeduplication (load → compare → merge → queue, one write transaction) phase by phase. A
 * second, incremental run after a small extra import shows the cost of re-running.
 *
 * Each run happens in a child process of its own, so its peak RSS is what a server process needs
 * to deduplicate, not the ~0.7 GB high-water mark this process reached generating the set (V8
 * rarely hands freed heap back to the system, so maxRSS would keep it).
 *
 *   npm run bench:dedup-db                    # 100,000 records
 *   npm run bench:dedup-db -- --records 20000
 *   npx tsx bench/dedup-db.ts --run file:/tmp/x.db --review ID --owner ID   # one run on an existing database
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { BibRecord } from "../lib/formats/record";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { runScriptInChild } from "./child-run";

type Progress = import("../lib/dedup/schema").DedupProgress;

const { values } = parseArgs({
  options: { records: { type: "string", default: "100000" }, run: { type: "string" }, review: { type: "string" }, owner: { type: "string" }, label: { type: "string", default: "run" } },
});

// lib/db reads DATABASE_URL when it is first imported, so point it at the database first.
process.env.DATABASE_URL = values.run ?? createMigratedDatabase();
const lib = Promise.all([import("../lib/db"), import("../lib/users/mutations"), import("../lib/reviews/mutations"), import("../lib/imports/mutations"), import("../lib/dedup/mutations")]);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => Math.round(bytes / 1048576);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

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

/** Wall-clock seconds, CPU seconds of the process (user + system: less sensitive to other load on the machine), peak RSS. */
type RunResult = { seconds: number; cpuSeconds: number; peakMb: number; stallMs: number };

/** The child: one runDeduplication on an existing database; its last line is a JSON result. */
async function timedRun(label: string, ownerId: string, reviewId: string): Promise<RunResult> {
  const [{ db, writeTransaction }, , , , { runDeduplication }] = await lib;
  const started = performance.now();
  const cpu = process.cpuUsage();
  // The longest the event loop went without a turn: what another request would wait at worst.
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
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
  stalls.disable();
  const stallMs = stalls.max / 1e6;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const order = ["loading", "comparing", "merging", "queuing", "done"];
  const spans = order.slice(0, -1).map((p, i) => `${p} ${seconds((phases.get(order[i + 1]) ?? ended) - (phases.get(p) ?? started))}`);
  const removed = summary.groups.reduce((n, g) => n + g.members.length - 1, 0);
  console.log(`${label}: ${seconds(ended - started)}, CPU ${cpuSeconds.toFixed(1)} s (${spans.join(", ")}; commit ${seconds(ended - (phases.get("done") ?? ended))}); longest event-loop stall ${stallMs.toFixed(0)} ms`);
  console.log(`  RSS by phase (MB, sampled at progress events): ${[...rss].map(([p, b]) => `${p} ${mb(b)}`).join(", ")}; peak ${peakMb()} MB`);
  console.log(`  ${summary.records} records, ${summary.newRecords} compared; ${summary.groups.length} groups (${removed} duplicates in them), ${summary.possiblePairs.length} pairs queued`);
  await db.$disconnect();
  return { seconds: (ended - started) / 1000, cpuSeconds, peakMb: peakMb(), stallMs };
}

function runInChild(label: string, ownerId: string, reviewId: string): RunResult {
  return runScriptInChild<RunResult>(import.meta.filename, ["--run", process.env.DATABASE_URL!, "--review", reviewId, "--owner", ownerId, "--label", label], label);
}

async function main() {
  const [{ db, writeTransaction }, { createUser }, { createReview }] = await lib;
  // Imported lazily: the children never build the set.
  const { buildSyntheticSet } = await import("./dedup-synthetic");
  const { records } = buildSyntheticSet(Number(values.records));
  const owner = await createUser(db, { email: "bench@example.org", name: "Bench", password: "long-enough-password" });
  const review = await writeTransaction((tx) =>
    createReview(tx, owner.id, { title: "Dedup benchmark", question: "", population: "", intervention: "", comparator: "", outcomes: "", studyDesigns: "", registrationId: "", inclusionCriteria: "", exclusionCriteria: "" }),
  );
  const extra = records.splice(records.length - Math.min(1000, Math.floor(records.length / 100)));
  const half = Math.floor(records.length / 2);
  const t0 = performance.now();
  await importAs(owner.id, review.id, "PubMed", records.slice(0, half));
  await importAs(owner.id, review.id, "Embase", records.slice(half));
  console.log(`stored ${records.length} records in ${seconds(performance.now() - t0)} (${process.env.DATABASE_URL}); this process (generating and storing): peak ${peakMb()} MB`);
  records.length = 0;

  const first = runInChild("first run", owner.id, review.id);
  await importAs(owner.id, review.id, "Scopus", extra);
  const again = runInChild(`re-run after importing ${extra.length} more`, owner.id, review.id);
  const os = await import("node:os");
  console.log(`first run ${first.seconds.toFixed(1)} s (CPU ${first.cpuSeconds.toFixed(1)} s), re-run ${again.seconds.toFixed(1)} s (CPU ${again.cpuSeconds.toFixed(1)} s), load average now ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, peak RSS of a deduplicating process ${Math.max(first.peakMb, again.peakMb)} MB (target < 1024 MB), longest event-loop stall ${Math.max(first.stallMs, again.stallMs).toFixed(0)} ms`);
  await db.$disconnect();
}

async function child() {
  if (!values.review || !values.owner) throw new Error("--run needs --review and --owner");
  const result = await timedRun(values.label, values.owner, values.review);
  console.log(JSON.stringify(result));
}

(values.run ? child() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
