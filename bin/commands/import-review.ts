import { db } from "@/lib/db";
import { ArchiveError } from "@/lib/archive/format";
import { importReviewArchive } from "@/lib/archive/import";
import { CliError, type Command } from "./types";
import { parseCliArgs, readInputFile } from "./files";
import { printResult } from "./io";

const usage = `Usage: npm run --silent sieve -- import-review FILE.zip --owner EMAIL [--json]

Imports an archive made by sieve export as a new review owned by EMAIL, with new ids. Members are
matched by e-mail; anyone this instance does not know is reported and invited with their roles.
The archive is checked whole (checksums, format version, references) before anything is written;
a broken, truncated or tampered archive is refused and nothing changes.`;

export const importReviewCommand: Command = {
  summary: "Import a review archive as a new review",
  usage,
  async run(argv) {
    const { values, positionals } = parseCliArgs({ args: argv, allowPositionals: true, options: { owner: { type: "string" }, json: { type: "boolean", default: false } }, strict: true }, usage);
    if (positionals.length !== 1) throw new CliError(`Name one archive file.\n\n${usage}`, 2);
    if (!values.owner) throw new CliError(`--owner EMAIL is required.\n\n${usage}`, 2);
    const bytes = await readInputFile(positionals[0]);
    try {
      const report = await importReviewArchive(bytes, values.owner);
      printResult(
        values.json,
        report,
        [
          `Imported as "${report.slug}"${report.migratedFrom ? ` (archive format ${report.migratedFrom}, migrated)` : ""}: ${report.rows.records} records, ${report.rows.studies} studies, ${report.files} files.`,
          ...report.unknownPeople.map((e) => `  unknown here: ${e}${report.invited.includes(e) ? " (invited)" : ""}`),
        ].join("\n"),
      );
      return 0;
    } catch (error) {
      if (error instanceof ArchiveError) throw new CliError(`${positionals[0]}: ${error.message.replace(/\.?$/, ".")} Nothing was imported.`);
      throw error;
    } finally {
      await db.$disconnect();
    }
  },
};
