import { backupDatabase, BackupError } from "@/lib/archive/sqlite-backup";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { printResult } from "./io";

const usage = `Usage: npm run --silent sieve -- backup FILE [--json]

Copies the whole SQLite database (DATABASE_URL) to FILE through SQLite's backup API: a consistent
snapshot, safe while the app is serving. FILE must not exist. Uploaded PDFs and figures live under
SIEVE_DATA_DIR/uploads; copy that folder too (or export reviews with sieve export).`;

export const backupCommand: Command = {
  summary: "Online, consistent copy of the SQLite database",
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false } }, strict: true }, usage);
    if (positionals.length !== 1) throw new CliError(`Name the backup file.\n\n${usage}`, 2);
    try {
      const result = await backupDatabase(positionals[0]);
      printResult(values.json, result, `Backed up to ${result.file} (${result.bytes.toLocaleString("en-GB")} bytes, ${result.migrations} migrations)`);
      return 0;
    } catch (error) {
      if (error instanceof BackupError) throw new CliError(error.message);
      throw error;
    }
  },
};
