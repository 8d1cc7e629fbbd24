/**
 * `npm run bench:assignment`: screening assignment on a review of 100,000 records. Seeds straight
 * through SQLite, then times, through the same lib/ code the app runs: drawing a split (2 per
 * record among BENCH_REVIEWERS) and a 20% check share; the next-record query of an assigned queue
 * (fresh, and at the end of the queue, the worst case) beside the everyone-screens-everything
 * query; the progress count; and the no-op assignment check every screening page load makes.
 * Medians of 5 runs after one warm-up. Prints the query plan of the assigned queue scan.
 *
 * Env: BENCH_RECORDS (100000), BENCH_REVIEWERS (5).
 */
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { createMigratedDatabase } from "../lib/test/temp-db";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const REVIEWERS = Number(process.env.BENCH_REVIEWERS ?? 5);
const id = () => `b${randomUUID().replace(/-/g, "").slice(0, 24)}`;

function seed(file: string) {
  const sqlite = new Database(file);
  const t = new Date().toISOString();
  const owner = id();
  const reviewers = Array.from({ length: REVIEWERS }, () => id());
  const reviewId = id();
  const settings = JSON.stringify({ titleAbstract: { reviewersPerRecord: 2, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 2, blinded: true, allowMaybe: false } });
  sqlite.transaction(() => {
    const user = sqlite.prepare(`INSERT INTO "User" (id, email, name, passwordHash, createdAt) VALUES (?, ?, ?, 'x', ?)`);
    [owner, ...reviewers].forEach((u, i) => user.run(u, `u${i}@bench.test`, `User ${i}`, t));
    sqlite.prepare(`INSERT INTO "Review" (id, slug, title, settings, createdAt, updatedAt) VALUES (?, 'assign-bench', 'Assignment benchmark', ?, ?, ?)`).run(reviewId, settings, t, t);
    const member = sqlite.prepare(`INSERT INTO "Membership" (id, reviewId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`);
    member.run(id(), reviewId, owner, "OWNER", t);
    for (const r of reviewers) member.run(id(), reviewId, r, "REVIEWER", t);
    const record = sqlite.prepare(`INSERT INTO "Record" (id, reviewId, position, title, abstract, authors, year, keywords, mesh, raw, createdAt) VALUES (?, ?, ?, ?, '', '[]', 2020, '[]', '[]', '{}', ?)`);
    for (let i = 0; i < RECORDS; i++) record.run(id(), reviewId, i, `Record ${i}`, t);
  })();
  sqlite.close();
  return { reviewId, owner, reviewers };
}

async function time<T>(fn: () => Promise<T>, runs = 5): Promise<{ median: number; max: number; result: T }> {
  let result = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], max: times[runs - 1], result };
}

async function main() {
  const url = createMigratedDatabase();
  const { reviewId, owner, reviewers } = seed(url.slice("file:".length));
  process.env.DATABASE_URL = url; // before lib/db loads: it opens the file on import
  const { db, writeTransaction } = await import("../lib/db");
  const { setStageAssignment } = await import("../lib/screening/assignment-mutations");
  const { ensureAssigned } = await import("../lib/screening/assignment-mutations");
  const { nextRecordIds, countNeedingVote } = await import("../lib/screening/queue");
  const stage = "TITLE_ABSTRACT" as const;
  const row = (label: string, r: { median: number; max: number }, note = "") =>
    console.log(`${label.padEnd(52)} ${r.median.toFixed(1).padStart(9)} ${r.max.toFixed(1).padStart(8)}  ${note}`);
  console.log(`${RECORDS} records, ${REVIEWERS} reviewers`);
  console.log(`${"step".padEnd(52)} ${"median ms".padStart(9)} ${"max ms".padStart(8)}`);

  const draw = async (input: Parameters<typeof setStageAssignment>[3]) => {
    const t = performance.now();
    const r = await writeTransaction((tx) => setStageAssignment(tx, owner, reviewId, input), { timeout: 600_000 });
    return { ms: performance.now() - t, r };
  };
  const check = await draw({ stage, mode: "CHECK", reviewerIds: reviewers.slice(0, 2), perRecord: 1, checkPercent: 20, seed: "bench" });
  console.log(`${"draw: check 20% (once)".padEnd(52)} ${check.ms.toFixed(0).padStart(9)}  ${check.r.records} records`);
  const split = await draw({ stage, mode: "SPLIT", reviewerIds: reviewers, perRecord: 2, checkPercent: 0, seed: "bench" });
  console.log(`${"re-draw: split, 2 per record (once)".padEnd(52)} ${split.ms.toFixed(0).padStart(9)}  ${split.r.records} records`);

  const me = reviewers[0];
  const mine = await db.screeningAssignment.count({ where: { reviewId, stage, reviewerId: me } });
  const next = (required: number | "ASSIGNED") => () => nextRecordIds(db, { reviewId, stage, reviewerId: me, required, exclude: [], limit: 2 });
  row("next records, assigned queue (fresh)", await time(next("ASSIGNED")), `${mine} assigned to me`);
  row("next records, everyone screens everything (fresh)", await time(next(2)));
  row("my progress count, assigned", await time(() => countNeedingVote(reviewId, stage, me, "ASSIGNED")));
  row("my progress count, everyone", await time(() => countNeedingVote(reviewId, stage, me, 2)));
  row("page-load assignment check (nothing new)", await time(() => ensureAssigned(reviewId, stage)));

  // The end of my queue: every assigned record voted (worst case: the scan finds nothing).
  await db.$executeRaw`INSERT INTO "ScreeningDecision" ("id", "reviewId", "recordId", "stage", "reviewerId", "decision", "firstDecision", "note", "createdAt", "updatedAt")
    SELECT 'd' || a."id", a."reviewId", a."recordId", a."stage", a."reviewerId", 'EXCLUDE', 'EXCLUDE', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "ScreeningAssignment" a
    WHERE a."reviewId" = ${reviewId} AND a."stage" = ${stage} AND a."reviewerId" = ${me}`;
  row("next records, assigned queue (end: all voted)", await time(next("ASSIGNED")));
  row("next records, everyone (end: same votes, 2 needed)", await time(next(2)), "still finds records: the others");

  // The query nextRecordIds runs for an assigned queue (lib/screening/queue.ts: queueSource + needsVote).
  const plan = await db.$queryRawUnsafe<{ detail: string }[]>(
    `EXPLAIN QUERY PLAN SELECT r."id" FROM "ScreeningAssignment" a JOIN "Record" r ON r."id" = a."recordId" AND a."reviewId" = ? AND a."stage" = ? AND a."reviewerId" = ?
     WHERE r."reviewId" = ? AND (r."duplicateGroupId" IS NULL OR EXISTS (SELECT 1 FROM "DuplicateGroup" g WHERE g."id" = r."duplicateGroupId" AND g."primaryRecordId" = r."id"))
       AND NOT EXISTS (SELECT 1 FROM "ScreeningResolution" s WHERE s."recordId" = r."id" AND s."stage" = ?)
       AND NOT EXISTS (SELECT 1 FROM "ScreeningDecision" d WHERE d."recordId" = r."id" AND d."stage" = ? AND d."reviewerId" = ?)
       AND a."position" >= 0 ORDER BY a."position", a."recordId" LIMIT 2`,
    reviewId, stage, me, reviewId, stage, stage, me,
  );
  console.log("assigned queue scan plan:", plan.map((p) => p.detail).join(" | "));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
