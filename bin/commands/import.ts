import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { db, writeTransaction } from "@/lib/db";
import { ParseError, type ImportFormat } from "@/lib/formats/record";
import { createSearch, importFileBytes } from "@/lib/imports/mutations";
import { IMPORT_FORMATS, searchFieldsSchema } from "@/lib/imports/schema";
import { CliError, type Command } from "./types";
import { actAs, domain, printResult, validate } from "./io";

/** "Embase 2025-01-10" → database "Embase" run on 2025-01-10; the date is optional. */
export function parseSearchLabel(label: string): { database: string; dateRun?: string } {
  const m = /^(.*?)\s+(\d{4}-\d{2}-\d{2})$/.exec(label.trim());
  return m ? { database: m[1], dateRun: m[2] } : { database: label.trim() };
}

export const importCommand: Command = {
  summary: "Import export files into a review's search (all or nothing)",
  usage: [
    'sieve import --review SLUG --search "Embase 2025-01-10" [--kind DATABASE|REGISTER|OTHER] [--hits N] [--format auto|ris|…] [--as EMAIL] [--json] FILE…',
    "  Uses the review's search with that database and date, or logs a new one.",
  ].join("\n"),
  async run(argv) {
    const { positionals: files, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        review: { type: "string" },
        search: { type: "string" },
        kind: { type: "string", default: "DATABASE" },
        hits: { type: "string" },
        format: { type: "string", default: "auto" },
        as: { type: "string" },
        json: { type: "boolean" },
      },
    });
    if (!values.search) throw new CliError('--search "DATABASE [YYYY-MM-DD]" is required', 2);
    if (!files.length) throw new CliError("name at least one export file", 2);
    if (!(IMPORT_FORMATS as readonly string[]).includes(values.format)) throw new CliError(`--format must be one of ${IMPORT_FORMATS.join(", ")}`, 2);
    const { user, review } = await actAs(values.as, values.review, "manage");
    const fields = validate(searchFieldsSchema, { ...parseSearchLabel(values.search), kind: values.kind, reportedHits: values.hits });

    // One transaction for every file: a broken file part-way rolls back everything before it.
    let current = "";
    const imports = await domain(() =>
      writeTransaction(
        async (tx) => {
          const existing = await tx.search.findFirst({ where: { reviewId: review.id, database: fields.database, dateRun: fields.dateRun ?? null } });
          const search = existing ?? (await createSearch(tx, user.id, review.id, fields));
          const stored = [];
          for (const file of files) {
            current = file;
            stored.push(await importFileBytes(tx, user.id, review.id, search.id, { fileName: path.basename(file), bytes: readFileSync(file), format: values.format as ImportFormat | "auto" }));
          }
          return { search, imports: stored };
        },
        { timeout: 600_000, bulk: true },
      ),
    ).catch((error: unknown) => {
      if (error instanceof ParseError) throw new CliError(`${current}: ${error.message}. Nothing was imported.`);
      throw error;
    });
    const total = imports.imports.reduce((n, i) => n + i.records, 0);
    const stored = await db.import.findMany({ where: { id: { in: imports.imports.map((i) => i.id) } }, select: { fileName: true, warnings: true } });
    const warnings = stored.flatMap((i) => (i.warnings as { line?: number; message: string }[]).map((w) => `${i.fileName}${w.line ? `:${w.line}` : ""}: ${w.message}`));
    printResult(
      values.json,
      { review: review.slug, searchId: imports.search.id, database: imports.search.database, imports: imports.imports, warnings },
      [`Imported ${total} records into "${review.slug}" (${imports.search.database})`, ...warnings.slice(0, 20).map((w) => `  warning: ${w}`)].join("\n"),
    );
    await db.$disconnect();
    return 0;
  },
};
