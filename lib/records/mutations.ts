import { newId } from "@/lib/ids";
import { sqliteTimestamp } from "@/lib/sql";
import type { Database, Statement } from "better-sqlite3";
import { sqliteConnectionOf, type Tx } from "@/lib/db";
import type { BibRecord } from "@/lib/formats/record";
import { Debug } from "@prisma/client/runtime/client";
import { Debug as AdapterDebug } from "@prisma/driver-adapter-utils";
import { Prisma } from "@/lib/generated/prisma/client";
import { RECORD_VALUE_COLUMNS, ROW_COLUMNS, recordValues, type RowValues } from "@/lib/records/row-values";

// One multi-row INSERT per 500 records: 26 × 500 = 13,000 bound values, well below SQLite's limit
// of 32,766 (and PostgreSQL's 65,535). Prisma's createMany went through ~2,000 records/s here;
// the plain INSERT ~9,000 (npm run bench:import).
const ROWS_PER_INSERT = 500;

/** Prisma.Sql's string parts for an INSERT of `rows` rows, kept per row count. */
const insertParts = new Map<number, string[]>();
function insertStrings(rows: number): string[] {
  let parts = insertParts.get(rows);
  if (!parts) {
    const head = `INSERT INTO "Record" (${ROW_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (`;
    parts = [head];
    for (let r = 0; r < rows; r++) {
      for (let c = 1; c < ROW_COLUMNS.length; c++) parts.push(", ");
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

/** Fills the STORE_COLUMNS slots of each row in place; `createdAt` as the caller's driver takes it. */
function fillStoreValues(rows: RowValues[], reviewId: string, importId: string | null, firstPosition: number, time: string, createdAt: Date | string): void {
  const at = RECORD_VALUE_COLUMNS.length;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    row[at] = newId(time);
    row[at + 1] = reviewId;
    row[at + 2] = importId;
    row[at + 3] = firstPosition + k;
    row[at + 4] = createdAt;
  }
}

// One prepared single-row INSERT per connection, kept for the connection's life.
const statements = new WeakMap<Database, Statement<unknown[]>>();
function insertStatement(sqlite: Database): Statement<unknown[]> {
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(`INSERT INTO "Record" (${ROW_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${ROW_COLUMNS.map(() => "?").join(", ")})`);
    statements.set(sqlite, statement);
  }
  return statement;
}

/** insertRecordValues for parsed records (the demo, tests, whole files already in memory). */
export function insertRecords(tx: Tx, reviewId: string, importId: string | null, records: BibRecord[], firstPosition = 0): Promise<number> {
  return insertRecordValues(tx, reviewId, importId, records.map(recordValues), firstPosition);
}

/**
 * Inserts rows of recordValues inside the caller's transaction, so an import is all or nothing;
 * fills their STORE_COLUMNS in place. Inside an interactive transaction on SQLite, a prepared
 * statement on Prisma's own connection (sqliteConnectionOf) runs each row: Prisma's $executeRaw
 * compiled and copied every bound value of a multi-row INSERT several times, three quarters of an
 * import's time (npm run bench:import). Otherwise a parameterised multi-row INSERT in portable SQL
 * through Prisma. Either way ids, JSON and the timestamp are written exactly as Prisma writes them.
 * `firstPosition` is the position of rows[0] in its file, for imports stored a batch at a time.
 */
export async function insertRecordValues(tx: Tx, reviewId: string, importId: string | null, rows: RowValues[], firstPosition = 0): Promise<number> {
  const createdAt = new Date();
  const time = createdAt.getTime().toString(36).padStart(8, "0");
  const sqlite = sqliteConnectionOf(tx);
  if (sqlite) {
    // The adapter's own timestamp format (ISO 8601, "+00:00" for "Z"), so ordering by createdAt holds across both paths.
    fillStoreValues(rows, reviewId, importId, firstPosition, time, sqliteTimestamp(createdAt));
    const statement = insertStatement(sqlite);
    for (let k = 0; k < rows.length; k++) statement.run(rows[k]);
    return rows.length;
  }
  fillStoreValues(rows, reviewId, importId, firstPosition, time, createdAt);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const end = Math.min(rows.length, i + ROWS_PER_INSERT);
    const values: unknown[] = [];
    for (let k = i; k < end; k++) values.push(...rows[k]);
    await tx.$executeRaw(new Prisma.Sql(insertStrings(end - i), values));
    forgetQueryArgs();
  }
  return rows.length;
}
