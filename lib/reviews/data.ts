import "server-only";
import { db } from "@/lib/db";
import { readReviewSettings, type Stage } from "@/lib/reviews/schema";
import { countStage } from "@/lib/screening/queue";
import { votesNeeded } from "@/lib/screening/rules";
import { getAssignedStages } from "@/lib/screening/assignment-data";

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

/**
 * Live counts for every stage of the workflow, straight from the data. While a screening stage is
 * blinded, someone who cannot adjudicate sees "all votes in" instead of resolved and included
 * counts: watching "resolved" tick after their own vote would tell them whether a colleague agreed.
 */
export async function getDashboard(reviewId: string, slug: string, viewer: { seesOutcomes: boolean }): Promise<StageProgress[]> {
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
  const settings = readReviewSettings((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } })).settings);
  const assigned = await getAssignedStages(reviewId);
  const blindedStage = async (stage: Stage, stageSettings: { blinded: boolean; reviewersPerRecord: number }) =>
    stageSettings.blinded && !viewer.seesOutcomes ? countStage(reviewId, stage, votesNeeded({ ...stageSettings, assigned: assigned.has(stage) })) : null;
  const [taBlind, ftBlind] = await Promise.all([blindedStage("TITLE_ABSTRACT", settings.titleAbstract), blindedStage("FULL_TEXT", settings.fullText)]);
  const hidden = "outcomes hidden while blinded";
  return [
    { label: "Identification", href: `${base}/identification`, done: records, total: records, detail: `${records} records from ${searches} ${searches === 1 ? "search" : "searches"}; ${removed} duplicates removed`, available: true },
    taBlind
      ? { label: "Title/abstract screening", href: `${base}/screening/title-abstract`, done: taBlind.complete, total: taBlind.total, detail: `${taBlind.complete} of ${taBlind.total} have every vote in; ${hidden}`, available: unique > 0 }
      : { label: "Title/abstract screening", href: `${base}/screening/title-abstract`, done: taResolved, total: unique, detail: `${taResolved} of ${unique} resolved; ${taConflicts.length} awaiting votes or adjudication`, available: unique > 0 },
    ftBlind
      ? { label: "Full text", href: `${base}/screening/full-text`, done: ftBlind.complete, total: ftBlind.total, detail: `${ftBlind.complete} of ${ftBlind.total} have every vote in; ${hidden}`, available: ftBlind.total > 0 }
      : { label: "Full text", href: `${base}/screening/full-text`, done: ftResolved, total: taIncluded, detail: `${ftResolved} of ${taIncluded} assessed; ${ftIncluded} included`, available: taIncluded > 0 },
    { label: "Extraction", href: base, done: extracted, total: studies, detail: `${extracted} of ${studies} studies with consensus data`, available: studies > 0 },
    { label: "Risk of bias", href: base, done: appraised, total: studies, detail: `${appraised} of ${studies} studies appraised`, available: studies > 0 },
    { label: "Results", href: base, done: analyses, total: analyses, detail: `${analyses} analyses`, available: studies > 0 },
  ];
}

/** Every exclusion reason with how many decisions and resolutions cite it, for the reasons editor. */
export async function getReasonsWithUse(reviewId: string) {
  const [reasons, decisions, resolutions] = await Promise.all([
    db.exclusionReason.findMany({ where: { reviewId }, orderBy: [{ position: "asc" }, { id: "asc" }] }),
    db.screeningDecision.groupBy({ by: ["reasonId"], where: { reviewId, reasonId: { not: null } }, _count: true }),
    db.screeningResolution.groupBy({ by: ["reasonId"], where: { reviewId, reasonId: { not: null } }, _count: true }),
  ]);
  const count = (rows: { reasonId: string | null; _count: number }[], id: string) => rows.find((r) => r.reasonId === id)?._count ?? 0;
  return reasons.map((r) => ({ id: r.id, label: r.label, stage: r.stage as "TITLE_ABSTRACT" | "FULL_TEXT" | "BOTH", retired: r.retired, decisions: count(decisions, r.id), resolutions: count(resolutions, r.id) }));
}
