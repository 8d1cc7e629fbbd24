import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { CorrectRecordInput } from "@/lib/records/schema";

/** An owner corrects a record's title, DOI and year; the old values stay in the audit log. */
export async function correctRecord(tx: Tx, actorId: string, reviewId: string, input: Omit<CorrectRecordInput, "slug">) {
  const before = await tx.record.findFirst({ where: { id: input.recordId, reviewId }, select: { title: true, doi: true, year: true } });
  if (!before) throw new DomainError("That record is not in this review.");
  const after = { title: input.title, doi: input.doi || null, year: input.year };
  const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k as keyof typeof before] !== v));
  if (Object.keys(changed).length === 0) return false;
  await tx.record.update({ where: { id: input.recordId }, data: changed });
  const was = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]]));
  await recordAudit(tx, { reviewId, actorId, entity: "Record", entityId: input.recordId, action: "correct", before: was, after: changed });
  return true;
}
