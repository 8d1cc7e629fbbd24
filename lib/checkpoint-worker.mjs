// Checkpoints a SQLite database's write-ahead log on a connection of its own, off the thread that
// wrote it (writeTransaction's `bulk` option, lib/db.ts): copying the WAL of a 100,000-record
// import into the database takes seconds. PASSIVE: it never waits for, nor blocks, anyone else.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.file, { timeout: 5000 });
try {
  const [result] = db.pragma("wal_checkpoint(PASSIVE)");
  parentPort.postMessage(result);
} finally {
  db.close();
}
