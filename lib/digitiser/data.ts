import "server-only";
import { db } from "@/lib/db";
import { hasCapability, type Role } from "@/lib/auth/roles";
import { readReviewSettings } from "@/lib/reviews/schema";

export type DigitisationView = Awaited<ReturnType<typeof listVisibleDigitisations>>[number];

/**
 * Whether `viewerId` may see other extractors' digitisations of a study: always for those who make
 * the consensus, and for extractors once blinding is off or every extractor has submitted.
 */
export async function othersVisible(reviewId: string, studyId: string, viewerId: string, roles: readonly Role[]): Promise<boolean> {
  if (hasCapability(roles, "reconcile")) return true;
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const { extraction } = readReviewSettings(review.settings);
  if (!extraction.blinded) return true;
  const entries = await db.extractionEntry.findMany({ where: { reviewId, studyId, consensus: false }, select: { reviewerId: true, status: true } });
  const submitted = entries.filter((e) => e.status === "SUBMITTED");
  return submitted.some((e) => e.reviewerId === viewerId) && submitted.length >= extraction.extractorsPerStudy;
}

/** A study's digitisations the viewer may see: their own, and the others' when blinding allows. */
export async function listVisibleDigitisations(reviewId: string, studyId: string, viewerId: string, roles: readonly Role[]) {
  const showOthers = await othersVisible(reviewId, studyId, viewerId, roles);
  const rows = await db.digitisation.findMany({
    where: { reviewId, studyId, ...(showOthers ? {} : { reviewerId: viewerId }) },
    orderBy: { createdAt: "asc" },
  });
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: rows.map((r) => r.reviewerId).filter((id): id is string => !!id) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => ({ ...r, reviewerName: r.consensus ? "Consensus" : (names.get(r.reviewerId ?? "") ?? "Former member"), mine: r.reviewerId === viewerId }));
}

/** One digitisation, if the viewer may see it. */
export async function getVisibleDigitisation(reviewId: string, digitisationId: string, viewerId: string, roles: readonly Role[]) {
  const row = await db.digitisation.findFirst({ where: { id: digitisationId, reviewId } });
  if (!row) return null;
  if (row.reviewerId !== viewerId && !(await othersVisible(reviewId, row.studyId, viewerId, roles))) return null;
  return row;
}

/** The study, its reports' stored full texts (for the PDF picker) and the groups to pick from (the viewer's own, or the consensus). */
export async function getDigitiserContext(reviewId: string, studyId: string, viewerId: string, consensus: boolean) {
  const study = await db.study.findFirst({
    where: { id: studyId, reviewId },
    select: { id: true, label: true, reports: { select: { id: true, title: true, fullText: { select: { status: true, filePath: true } } } } },
  });
  if (!study) return null;
  const [entry, outcomes] = await Promise.all([
    db.extractionEntry.findFirst({ where: consensus ? { studyId, consensus: true } : { studyId, reviewerId: viewerId, consensus: false }, select: { outcomeData: true, status: true } }),
    db.outcome.findMany({ where: { reviewId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { name: true, unit: true, type: true } }),
  ]);
  const pdfs = study.reports.filter((r) => r.fullText?.status === "RETRIEVED" && r.fullText.filePath).map((r) => ({ recordId: r.id, title: r.title }));
  return { study: { id: study.id, label: study.label }, pdfs, outcomes, entry };
}
