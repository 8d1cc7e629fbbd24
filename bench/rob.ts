/**
 * `npm run bench:rob`: the risk-of-bias grid for 200 studies × 10 SYRCLE items, two raters
 * each plus a consensus (issue #12: "renders server-side in under 300 ms"). Seeds a fresh
 * migrated SQLite database, then times what the page does for the grid: getRobGrid (the data
 * load, with blinding applied) and rendering <RobGrid> to an HTML string with react-dom/server.
 * Median and max of 10 runs after one warm-up.
 */
import { register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMigratedDatabase } from "../lib/test/temp-db";

const STUDIES = Number(process.argv[2] ?? 200);
const root = path.resolve(import.meta.dirname, "..");
// lib/rob/data.ts imports "server-only", which throws outside React Server Components; the page
// runs there, this script does not, so resolve it to its own empty build as the RSC bundler does.
const emptyServerOnly = pathToFileURL(path.join(root, "node_modules/server-only/empty.js")).href;
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, next) { return s === "server-only" ? { url: ${JSON.stringify(emptyServerOnly)}, shortCircuit: true } : next(s, c); }`)}`);

async function main() {
  // Time what the built server runs: React's production build (development React is ~10× slower).
  (process.env as Record<string, string>).NODE_ENV = "production";
  process.env.DATABASE_URL = createMigratedDatabase();
  const { db, writeTransaction } = await import("../lib/db");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  const { createReviewSchema } = await import("../lib/reviews/schema");
  const { getRobGrid } = await import("../lib/rob/data");
  const { SYRCLE } = await import("../lib/rob/tools");
  const { createElement } = await import("react");
  const { renderToString } = await import("react-dom/server");
  const { RobGrid } = await import("../app/(app)/reviews/[slug]/risk-of-bias/grid");

  const owner = await createUser(db, { email: "owner@bench.test", name: "Owner", password: "bench-password-1" });
  const raters = [await createUser(db, { email: "a@bench.test", name: "Rater A", password: "bench-password-1" }), await createUser(db, { email: "b@bench.test", name: "Rater B", password: "bench-password-1" })];
  const review = await writeTransaction((tx) => createReview(tx, owner.id, createReviewSchema.parse({ title: "Risk of bias bench" })));
  for (const r of raters) await db.membership.create({ data: { reviewId: review.id, userId: r.id, role: "REVIEWER" } });
  const J = ["LOW", "UNCLEAR", "HIGH"];
  const started = performance.now();
  await writeTransaction(async (tx) => {
    for (let s = 0; s < STUDIES; s++) {
      const study = await tx.study.create({ data: { reviewId: review.id, label: `Study ${String(s + 1).padStart(3, "0")} et al. ${2000 + (s % 24)}` } });
      for (const [k, raterId] of [raters[0].id, raters[1].id, null].entries()) {
        const a = await tx.robAssessment.create({ data: { reviewId: review.id, studyId: study.id, raterId, consensus: raterId === null, tool: "SYRCLE", status: "SUBMITTED", submittedAt: new Date() } });
        await tx.robRating.createMany({
          data: SYRCLE.items.map((item, i) => {
            const judgement = J[(s + i + (k === 1 && (s + i) % 5 === 0 ? 1 : 0)) % 3];
            const code = judgement === "LOW" ? "Y" : judgement === "HIGH" ? "N" : "U";
            return { assessmentId: a.id, item: item.id, judgement, firstJudgement: judgement, derived: judgement, answers: Object.fromEntries(item.questions.map((q) => [q.id, code])), support: `p. ${s + 1}: “the animals were allocated by …” (${item.label})` };
          }),
        });
      }
    }
  }, { timeout: 600_000 });
  console.log(`seeded ${STUDIES} studies × ${SYRCLE.items.length} items × 2 raters + consensus in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const runOnce = async () => {
    const t0 = performance.now();
    const grid = await getRobGrid(review.id, raters[0].id);
    const t1 = performance.now();
    const html = renderToString(createElement(RobGrid, { slug: "bench", items: grid.tool.items, rows: grid.rows, viewerId: raters[0].id, showOverall: false, canAppraise: true }));
    const t2 = performance.now();
    return { load: t1 - t0, render: t2 - t1, total: t2 - t0, bytes: html.length, cells: (html.match(/data-item=/g) ?? []).length };
  };
  await runOnce();
  const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
  for (let i = 0; i < 10; i++) runs.push(await runOnce());
  const stat = (k: "load" | "render" | "total") => {
    const xs = runs.map((r) => r[k]).sort((a, b) => a - b);
    return `${((xs[4] + xs[5]) / 2).toFixed(1).padStart(8)} ${xs[9].toFixed(1).padStart(8)}`;
  };
  console.log(`grid of ${STUDIES} studies: ${runs[0].cells} cells, ${(runs[0].bytes / 1024).toFixed(0)} KiB of HTML`);
  console.log(`${"step".padEnd(28)} ${"median".padStart(8)} ${"max".padStart(8)}  (ms)`);
  console.log(`${"data load (getRobGrid)".padEnd(28)} ${stat("load")}`);
  console.log(`${"render to string".padEnd(28)} ${stat("render")}`);
  console.log(`${"total".padEnd(28)} ${stat("total")}   target < 300`);
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
