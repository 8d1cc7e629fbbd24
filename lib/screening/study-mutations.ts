import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { readReviewSettings } from "@/lib/reviews/schema";
import { studyLabel } from "@/lib/screening/rules";
import type { StageSettingsInput } from "@/lib/screening/schema";

/** A report included at full text becomes a study of its own, unless an owner already linked it to one. */
export async function attachStudy(tx: Tx, actorId: string | null, reviewId: string, recordId: string) {
  const record = await tx.record.findUniqueOrThrow({ where: { id: recordId }, select: { studyId: true, authors: true, year: true, title: true } });
  if (record.studyId) return record.studyId;
  const study = await tx.study.create({ data: { reviewId, label: studyLabel(record.authors, record.year, record.title) } });
  await tx.record.update({ where: { id: recordId }, data: { studyId: study.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "Study", entityId: study.id, action: "create", after: { ...study, reportIds: [recordId] } });
  return study.id;
}

/** Removes an ex-included report from its study; a study left with no reports and no data goes too. */
export async function detachStudy(tx: Tx, actorId: string | null, reviewId: string, recordId: string) {
  const record = await tx.record.findUniqueOrThrow({ where: { id: recordId }, select: { studyId: true } });
  if (!record.studyId) return;
  const study = await tx.study.findUniqueOrThrow({
    where: { id: record.studyId },
    select: { id: true, label: true, _count: { select: { reports: true, extraction: true, riskOfBias: true } } },
  });
  if (study._count.reports === 1 && (study._count.extraction > 0 || study._count.riskOfBias > 0))
    throw new DomainError(`Study “${study.label}” already has extraction or risk-of-bias data; it cannot lose its only report.`);
  await tx.record.update({ where: { id: recordId }, data: { studyId: null } });
  if (study._count.reports === 1) await tx.study.delete({ where: { id: study.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "Study", entityId: study.id, action: study._count.reports === 1 ? "delete" : "unlink-report", before: { label: study.label, recordId } });
}

/** An owner links an included report to another study (several reports of one study); an emptied study is removed. */
export async function linkReport(tx: Tx, actorId: string, reviewId: string, recordId: string, studyId: string) {
  const [record, target] = await Promise.all([
    tx.record.findFirst({ where: { id: recordId, reviewId }, select: { studyId: true } }),
    tx.study.findFirst({ where: { id: studyId, reviewId }, select: { id: true, label: true } }),
  ]);
  if (!record?.studyId || !target) throw new DomainError("Choose a report included at full text and a study of this review.");
  if (record.studyId === studyId) return;
  const previous = await tx.study.findUniqueOrThrow({ where: { id: record.studyId }, select: { id: true, label: true, _count: { select: { reports: true, extraction: true, riskOfBias: true } } } });
  const emptied = previous._count.reports === 1;
  if (emptied && (previous._count.extraction > 0 || previous._count.riskOfBias > 0))
    throw new DomainError(`Study “${previous.label}” already has extraction or risk-of-bias data; merge it by hand.`);
  await tx.record.update({ where: { id: recordId }, data: { studyId } });
  if (emptied) await tx.study.delete({ where: { id: previous.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "Study", entityId: studyId, action: "link-report", before: { studyId: previous.id, label: previous.label }, after: { studyId, label: target.label, recordId } });
}

/** Records that a full text is on disk (the file itself is written by the upload route first). */
export async function saveFullTextFile(tx: Tx, actorId: string, reviewId: string, recordId: string, filePath: string) {
  const before = await tx.fullText.findUnique({ where: { recordId } });
  const after = await tx.fullText.upsert({ where: { recordId }, create: { recordId, status: "RETRIEVED", filePath, note: "" }, update: { status: "RETRIEVED", filePath, note: "" } });
  await recordAudit(tx, { reviewId, actorId, entity: "FullText", entityId: after.id, action: before ? "replace" : "upload", before, after });
  return { previousPath: before?.filePath ?? null };
}

export async function markNotRetrieved(tx: Tx, actorId: string, reviewId: string, recordId: string, note: string) {
  const record = await tx.record.findFirst({ where: { id: recordId, reviewId, resolutions: { some: { stage: "TITLE_ABSTRACT", outcome: "INCLUDE" } } }, select: { id: true } });
  if (!record) throw new DomainError("Only records included at title/abstract need a full text.");
  const before = await tx.fullText.findUnique({ where: { recordId } });
  const after = await tx.fullText.upsert({ where: { recordId }, create: { recordId, status: "NOT_RETRIEVED", note }, update: { status: "NOT_RETRIEVED", filePath: null, note } });
  await recordAudit(tx, { reviewId, actorId, entity: "FullText", entityId: after.id, action: "not-retrieved", before, after });
  return { previousPath: before?.filePath ?? null };
}

/** The PDF turned up after all: a not-retrieved record goes back into the full-text queue. */
export async function reopenRetrieval(tx: Tx, actorId: string, reviewId: string, recordId: string) {
  const before = await tx.fullText.findFirst({ where: { recordId, record: { reviewId } } });
  if (!before || before.status !== "NOT_RETRIEVED") throw new DomainError("This record is not marked as not retrieved.");
  await tx.fullText.delete({ where: { id: before.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "FullText", entityId: before.id, action: "reopen", before: { ...before, recordId } });
}

/** Owners' stage settings and highlight terms, kept inside Review.settings. */
export async function updateStageSettings(tx: Tx, actorId: string, reviewId: string, input: StageSettingsInput) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const before = readReviewSettings(review.settings);
  const after = {
    ...before,
    titleAbstract: { reviewersPerRecord: input.taReviewersPerRecord, blinded: input.taBlinded, allowMaybe: input.taAllowMaybe },
    fullText: { reviewersPerRecord: input.ftReviewersPerRecord, blinded: input.ftBlinded, allowMaybe: input.ftAllowMaybe },
    highlightInclude: input.highlightInclude,
    highlightExclude: input.highlightExclude,
  };
  await tx.review.update({ where: { id: reviewId }, data: { settings: after } });
  await recordAudit(tx, { reviewId, actorId, entity: "ScreeningSettings", entityId: reviewId, action: "update", before, after });
  return { before, after };
}
