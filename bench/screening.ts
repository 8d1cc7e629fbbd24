/**
 * npm run bench:screening — 100,000 records, 20 reviewers screening at once, over HTTP against the
 * real built server and a real SQLite file. Each reviewer reads the record for a while (think
 * time, uniform between 0.5 and 1.5 × BENCH_THINK_MS, default 1 s: faster than any person screens
 * an abstract), then POSTs a decision to /api/reviews/<slug>/screening/decide, whose answer carries
 * the next record; the time of that round trip is "a decision plus loading the next record". At
 * the end every decision the clients saw accepted is looked up in the database.
 * BENCH_THINK_MS=0 turns it into a closed-loop stress test (20 requests always in flight), which
 * measures queueing on the single server process rather than the latency a reviewer feels.
 *
 * Env: BENCH_RECORDS (100000), BENCH_REVIEWERS (20), BENCH_DECISIONS per reviewer (100),
 * BENCH_THINK_MS (1000), BENCH_PORT (3199); SIEVE_DIST_DIR (.next), the build to serve;
 * BENCH_PRIOR_VOTES (0): votes each reviewer has already cast along their own walk before the run
 * (as deep into a large review), so the next-record query has to pass over them.
 */
import Database from "better-sqlite3";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { createMigratedDatabase } from "../lib/test/temp-db";
import { queueStart } from "../lib/screening/rules";
import { startNextServer } from "./next-server";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const REVIEWERS = Number(process.env.BENCH_REVIEWERS ?? 20);
const PER_REVIEWER = Number(process.env.BENCH_DECISIONS ?? 100);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const PRIOR_VOTES = Number(process.env.BENCH_PRIOR_VOTES ?? 0);
const root = path.resolve(import.meta.dirname, "..");
const base = `http://localhost:${PORT}`;

const now = () => new Date().toISOString().replace("Z", "+00:00");
const id = () => `b${randomUUID().replace(/-/g, "").slice(0, 24)}`;
const WORDS = "bone loss ovariectomy rat mouse alendronate estrogen density femur trabecular cortical strength randomised control".split(" ");
const words = (n: number, seed: number) => Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(" ");

/** Seeds straight through SQLite in one transaction: Prisma's createMany would take minutes for 100,000 rows. */
function seed(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const t = now();
  const owner = { id: id(), email: "owner@bench.test", name: "Owner" };
  const reviewers = Array.from({ length: REVIEWERS }, (_, i) => ({ id: id(), email: `reviewer${i}@bench.test`, name: `Reviewer ${i}` }));
  const reviewId = id();
  const slug = `bench-${randomBytes(3).toString("hex")}`;
  const settings = JSON.stringify({ titleAbstract: { reviewersPerRecord: 2, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 2, blinded: true, allowMaybe: false }, highlightInclude: ["rat"], highlightExclude: ["mouse"] });
  db.transaction(() => {
    const user = db.prepare(`INSERT INTO "User" (id, email, name, passwordHash, createdAt) VALUES (?, ?, ?, 'x', ?)`);
    for (const u of [owner, ...reviewers]) user.run(u.id, u.email, u.name, t);
    db.prepare(`INSERT INTO "Review" (id, slug, title, settings, createdAt, updatedAt) VALUES (?, ?, 'Screening benchmark', ?, ?, ?)`).run(reviewId, slug, settings, t, t);
    const member = db.prepare(`INSERT INTO "Membership" (id, reviewId, userId, role, createdAt) VALUES (?, ?, ?, ?, ?)`);
    member.run(id(), reviewId, owner.id, "OWNER", t);
    for (const r of reviewers) member.run(id(), reviewId, r.id, "REVIEWER", t);
    const reason = db.prepare(`INSERT INTO "ExclusionReason" (id, reviewId, label, stage, position) VALUES (?, ?, ?, 'BOTH', ?)`);
    ["Wrong population", "Wrong intervention", "Wrong study design"].forEach((label, i) => reason.run(id(), reviewId, label, i));
    const record = db.prepare(`INSERT INTO "Record" (id, reviewId, position, title, abstract, authors, authorText, year, journal, keywords, mesh, raw, createdAt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'J Bone Res', ?, '[]', '{}', ?)`);
    const recordIds: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      recordIds.push(id());
      record.run(recordIds[i], reviewId, i, `Record ${i}: ${words(8, i)}`, words(180, i), JSON.stringify([{ family: `Author${i % 997}`, given: "A", normalized: `author${i % 997} a` }]), `author${i % 997} a`, 1990 + (i % 35), JSON.stringify([WORDS[i % WORDS.length]]), t);
    }
    // Earlier work: each reviewer's first PRIOR_VOTES records in their own walk (lib/screening/rules queueStart), never a third vote.
    const vote = db.prepare(`INSERT INTO "ScreeningDecision" (id, reviewId, recordId, stage, reviewerId, decision, firstDecision, note, createdAt, updatedAt) VALUES (?, ?, ?, 'TITLE_ABSTRACT', ?, 'EXCLUDE', 'EXCLUDE', 'prior', ?, ?)`);
    const votes = new Map<number, number>();
    for (const r of PRIOR_VOTES > 0 ? reviewers : []) {
      const start = queueStart(r.id, reviewId, RECORDS);
      for (let k = 0, cast = 0; k < RECORDS && cast < PRIOR_VOTES; k++) {
        const position = (start + k) % RECORDS;
        if ((votes.get(position) ?? 0) >= 2) continue;
        votes.set(position, (votes.get(position) ?? 0) + 1);
        vote.run(id(), reviewId, recordIds[position], r.id, t, t);
        cast++;
      }
    }
  })();
  db.close();
  return { reviewId, slug, reviewers };
}

/** User + system CPU time of a process in ms, from /proc (NaN where there is none). */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return NaN;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const distDir = process.env.SIEVE_DIST_DIR ?? ".next";
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.error(`bench:screening needs a production build: run \`npx next build\` first (no ${distDir}/BUILD_ID found).`);
    process.exit(1);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-bench-screening-"));
  process.env.DATABASE_URL = createMigratedDatabase();
  const file = process.env.DATABASE_URL.slice("file:".length);
  const t0 = performance.now();
  const { slug, reviewers } = seed(file);
  console.log(`seeded ${RECORDS} records and ${REVIEWERS} reviewers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const secret = randomBytes(32).toString("hex");
  const { server, stop } = await startNextServer({
    appDir: root,
    port: PORT,
    env: { DATABASE_URL: process.env.DATABASE_URL, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base, SIEVE_DATA_DIR: dir },
  });
  try {
    const cookies = await Promise.all(
      reviewers.map(async (r) => `next-auth.session-token=${await encode({ token: { sub: r.id, email: r.email, name: r.name }, secret })}`),
    );
    const api = (cookie: string, route: string, body?: unknown) =>
      fetch(`${base}/api/reviews/${slug}/screening/${route}`, {
        method: body ? "POST" : "GET",
        headers: { cookie, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }).then(async (res) => ({ status: res.status, json: (await res.json()) as { ok: boolean; error?: string; data?: { items?: { id: string }[]; next?: { id: string }[] } } }));

    const accepted = new Map<string, string>(); // reviewerId:recordId → decision
    const latencies: number[] = [];
    let rejected = 0;
    let servedTwice = 0;
    const CHOICES = ["EXCLUDE", "EXCLUDE", "EXCLUDE", "INCLUDE", "INCLUDE", "MAYBE"];

    // Warm-up: load the routes once so compilation-free start-up costs are not measured.
    await api(cookies[0], "next?stage=TITLE_ABSTRACT");

    const cpuStart = serverCpuMs(server.pid);
    const runStart = performance.now();
    await Promise.all(
      reviewers.map(async (reviewer, k) => {
        let current = (await api(cookies[k], "next?stage=TITLE_ABSTRACT")).json.data?.items?.[0]?.id;
        for (let n = 0; n < PER_REVIEWER && current; n++) {
          const decision = CHOICES[(n * 7 + k) % CHOICES.length];
          if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
          const started = performance.now();
          const res = await api(cookies[k], "decide", { stage: "TITLE_ABSTRACT", recordId: current, decision, note: "" });
          latencies.push(performance.now() - started);
          if (res.json.ok) {
            if (accepted.has(`${reviewer.id}:${current}`)) servedTwice++;
            accepted.set(`${reviewer.id}:${current}`, decision);
            current = res.json.data?.next?.[0]?.id;
          } else {
            // e.g. a colleague cast the record's last vote first: move on, as the UI would.
            rejected++;
            current = (await api(cookies[k], "next?stage=TITLE_ABSTRACT")).json.data?.items?.[0]?.id;
          }
        }
      }),
    );

    const cpuMs = serverCpuMs(server.pid) - cpuStart;
    const db = new Database(file, { readonly: true });
    const rows = db.prepare(`SELECT reviewerId, recordId, decision FROM "ScreeningDecision" WHERE note <> 'prior'`).all() as { reviewerId: string; recordId: string; decision: string }[];
    const duplicates = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM "ScreeningDecision" GROUP BY recordId, stage, reviewerId HAVING COUNT(*) > 1)`).get() as { n: number }).n;
    const overfull = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM "ScreeningDecision" GROUP BY recordId, stage HAVING COUNT(*) > 2)`).get() as { n: number }).n;
    db.close();
    const stored = rows.filter((r) => accepted.get(`${r.reviewerId}:${r.recordId}`) === r.decision).length;
    const unexpected = rows.length - stored;
    latencies.sort((a, b) => a - b);
    const fmt = (x: number) => x.toFixed(1);
    const seconds = (performance.now() - runStart) / 1000;
    console.log(`think time ${THINK_MS} ms (±50%); ${PRIOR_VOTES} earlier votes per reviewer; ${(latencies.length / seconds).toFixed(1)} decisions/s over ${seconds.toFixed(0)} s`);
    // CPU time is what a decision costs the server whatever else the machine runs (wall-clock
    // throughput on a shared 2-core machine mostly measures the other processes).
    if (Number.isFinite(cpuMs)) console.log(`server CPU ${fmt(cpuMs / latencies.length)} ms per decision (${fmt((1000 * latencies.length) / cpuMs)} decisions per CPU-second); load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`rejected=${rejected} (records whose last vote a colleague cast first) rows=${rows.length} unexpected=${unexpected} records_over_two_votes=${overfull} served_twice=${servedTwice}`);
    console.log(
      `screening: records=${RECORDS} reviewers=${REVIEWERS} decisions=${accepted.size} stored=${stored} duplicates=${duplicates} p50=${fmt(percentile(latencies, 50))} ms p95=${fmt(percentile(latencies, 95))} ms p99=${fmt(percentile(latencies, 99))} ms`,
    );
    if (stored !== accepted.size || duplicates > 0 || unexpected > 0 || overfull > 0 || servedTwice > 0) process.exitCode = 1;
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
