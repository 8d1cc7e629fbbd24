/**
 * `npm run bench:records`: the records page on a review of 100,000 records (issue #4: "fast on
 * 100,000 records"). Imports a deterministic RIS export into a fresh migrated SQLite database,
 * then times the exact query the page runs (listRecords: one page of rows plus the total count)
 * for the filters a reviewer uses, median of 5 runs each after one warm-up.
 */
import { createMigratedDatabase } from "../lib/test/temp-db";
import { reviewWithRis } from "./review-with-ris";

const RECORDS = Number(process.argv[2] ?? 100_000);

async function main() {
  process.env.DATABASE_URL = createMigratedDatabase(); // before lib/db loads: it opens the file on import
  const { listRecords } = await import("../lib/records/data");
  const { recordFilterSchema } = await import("../lib/records/schema");
  const started = performance.now();
  const { db, review, search } = await reviewWithRis("Records bench", RECORDS);
  console.log(`imported ${RECORDS} records in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const sample = await db.record.findFirstOrThrow({ where: { reviewId: review.id }, skip: Math.floor(RECORDS / 2), select: { title: true, authorText: true } });
  const word = sample.title.split(/\s+/).find((w) => w.length > 6) ?? sample.title.split(/\s+/)[0];
  const author = sample.authorText.split(" ")[0];
  const cases: [string, Record<string, string>][] = [
    ["first page, default order", {}],
    ["page 1,000", { page: "1000" }],
    ["sort by year, descending", { sort: "year", dir: "desc" }],
    ["sort by title", { sort: "title" }],
    [`text search "${word}"`, { q: word }],
    [`author search "${author}"`, { q: author, field: "author" }],
    ["years 2015-2018", { yearFrom: "2015", yearTo: "2018" }],
    ["unique set + source", { set: "unique", search: search.id }],
  ];
  console.log(`${"query".padEnd(36)} ${"median ms".padStart(10)} ${"max ms".padStart(8)} ${"matches".padStart(8)}`);
  for (const [label, query] of cases) {
    const filter = recordFilterSchema.parse(query);
    let total = 0;
    await listRecords(review.id, filter);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      total = (await listRecords(review.id, filter)).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(36)} ${times[2].toFixed(1).padStart(10)} ${times[4].toFixed(1).padStart(8)} ${String(total).padStart(8)}`);
  }
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
