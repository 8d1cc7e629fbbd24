/**
 * `npm run bench:import`: generates RIS and MEDLINE exports of 10,000 and 100,000 records
 * (deterministic, bench/import-files.ts), then parses each in a fresh child process with the
 * app's parser and prints throughput and that process's peak RSS, so that the figures are not
 * inflated by the generator or by earlier cases. Target (issue #4): 100,000 records parsed and
 * stored in under 20 s with peak RSS under 1 GB on the 2-core machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseBuffer } from "../lib/formats/parse";
import { generateMedline, generateRis } from "./import-files";

type Measure = { records: number; mb: number; parseSeconds: number; peakRssMb: number; warnings: number };

/** Child: read one file as an upload would arrive (bytes), parse, report. */
function runCase(file: string, expected: number): Measure {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const result = parseBuffer(bytes);
  const parseSeconds = (performance.now() - t0) / 1000;
  if (result.records.length !== expected) throw new Error(`${file}: parsed ${result.records.length} records, expected ${expected}`);

  // store: added by the lead once the Prisma schema lands

  return {
    records: result.records.length,
    mb: bytes.length / 1e6,
    parseSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024, // maxRSS is in kilobytes
    warnings: result.warnings.length,
  };
}

function main(): void {
  const dir = mkdtempSync(path.join(tmpdir(), "sieve-bench-import-"));
  console.log(`Node ${process.version}; one child process per case; files in ${dir}`);
  try {
    for (const count of [10_000, 100_000]) {
      for (const [name, generate, ext] of [["RIS", generateRis, "ris"], ["MEDLINE", generateMedline, "nbib"]] as const) {
        const file = path.join(dir, `bench-${count}.${ext}`);
        writeFileSync(file, generate(count));
        const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--case", file, String(count)], { encoding: "utf8" });
        if (child.status !== 0) throw new Error(`${name} ${count}: ${child.stderr}`);
        const m = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Measure;
        console.log(
          `${`${name} ${count.toLocaleString("en")}`.padEnd(16)} ${m.mb.toFixed(1).padStart(6)} MB  parse ${m.parseSeconds.toFixed(2).padStart(5)} s  ` +
            `${(m.mb / m.parseSeconds).toFixed(1).padStart(5)} MB/s  ${Math.round(m.records / m.parseSeconds).toLocaleString("en").padStart(7)} records/s  ` +
            `peak RSS ${m.peakRssMb.toFixed(0).padStart(5)} MB  warnings ${m.warnings}`,
        );
        rmSync(file);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const caseIndex = process.argv.indexOf("--case");
if (caseIndex !== -1) {
  console.log(JSON.stringify(runCase(process.argv[caseIndex + 1], Number(process.argv[caseIndex + 2]))));
} else {
  main();
}
