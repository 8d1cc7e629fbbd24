/**
 * Extracts the demo reviews' facts from the seed articles into prisma/demo/review-001.json and
 * prisma/demo/review-000.json, which are committed so `npm start` works without ../shared.
 * Re-run after changing what is extracted:
 *   npx tsx scripts/extract-demo-review.ts [001|000|all] [path-to-seed]
 *
 * Only facts stated in the articles are taken (lib/demo/extract/seed-001.ts, seed-000.ts);
 * a fact the article does not state is absent, never filled in.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { extractSeed001 } from "@/lib/demo/extract/seed-001";
import { extractSeed000 } from "@/lib/demo/extract/seed-000";

const SEEDS = {
  "001": { file: "001_f7cd7f2ba697a480.txt", extract: extractSeed001 },
  "000": { file: "000_318d192a747bb0d3.txt", extract: extractSeed000 },
} as const;

const which = process.argv[2] ?? "all";
const names = which === "all" ? (Object.keys(SEEDS) as (keyof typeof SEEDS)[]) : [which as keyof typeof SEEDS];
for (const name of names) {
  const seed = SEEDS[name];
  if (!seed) throw new Error(`Unknown seed "${name}" (001, 000 or all)`);
  const seedPath = (names.length === 1 && process.argv[3]) || path.resolve(import.meta.dirname, "../../shared/seeds", seed.file);
  const demo = seed.extract(readFileSync(seedPath, "utf8"), seedPath);
  mkdirSync(path.resolve(import.meta.dirname, "../prisma/demo"), { recursive: true });
  const out = path.resolve(import.meta.dirname, `../prisma/demo/review-${name}.json`);
  writeFileSync(out, JSON.stringify(demo, null, 2) + "\n");
  console.log(`Wrote ${out}: ${demo.studies.length} studies, ${demo.references.length} references`);
}
