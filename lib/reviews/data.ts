import "server-only";
import { db } from "@/lib/db";
import { readReviewSettings } from "@/lib/reviews/schema";

export async function listReviewsForUser(userId: string) {
  const reviews = await db.review.findMany({
    where: { memberships: { some: { userId } } },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      updatedAt: true,
      memberships: { where: { userId }, select: { role: true } },
      _count: { select: { records: true } },
    },
  });
  return reviews.map((r) => ({ ...r, roles: r.memberships.map((m) => m.role), recordCount: r._count.records }));
}

export async function getProtocol(reviewId: string) {
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
  const reasons = await db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
  return { ...review, settings: readReviewSettings(review.settings), reasons };
}

export type StageProgress = { label: string; href: string; done: number; total: number; detail: string; available: boolean };

/** Live counts for every stage of the workflow, straight from the data. */
export async function getDashboard(reviewId: string, slug: string): Promise<StageProgress[]> {
  const base = `/reviews/${slug}`;
  const [searches, records, duplicates, taResolved, taIncluded, taConflicts, ftResolved, ftIncluded, studies, extracted, appraised, analyses] =
    await Promise.all([
      db.search.count({ where: { reviewId } }),
      db.record.count({ where: { reviewId } }),
      db.record.count({ where: { reviewId, isDuplicate: true } }),
      db.screeningResolution.count({ where: { reviewId, stage: "TITLE_ABSTRACT" } }),
      db.screeningResolution.count({ where: { reviewId, stage: "TITLE_ABSTRACT", outcome: "INCLUDE" } }),
      db.screeningDecision.groupBy({ by: ["recordId"], where: { reviewId, stage: "TITLE_ABSTRACT", record: { resolutions: { none: { stage: "TITLE_ABSTRACT" } } } }, _count: true }),
      db.screeningResolution.count({ where: { reviewId, stage: "FULL_TEXT" } }),
      db.screeningResolution.count({ where: { reviewId, stage: "FULL_TEXT", outcome: "INCLUDE" } }),
      db.study.count({ where: { reviewId } }),
      db.study.count({ where: { reviewId, extraction: { some: { consensus: true } } } }),
      db.study.count({ where: { reviewId, riskOfBias: { some: { consensus: true } } } }),
      db.analysis.count({ where: { reviewId } }),
    ]);
  const removed = duplicates;
  const unique = records - removed;
  return [
    { label: "Identification", href: `${base}/identification`, done: records, total: records, detail: `${records} records from ${searches} searches; ${removed} duplicates removed`, available: true },
    { label: "Title/abstract screening", href: `${base}/screening/title-abstract`, done: taResolved, total: unique, detail: `${taResolved} of ${unique} resolved; ${taConflicts.length} awaiting votes or adjudication`, available: unique > 0 },
    { label: "Full text", href: `${base}/screening/full-text`, done: ftResolved, total: taIncluded, detail: `${ftResolved} of ${taIncluded} assessed; ${ftIncluded} included`, available: taIncluded > 0 },
    { label: "Extraction", href: base, done: extracted, total: studies, detail: `${extracted} of ${studies} studies with consensus data`, available: studies > 0 },
    { label: "Risk of bias", href: base, done: appraised, total: studies, detail: `${appraised} of ${studies} studies appraised`, available: studies > 0 },
    { label: "Results", href: base, done: analyses, total: analyses, detail: `${analyses} analyses`, available: studies > 0 },
  ];
}
