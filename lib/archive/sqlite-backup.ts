/**
 * Backups of the whole SQLite database. `backup` copies it online through SQLite's backup API
 * (better-sqlite3's .backup()), which copies a consistent snapshot page by page while the server
 * keeps reading and writing. `restore` puts such a copy back: only when no process has the
 * database open (the server stopped), and only a file that is a Sieve database with exactly the
 * migrations this code knows applied, so a wrong or half-made file never replaces the data.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl } from "@/lib/database-url";

export class BackupError extends Error {}

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** The live database's file path (DATABASE_URL, as the app resolves it). */
export function databaseFile(): string {
  const url = databaseUrl();
  if (!url.startsWith("file:")) throw new BackupError(`DATABASE_URL is not a SQLite file (${url}); back up that database with its own tools.`);
  return url.slice("file:".length);
}

export function knownMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((d) => /^\d/.test(d)).sort();
}

/** A consistent copy of the live database into `target` (which must not exist yet). */
export async function backupDatabase(target: string): Promise<{ file: string; bytes: number; migrations: number }> {
  const source = databaseFile();
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  const out = path.resolve(target);
  if (existsSync(out)) throw new BackupError(`${out} already exists; choose a new file name.`);
  const partial = `${out}.partial`;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  // Only a complete, checked copy gets the requested name.
  const { migrations } = inspectSieveDatabase(partial);
  renameSync(partial, out);
  return { file: out, bytes: statSync(out).size, migrations: migrations.length };
}

/** Checks that a file is an intact Sieve database with exactly the migrations this code has; throws BackupError otherwise. */
export function inspectSieveDatabase(file: string): { migrations: string[]; reviews: number; users: number } {
  if (!existsSync(file)) throw new BackupError(`${file}: no such file.`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = (db.pragma("integrity_check", { simple: true }) as string) ?? "";
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
    }
    if (integrity !== "ok") throw new BackupError(`${file} is damaged (integrity check: ${integrity}).`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const t of ["_prisma_migrations", "User", "Review", "AuditEvent"]) {
      if (!tables.has(t)) throw new BackupError(`${file} is not a Sieve database (it has no ${t} table).`);
    }
    const rows = db.prepare("SELECT migration_name AS name, finished_at AS finished, rolled_back_at AS rolledBack FROM _prisma_migrations").all() as { name: string; finished: unknown; rolledBack: unknown }[];
    const applied = rows.filter((r) => r.finished && !r.rolledBack).map((r) => r.name).sort();
    const known = knownMigrations();
    const missing = known.filter((m) => !applied.includes(m));
    const unknown = applied.filter((m) => !known.includes(m));
    if (unknown.length) throw new BackupError(`${file} was made by a newer Sieve (migrations ${unknown.join(", ")} are unknown here); update Sieve first.`);
    if (missing.length) throw new BackupError(`${file} lacks migrations ${missing.join(", ")}; run "npm run db:migrate" on a copy of it with DATABASE_URL pointing there, then restore that copy.`);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return { migrations: applied, reviews: count("Review"), users: count("User") };
  } finally {
    db.close();
  }
}

/** True when some process (the server, the CLI) has the database open: SQLite then refuses an exclusive lock. */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    return false;
  } catch {
    return true;
  } finally {
    db.close();
  }
}

/**
 * Replaces the live database by a checked backup. The current database is first copied aside
 * (`<db>.before-restore-<time>`), then the backup is written over it with the backup API, so the
 * WAL and its index stay consistent.
 */
export async function restoreDatabase(backup: string, now = new Date()): Promise<{ file: string; savedAs: string | null; reviews: number; users: number }> {
  const source = path.resolve(backup);
  const checked = inspectSieveDatabase(source);
  const target = databaseFile();
  if (path.resolve(target) === source) throw new BackupError("That file is the live database itself.");
  if (databaseInUse(target)) throw new BackupError(`The database ${target} is in use. Stop the Sieve server (and any sieve command) first, then restore.`);
  let savedAs: string | null = null;
  if (existsSync(target)) {
    savedAs = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    const current = new Database(target, { readonly: true, fileMustExist: true });
    try {
      await current.backup(savedAs);
    } finally {
      current.close();
    }
  }
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(target);
  } finally {
    from.close();
  }
  return { file: target, savedAs, reviews: checked.reviews, users: checked.users };
}
