import "server-only";
import { db, type Tx } from "@/lib/db";
import { readReviewSettings, type Stage } from "@/lib/reviews/schema";
import { visibleVotes, type VotesNeeded } from "@/lib/screening/rules";
import { countNeedingVote, countStage, nextRecordIds } from "@/lib/screening/queue";
import { readItemRows } from "@/lib/screening/item-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/sql";

/**
 * Whether a stage's records are shared out by an assignment plan (lib/screening/assignment.ts)
 * rather than screened by everyone. Plain SQL: one probe of the plan's unique index, cheap enough
 * for the per-decision path.
 */
async function isAssigned(client: Tx, reviewId: string, stage: Stage): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(client, Prisma.sql`SELECT 1 AS one FROM "ScreeningAssignmentPlan" p WHERE p."reviewId" = ${reviewId} AND p."stage" = ${stage} LIMIT 1`);
  return rows.length > 0;
}

/** The review's stage settings, the reasons that apply at the stage, and the eligibility criteria. */
export async function getStageContext(reviewId: string, stage: Stage, client: Tx = db) {
  const review = await client.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: { settings: true, inclusionCriteria: true, exclusionCriteria: true, population: true, intervention: true, comparator: true, outcomes: true, studyDesigns: true },
  });
  const settings = readReviewSettings(review.settings);
  const reasons = await client.exclusionReason.findMany({
    where: { reviewId, stage: { in: [stage, "BOTH"] } },
    orderBy: { position: "asc" },
    // Retired reasons still label old votes; the page offers only active ones for new decisions.
    select: { id: true, label: true, retired: true },
  });
  const { settings: _s, ...criteria } = review;
  const assigned = await isAssigned(client, reviewId, stage);
  return {
    settings,
    stageSettings: { ...(stage === "TITLE_ABSTRACT" ? settings.titleAbstract : settings.fullText), assigned },
    reasons,
    criteria,
  };
}
export type StageContext = Awaited<ReturnType<typeof getStageContext>>;

/**
 * Just a stage's settings (and whether its records are assigned), for the per-decision hot path:
 * plain SQL through lib/sql.ts, since a compiled Prisma query cost more than the rest of a vote.
 */
export async function getStageSettings(reviewId: string, stage: Stage, client: Tx = db) {
  const [review] = await queryRows<{ settings: unknown }>(client, Prisma.sql`SELECT r."settings" FROM "Review" r WHERE r."id" = ${reviewId}`);
  if (!review) throw new Error(`No review ${reviewId}.`);
  const settings = readReviewSettings(typeof review.settings === "string" ? JSON.parse(review.settings) : review.settings);
  const assigned = await isAssigned(client, reviewId, stage);
  return { ...(stage === "TITLE_ABSTRACT" ? settings.titleAbstract : settings.fullText), assigned };
}

/** The exclusion reasons a new decision at a stage may cite (retired ones excluded). */
export async function getStageReasons(reviewId: string, stage: Stage, client: Tx = db) {
  return client.exclusionReason.findMany({ where: { reviewId, stage: { in: [stage, "BOTH"] }, retired: false }, orderBy: { position: "asc" }, select: { id: true, label: true } });
}

export type ShownVote = { reviewerId: string; reviewerName: string; decision: string; reasonId: string | null; note: string; mine: boolean };

export type ScreeningItem = {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  journal: string;
  year: number | null;
  keywords: string[];
  doi: string | null;
  myVote: { decision: string; reasonId: string | null; note: string } | null;
  /** Colleagues' votes, already through the blinding filter: empty while blinded and unresolved. */
  otherVotes: ShownVote[];
  resolution: { outcome: string; method: string; reasonId: string | null } | null;
  fullText: { status: string; hasFile: boolean; note: string } | null;
};

const authorName = (a: unknown) => {
  const x = a as { family?: string; given?: string; literal?: string };
  return [x.family ?? x.literal ?? "", x.given ?? ""].filter(Boolean).join(", ");
};
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Names of everyone in the review, for labelling votes. */
async function memberNames(client: Tx, reviewId: string): Promise<Map<string, string>> {
  const rows = await client.membership.findMany({ where: { reviewId }, select: { user: { select: { id: true, name: true } } } });
  return new Map(rows.map((r) => [r.user.id, r.user.name]));
}

/**
 * Records as one reviewer may see them at a stage, in the order of `ids`. Other reviewers' votes
 * pass through the blinding filter here, so no caller can forget it.
 */
export async function getScreeningItems(
  reviewId: string,
  stage: Stage,
  viewerId: string,
  ids: readonly string[],
  blinded: boolean,
  client: Tx = db,
): Promise<ScreeningItem[]> {
  if (ids.length === 0) return [];
  const rows = await readItemRows(client, reviewId, stage, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Names are needed only when some colleague's vote is visible (never for a blinded queue).
  const anyVisible = rows.some((r) => r.decisions.some((d) => d.reviewerId !== viewerId) && (!blinded || r.resolutions.length > 0));
  const names = anyVisible ? await memberNames(client, reviewId) : new Map<string, string>();
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const resolution = r.resolutions[0] ?? null;
    const mine = r.decisions.find((d) => d.reviewerId === viewerId);
    const shown = visibleVotes(r.decisions, viewerId, { blinded, resolved: resolution !== null });
    return [
      {
        id: r.id,
        title: r.title,
        abstract: r.abstract,
        authors: (Array.isArray(r.authors) ? r.authors : []).map(authorName).filter(Boolean),
        journal: r.journal,
        year: r.year,
        keywords: strings(r.keywords),
        doi: r.doi,
        myVote: mine ? { decision: mine.decision, reasonId: mine.reasonId, note: mine.note } : null,
        otherVotes: shown
          .filter((v) => v.reviewerId !== viewerId)
          .map((v) => ({ ...v, reviewerName: names.get(v.reviewerId) ?? "Former member", mine: false })),
        resolution,
        fullText: r.fullText ? { status: r.fullText.status, hasFile: Boolean(r.fullText.filePath), note: r.fullText.note } : null,
      },
    ];
  });
}

/** The next records needing this reviewer's vote, ready to show (the first is current, the rest prefetched); `after` resumes the walk after that record. */
export async function getNextItems(
  reviewId: string,
  stage: Stage,
  reviewerId: string,
  options: { exclude?: readonly string[]; limit?: number; required: VotesNeeded; blinded: boolean; after?: string },
  client: Tx = db,
): Promise<ScreeningItem[]> {
  const ids = await nextRecordIds(client, { reviewId, stage, reviewerId, required: options.required, exclude: options.exclude ?? [], limit: options.limit ?? 2, after: options.after });
  return getScreeningItems(reviewId, stage, reviewerId, ids, options.blinded, client);
}

/** This reviewer's latest decisions at a stage, oldest first, for moving back with ←. */
export async function getMyHistory(reviewId: string, stage: Stage, reviewerId: string, blinded: boolean, limit = 20) {
  const recent = await db.screeningDecision.findMany({
    where: { reviewId, stage, reviewerId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { recordId: true },
  });
  return getScreeningItems(reviewId, stage, reviewerId, recent.map((d) => d.recordId).reverse(), blinded);
}

/**
 * My progress and the team's. The team figure counts records with all their votes in, not
 * resolved ones: under blinding, watching "resolved" tick after my vote would tell me whether my
 * colleague agreed.
 */
export async function getProgress(reviewId: string, stage: Stage, reviewerId: string, required: VotesNeeded) {
  const [done, remaining, team] = await Promise.all([
    db.screeningDecision.count({ where: { reviewId, stage, reviewerId } }),
    countNeedingVote(reviewId, stage, reviewerId, required),
    countStage(reviewId, stage, required),
  ]);
  return { mine: { done, total: done + remaining }, team };
}

/** Resolution counts for those allowed to see outcomes (adjudicators and owners, or anyone when unblinded). */
export async function getOutcomeCounts(reviewId: string, stage: Stage) {
  const rows = await db.screeningResolution.groupBy({ by: ["outcome"], where: { reviewId, stage }, _count: true });
  const count = (o: string) => rows.find((r) => r.outcome === o)?._count ?? 0;
  return { included: count("INCLUDE"), excluded: count("EXCLUDE") };
}

/** A record's stored PDF path, if the record belongs to the review and has one. */
export async function getFullTextFile(reviewId: string, recordId: string): Promise<string | null> {
  const ft = await db.fullText.findFirst({ where: { recordId, record: { reviewId } }, select: { filePath: true } });
  return ft?.filePath ?? null;
}

/** Full texts are attached only to records included at title/abstract. */
export async function isFullTextCandidate(reviewId: string, recordId: string): Promise<boolean> {
  const r = await db.record.findFirst({ where: { id: recordId, reviewId, resolutions: { some: { stage: "TITLE_ABSTRACT", outcome: "INCLUDE" } } }, select: { id: true } });
  return r !== null;
}
