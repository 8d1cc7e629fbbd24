import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { getExtractionSettings, getStudyForExtraction, listOutcomes, othersVisibleFrom } from "@/lib/extraction/data";

/** Whether `viewerId` may see other extractors' digitisations of a study: extraction's own blinding rule. */
export async function othersVisible(reviewId: string, studyId: string, viewerId: string, roles: readonly Role[]): Promise<boolean> {
  const [settings, entries] = await Promise.all([
    getExtractionSettings(reviewId),
    db.extractionEntry.findMany({ where: { reviewId, studyId, consensus: false }, select: { reviewerId: true, status: true, consensus: true } }),
  ]);
  return othersVisibleFrom(entries, viewerId, roles, settings);
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

/** The study, its stored full texts (for the PDF picker) and the groups to pick from (the viewer's own, or the consensus). */
export async function getDigitiserContext(reviewId: string, studyId: string, viewerId: string, consensus: boolean) {
  const study = await getStudyForExtraction(reviewId, studyId);
  if (!study) return null;
  const [entry, outcomes] = await Promise.all([
    db.extractionEntry.findFirst({ where: consensus ? { studyId, consensus: true } : { studyId, reviewerId: viewerId, consensus: false }, select: { outcomeData: true, status: true } }),
    listOutcomes(reviewId),
  ]);
  return { study: { id: study.id, label: study.label }, pdfs: study.pdfs, outcomes, entry };
}
