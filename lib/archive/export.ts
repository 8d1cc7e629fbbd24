/**
 * `sieve export`: a whole review as one archive: every row of every table that belongs to it (in
 * id order, as stored), the people it names by e-mail, and the stored PDFs and figure images.
 */
import path from "node:path";
import { db } from "@/lib/db";
import { readStoredFile } from "@/lib/screening/pdf-store";
import { ARCHIVE_KIND, FORMAT_VERSION, type ArchiveJson, type Person } from "./format";
import { REVIEW_COLUMNS, TABLE_NAMES, TABLES, toArchiveRow, type Row, type TableName } from "./tables";
import { packArchive } from "./zip";

/** Someone an imported review named but the instance did not know: kept as this id so their work stays theirs. */
export const UNKNOWN_PERSON_PREFIX = "unknown:";

type Delegate = { findMany(args: unknown): Promise<Row[]> };

function scope(table: TableName, reviewId: string): Record<string, unknown> {
  if (table === "fullTexts") return { record: { reviewId } };
  if (table === "robRatings") return { assessment: { reviewId } };
  return { reviewId };
}

export async function readReviewRows(reviewId: string): Promise<{ review: Row; tables: Record<TableName, Row[]> }> {
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
  const tables = {} as Record<TableName, Row[]>;
  for (const table of TABLE_NAMES) {
    const delegate = (db as unknown as Record<string, Delegate>)[TABLES[table].model];
    const rows = await delegate.findMany({ where: scope(table, reviewId), orderBy: { id: "asc" } });
    tables[table] = rows.map((r) => toArchiveRow(TABLES[table].columns, r));
  }
  return { review: toArchiveRow(REVIEW_COLUMNS, review as unknown as Row), tables };
}

/** Everyone a row names (member, voter, rater, author of an audit event), with their e-mail. */
async function peopleOf(tables: Record<TableName, Row[]>): Promise<Person[]> {
  const ids = new Set<string>();
  for (const table of TABLE_NAMES) {
    for (const ref of TABLES[table].refs) {
      if (ref.table !== "people") continue;
      for (const row of tables[table]) if (typeof row[ref.column] === "string") ids.add(row[ref.column] as string);
    }
  }
  const users = await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, email: true, name: true } });
  const known = new Map(users.map((u) => [u.id, u]));
  return [...ids].sort().map((id) => {
    const user = known.get(id);
    if (user) return { id, email: user.email, name: user.name };
    return { id, email: id.startsWith(UNKNOWN_PERSON_PREFIX) ? id.slice(UNKNOWN_PERSON_PREFIX.length) : null, name: "" };
  });
}

/** The archive's name for a stored file: by the row that holds it, so it never depends on the server's folders. */
export const archivedFileName = (kind: "fulltext" | "figure", rowId: string, storedPath: string) => `files/${kind}/${rowId}${path.extname(storedPath)}`;

export async function buildArchiveJson(reviewId: string, now = new Date()): Promise<{ json: ArchiveJson; files: Map<string, Uint8Array> }> {
  const { review, tables } = await readReviewRows(reviewId);
  const files = new Map<string, Uint8Array>();
  for (const row of tables.fullTexts) {
    if (typeof row.filePath !== "string") continue;
    const name = archivedFileName("fulltext", row.id as string, row.filePath);
    files.set(name, await readStoredFile(row.filePath));
    row.filePath = name;
  }
  for (const row of tables.digitisations) {
    if (typeof row.imagePath !== "string") continue;
    const name = archivedFileName("figure", row.id as string, row.imagePath);
    files.set(name, await readStoredFile(row.imagePath));
    row.imagePath = name;
  }
  const json: ArchiveJson = { kind: ARCHIVE_KIND, formatVersion: FORMAT_VERSION, exportedAt: now.toISOString(), review, people: await peopleOf(tables), ...tables };
  return { json, files };
}

export async function exportReviewArchive(reviewId: string): Promise<Buffer> {
  const { json, files } = await buildArchiveJson(reviewId);
  return packArchive(json, files);
}
