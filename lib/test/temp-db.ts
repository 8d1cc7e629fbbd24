import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

/**
 * A fresh SQLite file with every committed migration applied, in order, exactly as
 * `prisma migrate deploy` would run them (the SQL files are the migrations). Returns its URL.
 */
export function createMigratedDatabase(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sieve-test-")), "test.db");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  for (const dir of readdirSync(migrationsDir).filter((d) => /^\d/.test(d)).sort()) {
    sqlite.exec(readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
  }
  sqlite.close();
  return `file:${file}`;
}
