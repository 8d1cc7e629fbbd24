/**
 * `npm run bench:records-export`: the records list's RIS and CSV export on a review of 100,000
 * records, as the route streams it (lib/records/export-pages.ts). Imports a deterministic RIS
 * export into a fresh migrated database, then runs each export in a child process of its own, so
 * that its peak RSS is what exporting needs, not the import's high-water mark. Prints the time to
 * the last byte, the bytes, the peak RSS and the longest event-loop stall (what other users wait), of
 * a second export: the first warms the process up, as a running server is.
 *
 *   npm run bench:records-export                 # 100,000 records
 *   npm run bench:records-export -- --records 20000
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { runScriptInChild } from "./child-run";
import { reviewWithRis } from "./review-with-ris";

const { values } = parseArgs({ options: { records: { type: "string", default: "100000" }, run: { type: "string" }, review: { type: "string" }, format: { type: "string" } } });
process.env.DATABASE_URL = values.run ?? createMigratedDatabase(); // before lib/db loads: it opens the file on import

type RunResult = { seconds: number; bytes: number; peakMb: number; stallMs: number };

async function child(reviewId: string, format: "ris" | "csv") {
  const { exportPieces, exportStream } = await import("../lib/records/export-pages");
  const { recordFilterSchema } = await import("../lib/records/schema");
  const exportAll = async () => {
    const reader = exportStream(exportPieces(reviewId, recordFilterSchema.parse({}), format)).getReader();
    let bytes = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
    return bytes;
  };
  // A first export warms Prisma's query compiler, as a running server's first requests have (a cold start stalls ~0.5 s).
  await exportAll();
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  const bytes = await exportAll();
  const seconds = (performance.now() - started) / 1000;
  stalls.disable();
  const result: RunResult = { seconds, bytes, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), stallMs: stalls.max / 1e6 };
  console.log(JSON.stringify(result));
}

function runInChild(reviewId: string, format: string): RunResult {
  return runScriptInChild<RunResult>(import.meta.filename, ["--run", process.env.DATABASE_URL!, "--review", reviewId, "--format", format], `the ${format} export`);
}

async function main() {
  const records = Number(values.records);
  const { db, review } = await reviewWithRis("Export bench", records);
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
