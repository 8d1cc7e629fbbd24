import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { parseOffThread } from "@/lib/imports/parse-off-thread";
import type { ImportFormat, ParseResult, ParseWarning } from "@/lib/formats/record";
import { insertRecords, insertRecordValues } from "@/lib/records/mutations";
import { releaseRecords } from "@/lib/dedup/mutations";
import type { SearchFields } from "@/lib/imports/schema";

export async function createSearch(tx: Tx, actorId: string, reviewId: string, fields: SearchFields) {
  const search = await tx.search.create({ data: { reviewId, ...fields } });
  await recordAudit(tx, { reviewId, actorId, entity: "Search", entityId: search.id, action: "create", after: search });
  return search;
}

async function findSearch(tx: Tx, reviewId: string, searchId: string) {
  const search = await tx.search.findFirst({ where: { id: searchId, reviewId } });
  if (!search) throw new DomainError("That search does not exist in this review.");
  return search;
}

/** Corrects what was logged (a mistyped hit count or date); the imports stay attached. */
export async function updateSearch(tx: Tx, actorId: string, reviewId: string, searchId: string, fields: SearchFields) {
  const before = await findSearch(tx, reviewId, searchId);
  const after = await tx.search.update({ where: { id: searchId }, data: { ...fields, dateRun: fields.dateRun ?? null, reportedHits: fields.reportedHits ?? null } });
  await recordAudit(tx, { reviewId, actorId, entity: "Search", entityId: searchId, action: "update", before, after });
  return after;
}

/** Only an empty search can go: deleting one with imports would silently drop its records from PRISMA. */
export async function deleteSearch(tx: Tx, actorId: string, reviewId: string, searchId: string) {
  const before = await findSearch(tx, reviewId, searchId);
  const imports = await tx.import.count({ where: { searchId } });
  if (imports > 0) throw new DomainError(`Undo this search's ${imports === 1 ? "import" : `${imports} imports`} before deleting it.`);
  await tx.search.delete({ where: { id: searchId } });
  await recordAudit(tx, { reviewId, actorId, entity: "Search", entityId: searchId, action: "delete", before });
}

export type ParsedFile = { fileName: string; result: ParseResult };
type ImportSummary = { format: string; encoding: string; recordCount: number; warnings: ParseWarning[] };
export type StoredImport = { id: string; fileName: string; records: number };

async function assertSearchInReview(tx: Tx, reviewId: string, searchId: string) {
  const search = await tx.search.findFirst({ where: { id: searchId, reviewId }, select: { id: true } });
  if (!search) throw new DomainError("That search does not belong to this review.", { searchId: ["Choose one of this review's searches."] });
}

async function startImport(tx: Tx, actorId: string, reviewId: string, searchId: string, fileName: string, format: string, encoding: string) {
  const created = await tx.import.create({ data: { reviewId, searchId, fileName, format, encoding, recordCount: 0, warnings: [], createdById: actorId } });
  return created.id;
}

async function finishImport(tx: Tx, actorId: string, reviewId: string, searchId: string, importId: string, fileName: string, summary: ImportSummary): Promise<StoredImport> {
  await tx.import.update({ where: { id: importId }, data: { recordCount: summary.recordCount, warnings: summary.warnings } });
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "Import",
    entityId: importId,
    action: "create",
    after: { fileName, searchId, format: summary.format, encoding: summary.encoding, records: summary.recordCount, warnings: summary.warnings.length },
  });
  return { id: importId, fileName, records: summary.recordCount };
}

/**
 * Stores already-parsed files in the caller's transaction: one broken write rolls back the
 * whole upload, so an import is all or nothing.
 */
export async function importParsedFiles(tx: Tx, actorId: string, reviewId: string, searchId: string, files: ParsedFile[]): Promise<StoredImport[]> {
  await assertSearchInReview(tx, reviewId, searchId);
  const imports = [];
  for (const { fileName, result } of files) {
    const importId = await startImport(tx, actorId, reviewId, searchId, fileName, result.format, result.encoding);
    await insertRecords(tx, reviewId, importId, result.records);
    imports.push(await finishImport(tx, actorId, reviewId, searchId, importId, fileName, { ...result, recordCount: result.records.length }));
  }
  return imports;
}

/**
 * Parses one export file a batch at a time in the import worker and stores each batch in the
 * caller's transaction while the worker parses the next, so a 100,000-record export never sits
 * in memory whole; a parse error part-way (ParseError, with its line) rolls the whole upload back.
 * Takes `bytes` (see parseOffThread).
 */
export async function importFileBytes(
  tx: Tx,
  actorId: string,
  reviewId: string,
  searchId: string,
  file: { fileName: string; bytes: Uint8Array; format: ImportFormat | "auto" },
): Promise<StoredImport> {
  await assertSearchInReview(tx, reviewId, searchId);
  let importId = "";
  const job = { options: { format: file.format, fileName: file.fileName }, rows: true, keep: 0 };
  const summary = await parseOffThread(file.bytes, job, async (batch) => {
    if (batch.position === 0) importId = await startImport(tx, actorId, reviewId, searchId, file.fileName, batch.format, batch.encoding);
    await insertRecordValues(tx, reviewId, importId, batch.rows!, batch.position);
  });
  return finishImport(tx, actorId, reviewId, searchId, importId, file.fileName, { ...summary, warnings: [...summary.warnings, ...summary.lengthWarnings] });
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
