import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/database-url";

/** The client or an interactive transaction: what mutations accept so they compose in one transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// busy_timeout (better-sqlite3's `timeout`) makes a concurrent writer wait instead of failing with
// SQLITE_BUSY. WAL mode is persistent in the database file and is switched on by scripts/setup.mjs.
function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 5000 }) });
}

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { sieveDb?: PrismaClient };

export const db: PrismaClient = globalForDb.sieveDb ?? createClient();
globalForDb.sieveDb = db;

/**
 * An interactive transaction that takes SQLite's write lock before its first read. A deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY when another process
 * (the CLI, a second server) committed in between, and busy_timeout cannot help it; taking the
 * lock first makes it wait its turn instead. A no-op DELETE is enough to take the lock.
 */
export function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return db.$transaction(
    async (tx) => {
      if (databaseUrl().startsWith("file:")) await tx.$executeRawUnsafe('DELETE FROM "LoginThrottle" WHERE 0');
      return fn(tx);
    },
    { timeout: options?.timeout ?? 30_000, maxWait: 30_000 },
  );
}
