import Database, { type Statement } from "better-sqlite3";
import { db, sqliteConnectionOf, type Tx } from "@/lib/db";
import { databaseUrl } from "@/lib/database-url";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Portable SQL (Prisma.sql fragments) run straight on SQLite where that is safe, else through
 * Prisma. Each Prisma query, raw ones included, costs a few hundred microseconds of client work
 * (serialising, planning, tracing, the adapter's copies) and SQLite re-prepares its SQL every time;
 * a screening decision runs about fifteen, which was most of its time. Here a statement is
 * prepared once per connection and reused.
 *
 * - Inside an interactive transaction on SQLite: on Prisma's own connection, so the statement is
 *   part of the transaction (lib/db.ts sqliteConnectionOf).
 * - Reads outside a transaction on SQLite: on a read-only connection of this process. In WAL mode
 *   each statement sees the last committed state, never another request's open transaction (as
 *   Prisma's own reads, on `db`'s connection apart from the writer's; lib/db.ts).
 * - Anything else (other databases, writes outside a transaction): Prisma's $queryRaw/$executeRaw.
 *
 * Values are bound as the adapter binds them (dates as ISO 8601 with "+00:00", booleans as 0/1),
 * so rows written here are indistinguishable from Prisma's. Results come back as SQLite gives
 * them: integers as numbers, JSON columns as text, dates as text.
 */
const globalForSql = globalThis as unknown as { sieveReader?: { url: string; sqlite: Database.Database } };
const statements = new WeakMap<Database.Database, Map<string, Statement>>();
const MAX_STATEMENTS = 500;

function reader(): Database.Database | null {
  const url = databaseUrl();
  if (!url.startsWith("file:")) return null;
  const cached = globalForSql.sieveReader;
  if (cached?.url === url && cached.sqlite.open) return cached.sqlite;
  cached?.sqlite.close();
  const sqlite = new Database(url.slice("file:".length).split("?")[0], { readonly: true, fileMustExist: true, timeout: 5000 });
  globalForSql.sieveReader = { url, sqlite };
  return sqlite;
}

function statement(sqlite: Database.Database, sql: string): Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    // Queries whose IN lists vary in length make distinct texts; keep the cache bounded.
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value as string);
    stmt = sqlite.prepare(sql);
    // Prisma's connection reads integers as BigInt; these callers want numbers, as from a fresh connection.
    if (stmt.reader) stmt.safeIntegers(false);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** A DateTime as the SQLite adapter stores it (ISO 8601 with "+00:00" for "Z"), for rows written beside Prisma. */
export const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

const bindable = (v: unknown) => (v instanceof Date ? sqliteTimestamp(v) : typeof v === "boolean" ? (v ? 1 : 0) : v === undefined ? null : v);

/** Rows of a read; inside `client`'s transaction when it is one. */
export async function queryRows<T>(client: Tx, query: Prisma.Sql): Promise<T[]> {
  const sqlite = sqliteConnectionOf(client) ?? (client === db ? reader() : null);
  if (!sqlite) return client.$queryRaw<T[]>(query);
  return statement(sqlite, query.sql).all(...query.values.map(bindable)) as T[];
}

/** A write inside `client`'s transaction; the number of rows changed. */
export async function execute(client: Tx, query: Prisma.Sql): Promise<number> {
  const sqlite = sqliteConnectionOf(client);
  if (!sqlite) return client.$executeRaw(query);
  return statement(sqlite, query.sql).run(...query.values.map(bindable)).changes;
}
