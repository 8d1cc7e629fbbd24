import { newId } from "@/lib/ids";
import { sqliteTimestamp } from "@/lib/sql";
import type { Database, Statement } from "better-sqlite3";
import { sqliteConnectionOf, type Tx } from "@/lib/db";
import type { BibRecord } from "@/lib/formats/record";
import { Debug } from "@prisma/client/runtime/client";
import { Debug as AdapterDebug } from "@prisma/driver-adapter-utils";
import { Prisma } from "@/lib/generated/prisma/client";

/** The database row for one normalised record; `raw` keeps every original tag so nothing is lost. */
export function recordRow(reviewId: string, importId: string | null, position: number, r: BibRecord) {
  return {
    reviewId,
    importId,
    position,
    title: r.title,
    abstract: r.abstract ?? "",
    authors: r.authors,
    authorText: r.authors.map((a) => a.normalized).join("; "),
    year: r.year ?? null,
    journal: r.journal ?? "",
    journalAbbrev: r.journalAbbrev ?? "",
    volume: r.volume ?? "",
    issue: r.issue ?? "",
    pages: r.pages ?? "",
    doi: r.doi ?? null,
    pmid: r.pmid ?? null,
    pmcid: r.pmcid ?? null,
    issn: r.issn ?? "",
    keywords: r.keywords,
    mesh: r.mesh,
    language: r.language ?? "",
    publicationType: r.publicationType ?? "",
    url: r.url ?? "",
    sourceDatabase: r.sourceDatabase ?? "",
    raw: r.raw,
  };
}

/** The columns insertRecords writes, in the order of its bound values. */
const COLUMNS = [
  "id", "reviewId", "importId", "position", "title", "abstract", "authors", "authorText", "year", "journal", "journalAbbrev", "volume", "issue",
  "pages", "doi", "pmid", "pmcid", "issn", "keywords", "mesh", "language", "publicationType", "url", "sourceDatabase", "raw", "createdAt",
] as const;

// One multi-row INSERT per 500 records: 26 × 500 = 13,000 bound values, well below SQLite's limit
// of 32,766 (and PostgreSQL's 65,535). Prisma's createMany went through ~2,000 records/s here;
// the plain INSERT ~9,000 (npm run bench:import).
const ROWS_PER_INSERT = 500;

/** Prisma.Sql's string parts for an INSERT of `rows` rows, kept per row count. */
const insertParts = new Map<number, string[]>();
function insertStrings(rows: number): string[] {
  let parts = insertParts.get(rows);
  if (!parts) {
    const head = `INSERT INTO "Record" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (`;
    parts = [head];
    for (let r = 0; r < rows; r++) {
      for (let c = 1; c < COLUMNS.length; c++) parts.push(", ");
      parts.push(r === rows - 1 ? ")" : "), (");
    }
    insertParts.set(rows, parts);
  }
  return parts;
}

/**
 * Prisma's debug module keeps the arguments of its last 100 debug calls for crash reports, even
 * with DEBUG off, and both the client ("prisma.$executeRaw(sql, [values])") and the SQLite adapter
 * log every query with its bound values: after a few large INSERTs that history held every row of
 * an import, ~1 GB for 100,000 records. A hundred short entries in each log push them out. Skipped
 * when that namespace is being debugged, so as not to flood the output.
 */
const clientLog = Debug("sieve:insert-records");
const adapterLog = AdapterDebug("sieve:insert-records");
function forgetQueryArgs(): void {
  if (Debug.enabled("sieve:insert-records")) return;
  for (let i = 0; i < 100; i++) {
    clientLog("");
    adapterLog("");
  }
}

/** The values of one row, in COLUMNS order; `createdAt` as the caller's driver takes it. */
function rowValues(id: string, reviewId: string, importId: string | null, position: number, r: BibRecord, createdAt: Date | string): unknown[] {
  const row = recordRow(reviewId, importId, position, r);
  return [
    id, row.reviewId, row.importId, row.position, row.title, row.abstract, JSON.stringify(row.authors), row.authorText,
    row.year, row.journal, row.journalAbbrev, row.volume, row.issue, row.pages, row.doi, row.pmid, row.pmcid, row.issn,
    JSON.stringify(row.keywords), JSON.stringify(row.mesh), row.language, row.publicationType, row.url, row.sourceDatabase,
    JSON.stringify(row.raw), createdAt,
  ];
}

// One prepared single-row INSERT per connection, kept for the connection's life.
const statements = new WeakMap<Database, Statement<unknown[]>>();
function insertStatement(sqlite: Database): Statement<unknown[]> {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(`INSERT INTO "Record" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
    statements.set(sqlite, statement);
  }
  return statement;
}

/**
 * Inserts inside the caller's transaction, so an import is all or nothing. Inside an interactive
 * transaction on SQLite, a prepared statement on Prisma's own connection (sqliteConnectionOf)
 * runs each row: Prisma's $executeRaw compiled and copied every bound value of a multi-row INSERT
 * several times, three quarters of an import's time (npm run bench:import). Otherwise a
 * parameterised multi-row INSERT in portable SQL through Prisma. Either way ids, JSON and the
 * timestamp are written exactly as Prisma writes them. `firstPosition` is the position of
 * records[0] in its file, for imports stored a batch at a time.
 */
export async function insertRecords(tx: Tx, reviewId: string, importId: string | null, records: BibRecord[], firstPosition = 0): Promise<number> {
  const createdAt = new Date();
  const time = createdAt.getTime().toString(36).padStart(8, "0");
  const sqlite = sqliteConnectionOf(tx);
  if (sqlite) {
    // The adapter's own timestamp format (ISO 8601, "+00:00" for "Z"), so ordering by createdAt holds across both paths.
    const stamp = sqliteTimestamp(createdAt);
    const statement = insertStatement(sqlite);
    for (let k = 0; k < records.length; k++) statement.run(rowValues(newId(time), reviewId, importId, firstPosition + k, records[k], stamp));
    return records.length;
  }
  for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
    const end = Math.min(records.length, i + ROWS_PER_INSERT);
    const values: unknown[] = [];
    for (let k = i; k < end; k++) values.push(...rowValues(newId(time), reviewId, importId, firstPosition + k, records[k], createdAt));
    await tx.$executeRaw(new Prisma.Sql(insertStrings(end - i), values));
    forgetQueryArgs();
  }
  return records.length;
}
