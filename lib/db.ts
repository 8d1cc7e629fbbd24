import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Database } from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/database-url";

/** The client or an interactive transaction: what mutations accept so they compose in one transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// busy_timeout (better-sqlite3's `timeout`) makes a concurrent writer wait instead of failing with
// SQLITE_BUSY. WAL mode is persistent in the database file and is switched on by scripts/setup.mjs.
function createClient(): PrismaClient {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 5000 });
  // Keep the adapter's connection (the one every Prisma query and transaction runs on) so bulk
  // writes can run prepared statements inside a Prisma transaction (sqliteConnectionOf).
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: Partial<Database> }).client;
    globalForDb.sieveSqlite = typeof client?.prepare === "function" && typeof client.inTransaction === "boolean" ? (client as Database) : undefined;
    return adapter;
  };
  return new PrismaClient({ adapter: factory });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { sieveDb?: PrismaClient; sieveSqlite?: Database };

export const db: PrismaClient = globalForDb.sieveDb ?? createClient();
globalForDb.sieveDb = db;

const TAKE_WRITE_LOCK = 'DELETE FROM "LoginThrottle" WHERE 0';

/**
 * An interactive transaction that takes SQLite's write lock before its first read. A deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY when another process
 * (the CLI, a second server) committed in between, and busy_timeout cannot help it; taking the
 * lock first makes it wait its turn instead. A no-op DELETE is enough to take the lock.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return db.$transaction(
    async (tx) => {
      if (databaseUrl().startsWith("file:")) {
        // Straight on the connection when it is reachable: a Prisma round trip here cost as much as a vote's own writes.
        const sqlite = sqliteConnectionOf(tx);
        if (sqlite) sqlite.prepare(TAKE_WRITE_LOCK).run();
        else await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
      }
      return fn(tx);
    },
    { timeout: options?.timeout ?? 30_000, maxWait: 30_000 },
  );
}

/**
 * The better-sqlite3 connection under `tx` when `tx` is an interactive transaction, else null
 * (the plain client, or an adapter that no longer exposes its connection). The adapter runs a
 * transaction on its one connection and holds a lock until it ends, so a statement run on this
 * connection during `tx` commits or rolls back with everything else written through `tx`.
 */
export function sqliteConnectionOf(tx: Tx): Database | null {
  if ("$transaction" in tx) return null; // the client itself: no transaction of ours is open
  const sqlite = globalForDb.sieveSqlite;
  return sqlite?.open && sqlite.inTransaction ? sqlite : null;
}
