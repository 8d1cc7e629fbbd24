/**
 * The per-decision hot path (issue #15: screening throughput), through the real session code,
 * actions and database; only Next's cookie jar and cache revalidation are replaced. Counting the
 * statements SQLite runs shows what one decision costs: Prisma's model queries (recognisable by the
 * query compiler's `main`.`Table` quoting) are compiled on every call, which took longer than
 * SQLite took to run them, and every Prisma query, raw ones too, costs client work and a fresh
 * prepare; so the hot path is plain SQL run by lib/sql.ts, and only the transaction's own
 * statements (BEGIN, the lock-taking no-op, COMMIT) go through Prisma.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { NOT_FOUND, NOT_SIGNED_IN } from "@/lib/action";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember, makeRecords } from "@/lib/screening/test-records";
import { decideAction, nextRecordsAction, undoDecisionAction } from "@/lib/screening/actions";
import { walkRanges } from "@/lib/screening/queue";
import { getCurrentUser } from "@/lib/auth/session";
import { POST as decideRoute } from "@/app/api/reviews/[slug]/screening/decide/route";

const jar = vi.hoisted(() => ({ token: "" }));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (name === "next-auth.session-token" && jar.token ? { name, value: jar.token } : undefined) }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const signIn = async (user: { id: string; email: string; name: string }, maxAge?: number) => {
  jar.token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: process.env.NEXTAUTH_SECRET!, maxAge });
};

/** The SQL of every statement SQLite runs while `fn` runs, through Prisma or lib/sql.ts; `readOnly` lists those run on a read-only connection. */
async function statementsOf(fn: () => Promise<unknown>, readOnly: string[] = []): Promise<string[]> {
  const seen: string[] = [];
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<"all" | "get" | "run" | "iterate", (...args: unknown[]) => unknown>;
  probe.close();
  const spies = (["all", "get", "run", "iterate"] as const).map((method) => {
    const original = proto[method];
    return vi.spyOn(proto, method).mockImplementation(function (this: { source: string; database: Database.Database }, ...args: unknown[]) {
      seen.push(this.source);
      if (this.database.readonly) readOnly.push(this.source);
      return original.apply(this, args);
    });
  });
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return seen;
}
const compiled = (sql: string[]) => sql.filter((s) => s.includes("`main`."));

async function setup() {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const records = await makeRecords(team.review.id, ["Alpha", "Beta", "Gamma", "Delta"]);
  const decide = (recordId: string, decision = "EXCLUDE") => decideAction({ slug: team.review.slug, stage: "TITLE_ABSTRACT", recordId, decision });
  return { ...team, second, records, decide };
}

/** Votes on `recordId` and returns the ids of the records offered next (all of them, up to 10). */
async function nextAfter(t: Awaited<ReturnType<typeof setup>>, recordId: string) {
  const res = await decideAction({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId, decision: "EXCLUDE" });
  if (!res.ok) throw new Error(res.error);
  return res.data.next.map((i) => i.id);
}

afterEach(() => {
  vi.useRealTimers();
  jar.token = "";
});

describe("one screening decision", () => {
  it("authorizes with one statement for the account and one for the membership, before the transaction", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const readOnly: string[] = [];
    const sql = await statementsOf(() => t.decide(t.records[0].id), readOnly);
    const begin = sql.indexOf("BEGIN");
    expect(sql.slice(0, begin)).toHaveLength(2);
    expect(sql[0]).toMatch(/FROM "User"/);
    expect(sql[1]).toMatch(/FROM "Review" r JOIN "Membership" m/);
    // Both on the read-only connection, so never inside another request's open transaction.
    expect(readOnly.slice(0, 2)).toEqual(sql.slice(0, 2));
  });

  it("runs no Prisma-compiled statement, also when the vote settles the record", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const first = await statementsOf(() => t.decide(t.records[0].id));
    expect(compiled(first)).toEqual([]);
    // Account, membership; BEGIN, lock, settings, plan, eligibility, votes, vote, audit, COMMIT; the
    // queue's end, the resume point, one to three stretches of the walk; the record and its votes.
    expect(first.length).toBeLessThanOrEqual(18);
    // The colleague's agreeing vote settles the record: the resolution and its audit row, in plain SQL too.
    await signIn(t.second);
    let result: Awaited<ReturnType<typeof t.decide>> | undefined;
    const second = await statementsOf(async () => (result = await t.decide(t.records[0].id)));
    expect(result).toMatchObject({ ok: true, data: { resolved: true } });
    expect(compiled(second)).toEqual([]);
    const resolution = await db.screeningResolution.findUniqueOrThrow({ where: { recordId_stage: { recordId: t.records[0].id, stage: "TITLE_ABSTRACT" } } });
    expect(resolution).toMatchObject({ outcome: "EXCLUDE", method: "AGREEMENT", resolvedById: null, note: "", reasonId: null });
    const agreed = await db.auditEvent.findFirstOrThrow({ where: { entity: "ScreeningResolution", entityId: resolution.id } });
    expect(agreed).toMatchObject({ action: "agree", after: JSON.parse(JSON.stringify(resolution)) });
  });

  it("reads outside the transaction on the read-only connection, which sees each commit at once", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const ids = t.records.map((r) => r.id);
    const readOnly: string[] = [];
    await statementsOf(() => t.decide(ids[0]), readOnly);
    expect(readOnly.some((sql) => sql.includes('ORDER BY r."position", r."id"'))).toBe(true);
    // A vote committed by Prisma on its own connection is seen by the very next read.
    const [offered] = await nextAfter(t, ids[0]);
    await db.screeningDecision.create({ data: { reviewId: t.review.id, recordId: offered, stage: "TITLE_ABSTRACT", reviewerId: t.reviewer.id, decision: "INCLUDE", firstDecision: "INCLUDE" } });
    const other = ids.find((id) => id !== ids[0] && id !== offered)!;
    const rest = ids.filter((id) => ![ids[0], offered, other].includes(id));
    expect(await nextAfter(t, other)).toEqual(rest);
  });

  it("stores the vote and its audit row exactly as Prisma would, readable through the client", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const res = await t.decide(t.records[1].id, "INCLUDE");
    if (!res.ok) throw new Error(res.error);
    const vote = await db.screeningDecision.findUniqueOrThrow({ where: { id: res.data.decisionId } });
    expect(vote).toMatchObject({ recordId: t.records[1].id, reviewerId: t.reviewer.id, decision: "INCLUDE", firstDecision: "INCLUDE", reasonId: null, note: "" });
    expect(vote.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(vote.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(vote.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "ScreeningDecision", entityId: vote.id } });
    expect(audit).toMatchObject({ reviewId: t.review.id, actorId: t.reviewer.id, action: "create", before: null });
    expect(audit.after).toEqual(JSON.parse(JSON.stringify(vote)));
    expect(audit.id).toMatch(/^c[0-9a-z]{24}$/);
    // Ordered with rows Prisma wrote (same timestamp text format).
    const newest = await db.auditEvent.findFirstOrThrow({ where: { reviewId: t.review.id }, orderBy: { at: "desc" } });
    expect(newest.id).toBe(audit.id);
  });
});

describe("the next record after a decision", () => {
  it("continues the walk after the record just decided; a record earlier in the walk that needs a vote again comes after the rest", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const first = await nextRecordsAction({ slug: t.review.slug, stage: "TITLE_ABSTRACT", exclude: [] });
    if (!first.ok) throw new Error(first.error);
    const w0 = first.data.items[0].id;
    const w1 = await nextAfter(t, w0);
    const w2 = await nextAfter(t, w1[0]);
    expect(await undoDecisionAction({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId: w0 })).toMatchObject({ ok: true });
    const w3 = await nextAfter(t, w2[0]);
    expect(w3).toHaveLength(1);
    expect(w3[0]).not.toBe(w0);
    expect(await nextAfter(t, w3[0])).toEqual([w0]);
    expect(new Set([w0, w1[0], w2[0], w3[0]]).size).toBe(4);
  });

  it("scans the walk in stretches that cover every position once", () => {
    expect(walkRanges(0)).toEqual([[0, null]]);
    expect(walkRanges(40)).toEqual([[40, null], [0, 40]]);
    expect(walkRanges(40, 40)).toEqual([[40, null], [0, 40]]);
    expect(walkRanges(40, 70)).toEqual([[70, null], [0, 40], [40, 70]]);
    expect(walkRanges(0, 70)).toEqual([[70, null], [0, 70]]);
    expect(walkRanges(40, 10)).toEqual([[10, 40], [40, null], [0, 10]]);
    expect(walkRanges(40, 0)).toEqual([[0, 40], [40, null]]);
  });
});

describe("the JSON decision route", () => {
  it("answers uncompressed (no-transform): gzip of one record cost more than it saved", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    const request = new Request(`http://localhost/api/reviews/${t.review.slug}/screening/decide`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-encoding": "gzip" },
      body: JSON.stringify({ stage: "TITLE_ABSTRACT", recordId: t.records[0].id, decision: "INCLUDE" }),
    });
    const res = await decideRoute(request, { params: Promise.resolve({ slug: t.review.slug }) });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await res.json()).toMatchObject({ ok: true, data: { resolved: false } });
  });
});

describe("the decrypted session is reused, authorization never is", () => {
  it("a member removed from the review is refused on their very next request", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    expect(await t.decide(t.records[0].id)).toMatchObject({ ok: true });
    await db.membership.deleteMany({ where: { reviewId: t.review.id, userId: t.reviewer.id } });
    expect(await t.decide(t.records[1].id)).toEqual({ ok: false, error: NOT_FOUND });
  });

  it("a deleted account is signed out on its next request with the same cookie", async () => {
    const t = await setup();
    const gone = await addMember(t.review.id, "Leaving", ["REVIEWER"]);
    await signIn(gone);
    expect(await t.decide(t.records[0].id)).toMatchObject({ ok: true });
    await db.screeningDecision.deleteMany({ where: { reviewerId: gone.id } });
    await db.membership.deleteMany({ where: { userId: gone.id } });
    await db.user.delete({ where: { id: gone.id } });
    expect(await t.decide(t.records[1].id)).toEqual({ ok: false, error: NOT_SIGNED_IN });
  });

  it("an expired session is refused although its cookie decrypted before", async () => {
    const t = await setup();
    await signIn(t.reviewer, 60);
    expect(await getCurrentUser()).toMatchObject({ id: t.reviewer.id });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    expect(await getCurrentUser()).toBeNull();
  });

  it("a cookie that does not decrypt is no session", async () => {
    const t = await setup();
    await signIn(t.reviewer);
    jar.token = `${jar.token.slice(0, -4)}AAAA`;
    expect(await getCurrentUser()).toBeNull();
  });
});
