/**
 * `npm run bench:import`: generates RIS and MEDLINE exports of 10,000 and 100,000 records
 * (deterministic, bench/import-files.ts), then imports each in a fresh child process as the app
 * does: the bytes are parsed a batch at a time (openBatches) and every batch is stored in a fresh,
 * migrated SQLite database inside ONE write transaction (all or nothing). It prints parse
 * throughput, store time and the child's peak RSS (the kernel's high-water mark, so nothing
 * between samples is missed), so that the figures are not inflated by the generator or by earlier
 * cases. Targets (issue #15): 100,000 records parsed and stored in under 15 s from MEDLINE and
 * under 12 s from RIS, with peak RSS under 1 GB, on the 2-core machine.
 *
 *   npm run bench:import                 # batched parse + store (the import path)
 *   npm run bench:import -- --whole      # also parseBuffer() the whole file, then store (for comparison)
 *   npm run bench:import -- --sizes 10000
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_BATCH_SIZE, openBatches, parseBuffer } from "../lib/formats/parse";
import type { BibRecord, ParseWarning } from "../lib/formats/record";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { generateMedline, generateRis } from "./import-files";

type Mode = "batched" | "whole";
type Measure = {
  mode: Mode;
  records: number;
  mb: number;
  parseSeconds: number;
  storeSeconds: number;
  totalSeconds: number;
  /** CPU time of the import, all threads (GC included): less sensitive than wall time to other load on the machine. */
  cpuSeconds: number;
  peakRssMb: number;
  warnings: number;
};

const BATCH = DEFAULT_BATCH_SIZE; // the app's batches (importFileBytes)
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
async function runCase(file: string, expected: number, mode: Mode): Promise<Measure> {
  const url = createMigratedDatabase();
  process.env.DATABASE_URL = url; // before lib/db is loaded: it opens the database on import
  const { db, writeTransaction } = await import("../lib/db");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  const { createReviewSchema } = await import("../lib/reviews/schema");
  const { createSearch } = await import("../lib/imports/mutations");
  const { insertRecords } = await import("../lib/records/mutations");
  const { recordAudit } = await import("../lib/audit/mutations");

  const { user, review, search } = await writeTransaction(async (tx) => {
    const user = await createUser(tx, { name: "Bench", email: "bench@example.org", password: "benchmark-password" });
    const review = await createReview(tx, user.id, createReviewSchema.parse({ title: "Import benchmark" }));
    const search = await createSearch(tx, user.id, review.id, { kind: "DATABASE", database: "PubMed", platform: "", searchString: "bench", reportedHits: expected });
    return { user, review, search };
  });

  const fileName = path.basename(file);
  const bytes: Uint8Array = readFileSync(file); // a Buffer is a Uint8Array: no second copy of the file
  const mb = bytes.length / 1e6;
  let parseSeconds = 0;
  let storeSeconds = 0;
  let count = 0;
  let warnings: ParseWarning[] = [];
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();

  await writeTransaction(
    async (tx) => {
      let format: string;
      let encoding: string;
      let next: () => IteratorResult<BibRecord[], ParseWarning[]>;
      let p = performance.now();
      if (mode === "batched") {
        const opened = openBatches(bytes, { fileName }, BATCH);
        ({ format, encoding } = opened);
        next = () => opened.batches.next();
      } else {
        const whole = parseBuffer(bytes, { fileName });
        ({ format, encoding } = whole);
        let pending: BibRecord[] | null = whole.records;
        next = () => {
          const records = pending;
          pending = null;
          return records ? { done: false, value: records } : { done: true, value: whole.warnings };
        };
      }
      parseSeconds += seconds(p);
      let s = performance.now();
      const created = await tx.import.create({
        data: { reviewId: review.id, searchId: search.id, fileName, format, encoding, recordCount: 0, warnings: [], createdById: user.id },
      });
      storeSeconds += seconds(s);
      for (;;) {
        p = performance.now();
        const step = next();
        parseSeconds += seconds(p);
        if (step.done) {
          warnings = step.value;
          break;
        }
        s = performance.now();
        count += await insertRecords(tx, review.id, created.id, step.value, count);
        storeSeconds += seconds(s);
      }
      s = performance.now();
      await tx.import.update({ where: { id: created.id }, data: { recordCount: count, warnings } });
      await recordAudit(tx, { reviewId: review.id, actorId: user.id, entity: "Import", entityId: created.id, action: "create", after: { fileName, records: count } });
      storeSeconds += seconds(s);
    },
    { timeout: 600_000 },
  );
  const totalSeconds = seconds(t0);
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const stored = await db.record.count({ where: { reviewId: review.id } });
  await db.$disconnect();
  rmSync(path.dirname(url.slice("file:".length)), { recursive: true, force: true });
  if (count !== expected || stored !== expected) throw new Error(`${file}: parsed ${count} and stored ${stored} records, expected ${expected}`);
  return { mode, records: count, mb, parseSeconds, storeSeconds, totalSeconds, cpuSeconds, peakRssMb: peakRssMb(), warnings: warnings.length };
}

type Row = Measure & { name: string };

function formatRow(r: Row): string {
  const cells = [
    r.name.padEnd(8),
    r.mode.padEnd(7),
    r.records.toLocaleString("en").padStart(7),
    r.mb.toFixed(1).padStart(6),
    r.parseSeconds.toFixed(2).padStart(7),
    (r.mb / r.parseSeconds).toFixed(1).padStart(6),
    Math.round(r.records / r.parseSeconds).toLocaleString("en").padStart(9),
    r.storeSeconds.toFixed(2).padStart(7),
    Math.round(r.records / r.storeSeconds).toLocaleString("en").padStart(9),
    r.totalSeconds.toFixed(2).padStart(7),
    r.cpuSeconds.toFixed(2).padStart(5),
    r.peakRssMb.toFixed(0).padStart(8),
    String(r.warnings).padStart(5),
  ];
  return cells.join("  ");
}
const HEADER = ["format  ", "mode   ", "records", "    MB", "parse s", "  MB/s", "records/s", "store s", "records/s", "total s", "cpu s", "peak RSS", " warn"].join("  ");

function main(): void {
  const argSizes = process.argv.indexOf("--sizes");
  const sizes = argSizes === -1 ? [10_000, 100_000] : process.argv[argSizes + 1].split(",").map(Number);
  const modes: Mode[] = process.argv.includes("--whole") ? ["batched", "whole"] : ["batched"];
  const dir = mkdtempSync(path.join(tmpdir(), "sieve-bench-import-"));
  console.log(`Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores shared: wall times vary with it); one child process per case (fresh migrated SQLite database, one transaction); batches of ${BATCH}; files in ${dir}`);
  console.log(HEADER);
  const rows: Row[] = [];
  try {
    for (const count of sizes) {
      for (const [name, generate, ext] of [["RIS", generateRis, "ris"], ["MEDLINE", generateMedline, "nbib"]] as const) {
        const file = path.join(dir, `bench-${count}.${ext}`);
        writeFileSync(file, generate(count));
        for (const mode of modes) {
          const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--case", file, String(count), mode], {
            encoding: "utf8",
            maxBuffer: 1 << 26,
          });
          if (child.status !== 0) throw new Error(`${name} ${count} ${mode}: ${child.stderr}`);
          const row = { ...(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measure), name };
          rows.push(row);
          console.log(formatRow(row));
        }
        rmSync(file);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nSummary (targets for 100,000 records parsed and stored: MEDLINE < ${TARGET_SECONDS.MEDLINE} s, RIS < ${TARGET_SECONDS.RIS} s; peak RSS < 1024 MB)\n${HEADER}`);
  for (const r of rows) console.log(formatRow(r));
  console.log("");
  for (const r of rows) {
    const ok = r.records < 100_000 || (r.totalSeconds < TARGET_SECONDS[r.name as keyof typeof TARGET_SECONDS] && r.peakRssMb < 1024) ? "" : "  (over target)";
    console.log(
      `import: ${r.name.toLowerCase()}${r.mode === "whole" ? " (whole)" : ""} records=${r.records} parse=${r.parseSeconds.toFixed(2)}s ` +
        `store=${r.storeSeconds.toFixed(2)}s total=${r.totalSeconds.toFixed(2)}s cpu=${r.cpuSeconds.toFixed(2)}s peakRss=${r.peakRssMb.toFixed(0)}MB${ok}`,
    );
  }
}

const caseIndex = process.argv.indexOf("--case");
if (caseIndex !== -1) {
  const [file, count, mode] = process.argv.slice(caseIndex + 1);
  console.log(JSON.stringify(await runCase(file, Number(count), mode as Mode)));
} else {
  main();
}
