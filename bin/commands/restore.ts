import { BackupError, restoreDatabase } from "@/lib/archive/sqlite-backup";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { printResult } from "./io";

const usage = `Usage: npm run --silent sieve -- restore FILE [--json]

Replaces the SQLite database (DATABASE_URL) by a backup made with sieve backup. Stop the server
first: restore refuses while any process has the database open. FILE must be an intact Sieve
database with exactly this version's migrations applied. The replaced database is kept beside
it as <database>.before-restore-<time>. Uploaded files (SIEVE_DATA_DIR/uploads) are not touched.`;

export const restoreCommand: Command = {
  summary: "Restore the database from a backup (server stopped)",
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false } }, strict: true }, usage);
    if (positionals.length !== 1) throw new CliError(`Name the backup file.\n\n${usage}`, 2);
    try {
      const result = await restoreDatabase(positionals[0]);
      printResult(
        values.json,
        result,
        `Restored ${result.file} from ${positionals[0]} (${result.reviews} reviews, ${result.users} users).${result.savedAs ? ` The replaced database is at ${result.savedAs}.` : ""} Start the server again.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(error.message);
      throw error;
    }
  },
};
