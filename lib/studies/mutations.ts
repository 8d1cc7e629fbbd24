import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { studyLabel } from "@/lib/screening/rules";

export async function renameStudy(tx: Tx, actorId: string, reviewId: string, studyId: string, label: string) {
  const study = await tx.study.findFirst({ where: { id: studyId, reviewId }, select: { label: true } });
  if (!study) throw new DomainError("That study is not in this review.");
  if (study.label === label) return;
  await tx.study.update({ where: { id: studyId }, data: { label } });
  await recordAudit(tx, { reviewId, actorId, entity: "Study", entityId: studyId, action: "rename", before: { label: study.label }, after: { label } });
}

/**
 * Splits a report off into a study of its own (it was linked to the wrong study). Its
 * extraction and risk-of-bias data stay with the study it leaves, which keeps its other reports.
 */
export async function splitReport(tx: Tx, actorId: string, reviewId: string, recordId: string) {
  const record = await tx.record.findFirst({ where: { id: recordId, reviewId }, select: { studyId: true, authors: true, year: true, title: true } });
  if (!record?.studyId) throw new DomainError("Only a report included at full text belongs to a study.");
  const from = await tx.study.findUniqueOrThrow({ where: { id: record.studyId }, select: { id: true, label: true, _count: { select: { reports: true } } } });
  if (from._count.reports === 1) throw new DomainError(`This is the only report of “${from.label}”; there is nothing to split it from.`);
  const study = await tx.study.create({ data: { reviewId, label: studyLabel(record.authors, record.year, record.title) } });
  await tx.record.update({ where: { id: recordId }, data: { studyId: study.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "Study", entityId: study.id, action: "split", before: { studyId: from.id, label: from.label }, after: { studyId: study.id, label: study.label, recordId } });
  return study;
}
