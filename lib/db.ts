import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Database } from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/database-url";
import { DomainError } from "@/lib/errors";

/** The client or an interactive transaction: what mutations accept so they compose in one transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// busy_timeout (better-sqlite3's `timeout`) makes a concurrent writer wait instead of failing with
// SQLITE_BUSY. WAL mode is persistent in the database file and is switched on by scripts/setup.mjs.
function createClient(onConnection?: (sqlite: Database | undefined) => void): PrismaClient {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 5000 });
  if (onConnection) {
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      const client = (adapter as unknown as { client?: Partial<Database> }).client;
      onConnection(typeof client?.prepare === "function" && typeof client.inTransaction === "boolean" ? (client as Database) : undefined);
      return adapter;
    };
  }
  return new PrismaClient({ adapter: factory });
}

// One pair of clients per process; Next's dev server re-evaluates modules, so keep them on globalThis.
const globalForDb = globalThis as unknown as { sieveDb?: PrismaClient; sieveWriter?: PrismaClient; sieveSqlite?: Database };

/**
 * Every write transaction runs on this client (writeTransaction). The adapter runs a transaction
 * on its one connection, and any other query on that connection meanwhile would run inside it:
 * a read would see the open transaction's rows (a page or an export showing half an import that
 * then rolls back) and a write would be rolled back with it. So nothing else uses this client.
 * Its connection is kept so bulk writes can run prepared statements in the transaction (sqliteConnectionOf).
 */
const writer: PrismaClient = globalForDb.sieveWriter ?? createClient((sqlite) => (globalForDb.sieveSqlite = sqlite));
globalForDb.sieveWriter = writer;

/**
 * The client for reads: a connection of its own, so in WAL mode each query sees the last committed
 * state, never a transaction still open. Write through writeTransaction, never through this.
 * Its $disconnect waits for deferred checkpoints, then closes both connections.
 */
export const db: PrismaClient = globalForDb.sieveDb ?? withWriterDisconnect(createClient());
globalForDb.sieveDb = db;

function withWriterDisconnect(reads: PrismaClient): PrismaClient {
  const disconnectReads = reads.$disconnect.bind(reads);
  reads.$disconnect = async () => {
    // A command that exits mid-checkpoint would leave the log for the server's next commit to copy.
    await deferredCheckpoints();
    await Promise.all([disconnectReads(), writer.$disconnect()]);
  };
  return reads;
}

const TAKE_WRITE_LOCK = 'DELETE FROM "LoginThrottle" WHERE 0';

/**
 * An interactive transaction that takes SQLite's write lock before its first read. A deferred
 * transaction that reads and then writes fails at once with SQLITE_BUSY when another process
 * (the CLI, a second server) committed in between, and busy_timeout cannot help it; taking the
 * lock first makes it wait its turn instead. A no-op DELETE is enough to take the lock.
 * `bulk` is for transactions that write hundreds of MB (imports): see deferCheckpoint.
 * SQLite has one writer: a transaction that cannot start within `maxWait` (this process) or the
 * busy timeout (another process) fails with DATABASE_BUSY, having written nothing.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number; bulk?: boolean }): Promise<T> {
  let afterCommit: (() => void) | undefined;
  try {
    return await writer.$transaction(
      async (tx) => {
        if (databaseUrl().startsWith("file:")) {
          // Straight on the connection when it is reachable: a Prisma round trip here cost as much as a vote's own writes.
          const sqlite = sqliteConnectionOf(tx);
          if (sqlite) sqlite.prepare(TAKE_WRITE_LOCK).run();
          else await tx.$executeRawUnsafe(TAKE_WRITE_LOCK);
          if (sqlite && options?.bulk) afterCommit = deferCheckpoint(sqlite);
        }
        return fn(tx);
      },
      { timeout: options?.timeout ?? 30_000, maxWait: options?.maxWait ?? 30_000 },
    );
  } catch (error) {
    if (isBusy(error)) throw new DomainError(DATABASE_BUSY);
    throw error;
  } finally {
    afterCommit?.();
  }
}

export const DATABASE_BUSY =
  "The database is busy with a long operation (an import or a duplicate detection run, perhaps a colleague's). Nothing was saved; try again in a minute.";

/** Prisma's "could not start within maxWait", or SQLite's lock held past the busy timeout by another process. */
function isBusy(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === "P2028" && /Unable to start a transaction in the given time/.test(String(message))) || code === "SQLITE_BUSY";
}

const CHECKPOINT_WORKER = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/checkpoint-worker.mjs");
let deferred = 0;
let checkpoints: { worker: Worker; done: Promise<void> }[] = [];

/**
 * SQLite's automatic checkpoint copies the write-ahead log into the database inside the COMMIT
 * that makes it long: for a 100,000-record import, 650 MB and 1–3 s with this thread (every
 * other request) blocked. For a bulk transaction it is switched off on the connection, and once
 * the transaction has ended a worker checkpoints on a connection of its own; the setting comes
 * back when no bulk checkpoint is pending. The COMMIT itself still syncs the log, so a
 * committed import is as durable as before. Without the worker file, the next commit checkpoints.
 */
function deferCheckpoint(sqlite: Database): () => void {
  if (deferred++ === 0) sqlite.pragma("wal_autocheckpoint = 0");
  return () => {
    const restore = () => {
      if (--deferred === 0 && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    };
    if (!sqlite.open || !existsSync(CHECKPOINT_WORKER)) return restore();
    const worker = new Worker(CHECKPOINT_WORKER, { workerData: { file: sqlite.name } });
    worker.unref();
    worker.on("error", () => {}); // a failed checkpoint is retried by the next commit's automatic one
    checkpoints.push({ worker, done: new Promise((resolve) => worker.once("exit", () => resolve(restore()))) });
  };
}

/** SQLite's default wal_autocheckpoint, in pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Resolves when every checkpoint deferred so far has finished (benchmarks, tests). */
export async function deferredCheckpoints(): Promise<void> {
  const pending = checkpoints;
  checkpoints = [];
  // Held open while waited for: an unref'd worker alone would let the process exit first.
  for (const { worker } of pending) worker.ref();
  await Promise.all(pending.map((p) => p.done));
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
