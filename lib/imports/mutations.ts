import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { ParseResult } from "@/lib/formats/record";
import { insertRecords } from "@/lib/records/mutations";
import { releaseRecords } from "@/lib/dedup/mutations";
import type { SearchFields } from "@/lib/imports/schema";

export async function createSearch(tx: Tx, actorId: string, reviewId: string, fields: SearchFields) {
  const search = await tx.search.create({ data: { reviewId, ...fields } });
  await recordAudit(tx, { reviewId, actorId, entity: "Search", entityId: search.id, action: "create", after: search });
  return search;
}

export type ParsedFile = { fileName: string; result: ParseResult };

/**
 * Stores every file's records in the caller's transaction: one broken write rolls back the
 * whole upload, so an import is all or nothing.
 */
export async function importParsedFiles(tx: Tx, actorId: string, reviewId: string, searchId: string, files: ParsedFile[]) {
  const search = await tx.search.findFirst({ where: { id: searchId, reviewId }, select: { id: true } });
  if (!search) throw new DomainError("That search does not belong to this review.", { searchId: ["Choose one of this review's searches."] });
  const imports = [];
  for (const { fileName, result } of files) {
    const created = await tx.import.create({
      data: { reviewId, searchId, fileName, format: result.format, encoding: result.encoding, recordCount: result.records.length, warnings: result.warnings, createdById: actorId },
    });
    await insertRecords(tx, reviewId, created.id, result.records);
    await recordAudit(tx, {
      reviewId,
      actorId,
      entity: "Import",
      entityId: created.id,
      action: "create",
      after: { fileName, searchId, format: result.format, encoding: result.encoding, records: result.records.length, warnings: result.warnings.length },
    });
    imports.push({ id: created.id, fileName, records: result.records.length });
  }
  return imports;
}

/** Undo is allowed only while nothing downstream depends on the import's records. */
export async function undoImport(tx: Tx, actorId: string, reviewId: string, importId: string) {
  const found = await tx.import.findFirst({ where: { id: importId, reviewId } });
  if (!found) throw new DomainError("That import does not exist in this review.");
  const decided = await tx.screeningDecision.count({ where: { record: { importId } } });
  if (decided > 0) throw new DomainError(`Screening decisions already cite ${decided === 1 ? "a record" : `${decided} records`} from this import, so it cannot be undone.`);
  // Duplicate groups holding a leaving record are dissolved; the next detection run regroups what remains.
  const records = await tx.record.findMany({ where: { importId }, select: { id: true } });
  await releaseRecords(tx, actorId, reviewId, records.map((r) => r.id));
  await tx.record.deleteMany({ where: { importId } });
  await tx.import.delete({ where: { id: importId } });
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "Import",
    entityId: importId,
    action: "undo",
    before: { fileName: found.fileName, searchId: found.searchId, format: found.format, records: found.recordCount },
  });
}
