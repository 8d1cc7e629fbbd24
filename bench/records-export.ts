/**
 * `npm run bench:records-export`: the records list's RIS and CSV export on a review of 100,000
 * records, as the route streams it (lib/records/export-pages.ts). Imports a deterministic RIS
 * export into a fresh migrated database, then runs each export in a child process of its own, so
 * that its peak RSS is what exporting needs, not the import's high-water mark. Prints the time to
 * the last byte, the bytes, the peak RSS and the longest event-loop stall (what other users wait).
 *
 *   npm run bench:records-export                 # 100,000 records
 *   npm run bench:records-export -- --records 20000
 */
import { spawnSync } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { generateRis } from "./import-files";

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" }, run: { type: "string" }, review: { type: "string" }, format: { type: "string" } } });
process.env.DATABASE_URL = values.run ?? createMigratedDatabase(); // before lib/db loads: it opens the file on import

type RunResult = { seconds: number; bytes: number; peakMb: number; stallMs: number };

async function child(reviewId: string, format: "ris" | "csv") {
  const { exportPieces, exportStream } = await import("../lib/records/export-pages");
  const { recordFilterSchema } = await import("../lib/records/schema");
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  let bytes = 0;
  const reader = exportStream(exportPieces(reviewId, recordFilterSchema.parse({}), format)).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const seconds = (performance.now() - started) / 1000;
  stalls.disable();
  const result: RunResult = { seconds, bytes, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), stallMs: stalls.max / 1e6 };
  console.log(JSON.stringify(result));
}

function runInChild(reviewId: string, format: string): RunResult {
  const args = [...process.execArgv, import.meta.filename, "--run", process.env.DATABASE_URL!, "--review", reviewId, "--format", format];
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the ${format} export failed (exit ${run.status}):\n${run.stdout}`);
  return JSON.parse(run.stdout.trimEnd().split("\n").at(-1)!) as RunResult;
}

async function main() {
  const records = Number(values.records);
  const { db, writeTransaction } = await import("../lib/db");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  const { createReviewSchema } = await import("../lib/reviews/schema");
  const { importFileBytes } = await import("../lib/imports/mutations");
  const owner = await createUser(db, { email: "bench@example.org", name: "Bench", password: "bench-password-1" });
  const review = await writeTransaction((tx) => createReview(tx, owner.id, createReviewSchema.parse({ title: "Export bench" })));
  const search = await db.search.create({ data: { reviewId: review.id, database: "Embase" } });
  await writeTransaction((tx) => importFileBytes(tx, owner.id, review.id, search.id, { fileName: "bench.ris", bytes: Buffer.from(generateRis(records)), format: "ris" }), { timeout: 600_000 });
  await db.$disconnect();
  const os = await import("node:os");
  for (const format of ["ris", "csv"]) {
    const r = runInChild(review.id, format);
    console.log(
      `${format.toUpperCase()} export of ${records.toLocaleString("en")} records: ${r.seconds.toFixed(1)} s to the last byte, ${(r.bytes / 1048576).toFixed(0)} MB, peak RSS ${r.peakMb} MB, longest event-loop stall ${r.stallMs.toFixed(0)} ms (load average ${os.loadavg()[0].toFixed(1)})`,
    );
  }
}

(values.run ? child(values.review!, values.format as "ris" | "csv") : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
