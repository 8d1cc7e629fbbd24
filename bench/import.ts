/**
 * `npm run bench:import`: generates RIS and MEDLINE exports of 10,000 and 100,000 records
 * (deterministic, bench/import-files.ts), then imports each in a fresh child process exactly as
 * the app does: importFileBytes inside ONE write transaction (all or nothing) on a fresh, migrated
 * SQLite database, the import worker parsing while this thread stores. It prints the wall time
 * until the commit returns, this thread's busy time (event-loop
 * utilisation: what a server's other requests compete with), the commit, the checkpoint that follows it off-thread and the child's peak RSS
 * (the kernel's high-water mark, all threads, so nothing between samples is missed). Targets
 * (issue #15): 100,000 records parsed and stored in under 15 s from MEDLINE and under 12 s from
 * RIS, with peak RSS under 1 GB, on the 2-core machine.
 *
 * Each case runs --runs times (3) in fresh children; the summary gives the median run by total
 * time with the range, since on a shared 2-core machine one run can take twice another.
 *
 *   npm run bench:import
 *   npm run bench:import -- --sizes 100000 --runs 5
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay, performance as nodePerformance } from "node:perf_hooks";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { generateMedline, generateRis } from "./import-files";

type Measure = {
  records: number;
  mb: number;
  totalSeconds: number;
  /** This thread's busy time during the import: storing, mostly. */
  busySeconds: number;
  commitSeconds: number;
  /** The longest the event loop went without a turn during the import: what another request would wait at worst. */
  stallMs: number;
  /** The checkpoint a worker runs after the commit (writeTransaction's bulk option), not waited for by the import. */
  checkpointSeconds: number;
  /** CPU time of the import, all threads (GC included): less sensitive than wall time to other load on the machine. */
  cpuSeconds: number;
  peakRssMb: number;
  warnings: number;
};

const TARGET_SECONDS = { RIS: 12, MEDLINE: 15 };
const seconds = (since: number) => (performance.now() - since) / 1000;

/** The process's peak resident set so far, in MB (VmHWM; maxRSS where /proc is absent). */
function peakRssMb(): number {
  try {
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Child: a fresh database, then one file imported as an upload would be (bytes in, one transaction). */
async function runCase(file: string, expected: number): Promise<Measure> {
  const url = createMigratedDatabase();
  process.env.DATABASE_URL = url; // before lib/db is loaded: it opens the database on import
  const { db, deferredCheckpoints, writeTransaction } = await import("../lib/db");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  const { createReviewSchema } = await import("../lib/reviews/schema");
  const { createSearch, importFileBytes } = await import("../lib/imports/mutations");
  const { parseOffThread } = await import("../lib/imports/parse-off-thread");

  const { user, review, search } = await writeTransaction(async (tx) => {
    const user = await createUser(tx, { name: "Bench", email: "bench@example.org", password: "benchmark-password" });
    const review = await createReview(tx, user.id, createReviewSchema.parse({ title: "Import benchmark" }));
    const search = await createSearch(tx, user.id, review.id, { kind: "DATABASE", database: "PubMed", platform: "", searchString: "bench", reportedHits: expected });
    return { user, review, search };
  });
  // A server has its import worker running after the first import; start it outside the timing.
  await parseOffThread(new TextEncoder().encode("PMID- 1\nTI  - Warm-up.\n"), { options: {}, rows: false, keep: 0 }, () => {});

  const fileName = path.basename(file);
  const bytes: Uint8Array = readFileSync(file); // a Buffer of its own: moved to the worker, not copied
  const mb = bytes.length / 1e6;
  let stored = { records: 0, id: "" };
  let committing = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const elu0 = nodePerformance.eventLoopUtilization();
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  await writeTransaction(
    async (tx) => {
      stored = await importFileBytes(tx, user.id, review.id, search.id, { fileName, bytes, format: "auto" });
      committing = performance.now();
    },
    { timeout: 600_000, bulk: true },
  );
  const totalSeconds = seconds(t0);
  stalls.disable();
  const stallMs = stalls.max / 1e6;
  const commitSeconds = seconds(committing);
  const busySeconds = nodePerformance.eventLoopUtilization(elu0).active / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const c0 = performance.now();
  await deferredCheckpoints();
  const checkpointSeconds = seconds(c0);

  const imported = await db.import.findUniqueOrThrow({ where: { id: stored.id } });
  const count = await db.record.count({ where: { reviewId: review.id } });
  await db.$disconnect();
  rmSync(path.dirname(url.slice("file:".length)), { recursive: true, force: true });
  if (stored.records !== expected || count !== expected) throw new Error(`${file}: parsed ${stored.records} and stored ${count} records, expected ${expected}`);
  return { records: count, mb, totalSeconds, busySeconds, commitSeconds, stallMs, checkpointSeconds, cpuSeconds, peakRssMb: peakRssMb(), warnings: (imported.warnings as unknown[]).length };
}

type Row = Measure & { name: string };

function formatRow(r: Row): string {
  const cells = [
    r.name.padEnd(8),
    r.records.toLocaleString("en").padStart(7),
    r.mb.toFixed(1).padStart(6),
    r.totalSeconds.toFixed(2).padStart(7),
    Math.round(r.records / r.totalSeconds).toLocaleString("en").padStart(9),
    r.busySeconds.toFixed(2).padStart(6),
    r.commitSeconds.toFixed(2).padStart(8),
    r.stallMs.toFixed(0).padStart(8),
    r.checkpointSeconds.toFixed(2).padStart(12),
    r.cpuSeconds.toFixed(2).padStart(5),
    r.peakRssMb.toFixed(0).padStart(8),
    String(r.warnings).padStart(5),
  ];
  return cells.join("  ");
}
const HEADER = ["format  ", "records", "    MB", "total s", "records/s", "busy s", "commit s", "stall ms", "checkpoint s", "cpu s", "peak RSS", " warn"].join("  ");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

function main(): void {
  const sizes = option("--sizes", "10000,100000").split(",").map(Number);
  const runs = Math.max(1, Number(option("--runs", "3")));
  const dir = mkdtempSync(path.join(tmpdir(), "sieve-bench-import-"));
  console.log(
    `Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores shared: wall times vary with it); ` +
      `one child process per run (fresh migrated SQLite database, one transaction, importFileBytes); ${runs} runs per case; files in ${dir}\n` +
      `total = until the commit returns; busy = this thread's share (the worker parses meanwhile); stall = the longest this thread went without a turn; checkpoint = after the commit, in a worker; cpu = all threads, import only`,
  );
  console.log(HEADER);
  const medians: { row: Row; low: number; high: number }[] = [];
  try {
    for (const count of sizes) {
      for (const [name, generate, ext] of [["RIS", generateRis, "ris"], ["MEDLINE", generateMedline, "nbib"]] as const) {
        const file = path.join(dir, `bench-${count}.${ext}`);
        writeFileSync(file, generate(count));
        const rows: Row[] = [];
        for (let run = 0; run < runs; run++) {
          const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--case", file, String(count)], {
            encoding: "utf8",
            maxBuffer: 1 << 26,
          });
          if (child.status !== 0) throw new Error(`${name} ${count}: exit ${child.status} ${child.stderr}`);
          const row = { ...(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measure), name };
          rows.push(row);
          console.log(formatRow(row));
        }
        rmSync(file);
        const totals = rows.map((r) => r.totalSeconds).sort((a, b) => a - b);
        const median = [...rows].sort((a, b) => a.totalSeconds - b.totalSeconds)[Math.floor((rows.length - 1) / 2)];
        medians.push({ row: median, low: totals[0], high: totals.at(-1)! });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nMedian runs (targets for 100,000 records parsed and stored: MEDLINE < ${TARGET_SECONDS.MEDLINE} s, RIS < ${TARGET_SECONDS.RIS} s; peak RSS < 1024 MB)\n${HEADER}`);
  for (const { row } of medians) console.log(formatRow(row));
  console.log("");
  for (const { row: r, low, high } of medians) {
    const ok = r.records < 100_000 || (r.totalSeconds < TARGET_SECONDS[r.name as keyof typeof TARGET_SECONDS] && r.peakRssMb < 1024) ? "" : "  (over target)";
    console.log(
      `import: ${r.name.toLowerCase()} records=${r.records} total=${r.totalSeconds.toFixed(2)}s (range ${low.toFixed(2)}–${high.toFixed(2)}s over ${runs} runs) ` +
        `busy=${r.busySeconds.toFixed(2)}s commit=${r.commitSeconds.toFixed(2)}s stall=${r.stallMs.toFixed(0)}ms checkpoint=${r.checkpointSeconds.toFixed(2)}s cpu=${r.cpuSeconds.toFixed(2)}s peakRss=${r.peakRssMb.toFixed(0)}MB${ok}`,
    );
  }
}

const caseIndex = process.argv.indexOf("--case");
if (caseIndex !== -1) {
  const [file, count] = process.argv.slice(caseIndex + 1);
  console.log(JSON.stringify(await runCase(file, Number(count))));
} else {
  main();
}
