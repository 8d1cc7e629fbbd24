// Turns the failures a user can cause or fix into one line, so the CLI never prints a stack trace
// for them: a bad option (node:util parseArgs), an ungenerated Prisma client, an unset database.
import { existsSync, statSync, unlinkSync } from "node:fs";
import { databaseUrl } from "../lib/database-url";
import { CliError } from "./commands/types";

/** The SQLite file DATABASE_URL points at, or undefined for a non-file URL. */
export function databaseFile(): string | undefined {
  const url = databaseUrl();
  return url.startsWith("file:") ? url.slice("file:".length).replace(/\?.*$/, "") : undefined;
}

const SETUP_HINT = 'set it up with "npm run db:migrate" (or "npm start", which also creates the first account)';

/** A known failure as a CliError, or undefined when it is a bug that should keep its stack. */
export function explainFailure(error: unknown, command: string | undefined): CliError | undefined {
  if (error instanceof CliError) return error;
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  // node:util parseArgs: unknown option, missing value ("Option '--review <value>' argument missing"), stray positional.
  if (code.startsWith("ERR_PARSE_ARGS_")) {
    const message = error.message.split("\n")[0].replace(/\. To specify a positional argument.*$/, ".");
    return new CliError(`${command ? `${command}: ` : ""}${message} (see "sieve ${command ?? ""} --help")`, 2);
  }
  const text = `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}`;
  if (/generated\/prisma|Cannot find package '@\/lib'|@prisma\/client did not initialize/.test(text)) {
    return new CliError('the database client is not generated; run "npm run db:generate" (npm install normally does this)');
  }
  const prismaCode = (error as { code?: unknown }).code;
  if (prismaCode === "P2021" || prismaCode === "P2022" || /no such (?:table|column)/i.test(text)) {
    return new CliError(`the database ${databaseFile() ?? databaseUrl()} is not set up (no Sieve tables or an older schema); ${SETUP_HINT}`);
  }
  if (/unable to open database file|SQLITE_CANTOPEN/i.test(text)) {
    return new CliError(`cannot open the database ${databaseFile() ?? databaseUrl()} (check DATABASE_URL and that its folder exists)`);
  }
  return undefined;
}

/**
 * Opening a missing SQLite file creates it; a command that then fails must not leave that empty
 * file behind, or the next run finds a "database" with no tables.
 */
export function removeDatabaseIfCreatedEmpty(file: string | undefined, existedBefore: boolean): void {
  if (!file || existedBefore || !existsSync(file)) return;
  if (statSync(file).size > 0) return;
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) unlinkSync(f);
}
