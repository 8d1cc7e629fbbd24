/**
 * npm run bench:bibtex-preview — the BibTeX preview of 1,000 records
 * (../shared/fixtures/import/asysd/zotero_export.bib), measured two ways:
 *
 * 1. In this process: the parse time, and the longest the event loop stalls meanwhile (what a
 *    concurrent request would wait), for the library over the whole file (the parse before the
 *    fast path), parseBuffer (this thread) and parseOffThread (the server's path: the import worker,
 *    started on first use and kept).
 * 2. Over HTTP against the real built server (skipped without a build): one user POSTs the file
 *    for preview while a second user loads the review's overview page again and again; printed
 *    are the preview's round trip and the second user's page latencies during it, beside the
 *    same page with no preview running.
 *
 * Env: BENCH_PORT (3163); SIEVE_DIST_DIR (.next), the build to serve; BENCH_PREVIEWS (3), runs of
 * part 2; BENCH_APP_DIR (this checkout), another checkout to serve, e.g. an older commit to compare.
 */
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "@retorquere/bibtex-parser";
import { encode } from "next-auth/jwt";
import { LIBRARY_OPTIONS } from "../lib/formats/bibtex-fast";
import { parseBuffer } from "../lib/formats/parse";
import { parseOffThread } from "../lib/imports/parse-off-thread";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { startNextServer } from "./next-server";

const root = path.resolve(import.meta.dirname, "..");
const file = path.resolve(root, "../shared/fixtures/import/asysd/zotero_export.bib");
const bytes = new Uint8Array(readFileSync(file));
const PORT = Number(process.env.BENCH_PORT ?? 3163);
const PREVIEWS = Number(process.env.BENCH_PREVIEWS ?? 3);
const base = `http://localhost:${PORT}`;

async function measure(label: string, run: () => unknown) {
  // A 10 ms ticker stands in for another user's request: the longest gap between ticks is how long it waits.
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 30)); // let the ticker see a stall that just ended
  clearInterval(ticker);
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s for 1,000 records; worst wait of a concurrent request ${worst.toFixed(0)} ms`);
}

const id = () => `b${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/** An owner who previews, a reviewer who browses, one review and one search, straight through SQLite. */
function seed(dbFile: string) {
  const db = new Database(dbFile);
  const t = new Date().toISOString();
  const owner = { id: id(), email: "owner@bench.test", name: "Owner" };
  const reviewer = { id: id(), email: "reviewer@bench.test", name: "Reviewer" };
  const reviewId = id();
  const searchId = id();
  const slug = `bench-${randomBytes(3).toString("hex")}`;
  db.transaction(() => {
    for (const u of [owner, reviewer]) db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, createdAt) VALUES (?, ?, ?, 'x', ?)`).run(u.id, u.email, u.name, t);
    db.prepare(`INSERT INTO "Review" (id, slug, title, settings, createdAt, updatedAt) VALUES (?, ?, 'Preview benchmark', '{}', ?, ?)`).run(reviewId, slug, t, t);
    db.prepare(`INSERT INTO "Membership" (id, reviewId, userId, role, createdAt) VALUES (?, ?, ?, 'OWNER', ?)`).run(id(), reviewId, owner.id, t);
    db.prepare(`INSERT INTO "Membership" (id, reviewId, userId, role, createdAt) VALUES (?, ?, ?, 'REVIEWER', ?)`).run(id(), reviewId, reviewer.id, t);
    db.prepare(`INSERT INTO "Search" (id, reviewId, database, createdAt) VALUES (?, ?, 'CAB Abstracts', ?)`).run(searchId, reviewId, t);
  })();
  db.close();
  return { owner, reviewer, slug, searchId };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(0)} ms worst=${s[s.length - 1].toFixed(0)} ms`;
};

async function overHttp() {
  const distDir = process.env.SIEVE_DIST_DIR ?? ".next";
  const appDir = path.resolve(process.env.BENCH_APP_DIR ?? root);
  if (!existsSync(path.join(appDir, distDir, "BUILD_ID"))) {
    console.log(`(over HTTP: skipped, no production build in ${distDir}; run \`SIEVE_DIST_DIR=${distDir} npx next build\` first)`);
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sieve-bench-preview-"));
  const url = createMigratedDatabase();
  const { owner, reviewer, slug, searchId } = seed(url.slice("file:".length));
  const secret = randomBytes(32).toString("hex");
  console.log(`over HTTP: serving ${path.join(appDir, distDir)}`);
  const { stop } = await startNextServer({ appDir, port: PORT, env: { DATABASE_URL: url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, SIEVE_DATA_DIR: dataDir } });
  try {
    const cookie = async (u: typeof owner) => `next-auth.session-token=${await encode({ token: { sub: u.id, email: u.email, name: u.name }, secret })}`;
    const [ownerCookie, reviewerCookie] = [await cookie(owner), await cookie(reviewer)];
    const page = async () => {
      const started = performance.now();
      const res = await fetch(`${base}/reviews/${slug}`, { headers: { cookie: reviewerCookie } });
      await res.text();
      if (!res.ok) throw new Error(`overview page: HTTP ${res.status}`);
      return performance.now() - started;
    };
    const preview = async () => {
      const form = new FormData();
      form.append("searchId", searchId);
      form.append("format", "auto");
      form.append("mode", "preview");
      form.append("files", new Blob([bytes]), "zotero_export.bib");
      const res = await fetch(`${base}/api/reviews/${slug}/imports`, { method: "POST", body: form, headers: { cookie: ownerCookie } });
      const body = (await res.json()) as { files?: { records: number }[]; error?: string };
      if (!res.ok || body.files?.[0]?.records !== 1000) throw new Error(`preview: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    };
    // Warm-up: the first render of each route and the first preview load code, not what is measured.
    for (let i = 0; i < 5; i++) await page();
    await preview();

    const idle: number[] = [];
    for (let i = 0; i < 30; i++) idle.push(await page());
    console.log(`over HTTP, second user's overview page with no preview running: ${fmt(idle)}`);
    for (let run = 1; run <= PREVIEWS; run++) {
      const during: number[] = [];
      let done = false;
      const browsing = (async () => {
        while (!done) during.push(await page());
      })();
      const started = performance.now();
      await preview();
      const ms = performance.now() - started;
      done = true;
      await browsing;
      console.log(`over HTTP, run ${run}: preview of 1,000 records ${(ms / 1000).toFixed(2)} s; second user's page meanwhile ${fmt(during)}`);
    }
  } finally {
    stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.dirname(url.slice("file:".length)), { recursive: true, force: true });
  }
}

console.log(`machine load (uptime): ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} on ${os.cpus().length} cores`);
await measure("in process, the library over the whole file (the parse before the fast path)", () => parse(new TextDecoder().decode(bytes), LIBRARY_OPTIONS));
await measure("in process, parseBuffer (this thread)", () => parseBuffer(bytes, { fileName: file }));
// A preview's job (the first five records, no rows); a copy each time, since the worker takes its bytes.
const preview = () => parseOffThread(bytes.slice(), { options: { fileName: file }, rows: false, keep: 5 }, () => {});
await measure("in process, parseOffThread (the server's path), first call: starts the worker", preview);
await measure("in process, parseOffThread (the server's path), worker running", preview);
await overHttp();
console.log(`machine load (uptime) at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
