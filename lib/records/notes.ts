import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";

/** Saves (or, when empty, removes) the viewer's own note and labels on a record, audited. */
export async function saveRecordNote(tx: Tx, userId: string, reviewId: string, recordId: string, text: string, labels: string[]) {
  const record = await tx.record.findFirst({ where: { id: recordId, reviewId }, select: { id: true } });
  if (!record) throw new DomainError("That record is not in this review.");
  const before = await tx.recordNote.findUnique({ where: { recordId_userId: { recordId, userId } }, select: { id: true, text: true, labels: true } });
  if (!text && labels.length === 0) {
    if (!before) return;
    await tx.recordNote.delete({ where: { id: before.id } });
    await recordAudit(tx, { reviewId, actorId: userId, entity: "RecordNote", entityId: before.id, action: "delete", before: { recordId, text: before.text, labels: before.labels } });
    return;
  }
  const saved = await tx.recordNote.upsert({ where: { recordId_userId: { recordId, userId } }, create: { reviewId, recordId, userId, text, labels }, update: { text, labels } });
  await recordAudit(tx, {
    reviewId,
    actorId: userId,
    entity: "RecordNote",
    entityId: saved.id,
    action: before ? "update" : "create",
    before: before ? { recordId, text: before.text, labels: before.labels } : undefined,
    after: { recordId, text, labels },
  });
}

/** The viewer's own note and labels on a record (never anyone else's: no blinding question arises). */
export async function readMyRecordNote(userId: string, reviewId: string, recordId: string) {
  const note = await db.recordNote.findFirst({ where: { recordId, userId, reviewId }, select: { text: true, labels: true } });
  return { text: note?.text ?? "", labels: Array.isArray(note?.labels) ? note.labels.filter((l): l is string => typeof l === "string") : [] };
}
