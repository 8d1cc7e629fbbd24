import { writeTransaction } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { createUser } from "@/lib/users/mutations";
import { recordAudit } from "@/lib/audit/mutations";
import { buildDemoReview } from "./build";
import { DEMO_AUDIT_ENTITY, type DemoSeed } from "./stages";

export const DEMO_EMAIL = "demo@sieve.local";
export const DEMO_PASSWORD = "sieve-demo-review";
export const DEMO_NAME = "Demo Owner";
/** A second member, so a newcomer can sign in twice and see blinding from both sides. */
export const DEMO_REVIEWER_EMAIL = "reviewer@sieve.local";
export const DEMO_REVIEWER_PASSWORD = "sieve-demo-reviewer";
export const DEMO_REVIEWER_NAME = "Demo Reviewer";

export const DEMO_SIGN_INS = [
  { role: "owner", email: DEMO_EMAIL, password: DEMO_PASSWORD },
  { role: "reviewer", email: DEMO_REVIEWER_EMAIL, password: DEMO_REVIEWER_PASSWORD },
] as const;

const BUILD_TIMEOUT = 120_000;

async function demoAccounts(tx: Tx): Promise<{ ownerId: string; reviewerId: string }> {
  const ensure = async (email: string, name: string, password: string) =>
    (await tx.user.findUnique({ where: { email } })) ?? (await createUser(tx, { email, name, password }));
  const owner = await ensure(DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD);
  const reviewer = await ensure(DEMO_REVIEWER_EMAIL, DEMO_REVIEWER_NAME, DEMO_REVIEWER_PASSWORD);
  return { ownerId: owner.id, reviewerId: reviewer.id };
}

/** The demo reviews present, by seed (a review is a demo when its DemoReview audit event says so). */
export async function findDemoReviews(db: Tx): Promise<{ seed: DemoSeed; reviewId: string; slug: string }[]> {
  const events = await db.auditEvent.findMany({ where: { entity: DEMO_AUDIT_ENTITY, action: "create" }, include: { review: { select: { slug: true } } } });
  // A copy brought in by import-review carries the demo's audit log, but it is the importer's review, never replaced.
  const imported = new Set((await db.auditEvent.findMany({ where: { entity: "ReviewArchive", action: "import" }, select: { reviewId: true } })).map((e) => e.reviewId));
  return events.flatMap((e) => (e.reviewId && e.review && !imported.has(e.reviewId) ? [{ seed: (e.after as { seed: DemoSeed }).seed, reviewId: e.reviewId, slug: e.review.slug }] : []));
}

/**
 * Creates the demo accounts and the 001 demo review when the database has no users
 * (a new installation). Its facts are prisma/demo/review-001.json (lib/demo/build.ts).
 */
export async function seedDemoIfEmpty(db: PrismaClient): Promise<{ created: boolean; slug?: string }> {
  if ((await db.user.count()) > 0) return { created: false };
  const { slug } = await writeTransaction(async (tx) => {
    const { ownerId, reviewerId } = await demoAccounts(tx);
    return buildDemoReview(tx, "001", ownerId, reviewerId);
  }, { timeout: BUILD_TIMEOUT });
  return { created: true, slug };
}

export class DemoExistsError extends Error {}

/**
 * `sieve demo`: builds a seed's demo review for the demo accounts (created if missing). An
 * existing demo of that seed is kept unless `replace`, which deletes it and builds it afresh,
 * in the same transaction (a failed build leaves the old one in place).
 */
export async function createDemo(db: PrismaClient, seed: DemoSeed, replace: boolean): Promise<{ slug: string; replaced: boolean }> {
  return writeTransaction(async (tx) => {
    const existing = (await findDemoReviews(tx)).filter((d) => d.seed === seed);
    if (existing.length && !replace) throw new DemoExistsError(`The ${seed} demo already exists (/reviews/${existing[0].slug}); use --replace to build it again.`);
    const { ownerId, reviewerId } = await demoAccounts(tx);
    for (const old of existing) {
      await tx.review.delete({ where: { id: old.reviewId } });
      await recordAudit(tx, { reviewId: null, actorId: ownerId, entity: "Review", entityId: old.reviewId, action: "delete", after: { slug: old.slug, reason: `sieve demo --replace --seed ${seed}` } });
    }
    const { slug } = await buildDemoReview(tx, seed, ownerId, reviewerId);
    return { slug, replaced: existing.length > 0 };
  }, { timeout: BUILD_TIMEOUT });
}
