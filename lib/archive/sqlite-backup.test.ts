import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase, BackupError, databaseFile, databaseInUse, inspectSieveDatabase, knownMigrations, restoreDatabase } from "./sqlite-backup";

const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-backup-"));

/** The test database applies migrations as SQL; record them as `prisma migrate deploy` does. */
function markMigrated(file: string, migrations = knownMigrations()) {
  const db = new Database(file);
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, finished_at DATETIME, migration_name TEXT NOT NULL, logs TEXT, rolled_back_at DATETIME, started_at DATETIME NOT NULL DEFAULT current_timestamp, applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
  db.exec(`DELETE FROM "_prisma_migrations"`);
  const insert = db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name) VALUES (?, 'x', current_timestamp, ?)`);
  migrations.forEach((m, i) => insert.run(String(i), m));
  db.close();
}

describe("database backup and restore", () => {
  it("copies the live database while another connection writes, and the copy checks out", async () => {
    const live = databaseFile();
    markMigrated(live);
    const writer = new Database(live);
    writer.prepare(`INSERT INTO "User" (id, email, name, passwordHash) VALUES ('u1', 'a@example.org', 'A', 'x')`).run();
    const copy = path.join(dir, "copy.db");
    const result = await backupDatabase(copy);
    writer.prepare(`INSERT INTO "User" (id, email, name, passwordHash) VALUES ('u2', 'b@example.org', 'B', 'x')`).run();
    writer.close();
    expect(result.migrations).toBe(knownMigrations().length);
    expect(inspectSieveDatabase(copy).users).toBe(1);
    await expect(backupDatabase(copy)).rejects.toThrow(/already exists/);
  });

  it("refuses a file that is not a migrated Sieve database, and a database in use", async () => {
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "this is not sqlite at all, just text of some length ".repeat(200));
    expect(() => inspectSieveDatabase(junk)).toThrow(BackupError);
    const other = path.join(dir, "other.db");
    new Database(other).exec("CREATE TABLE t(x)");
    expect(() => inspectSieveDatabase(other)).toThrow(/not a Sieve database/);
    const old = path.join(dir, "old.db");
    await backupDatabase(old);
    markMigrated(old, knownMigrations().slice(0, -1));
    expect(() => inspectSieveDatabase(old)).toThrow(/lacks migrations/);

    const held = new Database(databaseFile());
    held.prepare("SELECT count(*) FROM User").get();
    expect(databaseInUse(databaseFile())).toBe(true);
    await expect(restoreDatabase(path.join(dir, "copy.db"))).rejects.toThrow(/in use. Stop the Sieve server/);
    held.close();
  });

  it("restores a backup over the stopped database, keeping the replaced one aside", async () => {
    expect(databaseInUse(databaseFile())).toBe(false);
    const result = await restoreDatabase(path.join(dir, "copy.db"), new Date("2026-12-01T00:00:00Z"));
    expect(result.users).toBe(1);
    expect(inspectSieveDatabase(databaseFile()).users).toBe(1);
    expect(inspectSieveDatabase(result.savedAs!).users).toBe(2);
  });
});
