import { parseArgs } from "node:util";
import { FORMAT_NAMES } from "@/lib/formats/detect";
import type { ImportFormat } from "@/lib/formats/record";
import { IMPORT_FORMATS as FORMATS } from "@/lib/imports/schema";
import { CliError, type Command } from "./types";
import { parseExportFile } from "./files";

/**
 * `sieve parse FILE`: reads one export with the same parser the web app uses and prints what it
 * found. Touches no database.
 */
export const parseCommand: Command = {
  summary: "parse an export file (RIS, MEDLINE, PubMed XML, WoS, BibTeX, EndNote XML, CSV) and print the records",
  usage: [
    "Usage: npm run --silent sieve -- parse FILE [--format auto|ris|medline|pubmed-xml|wos|wos-tab|bibtex|endnote-xml|csv] [--json]",
    "",
    "  --format   force a format instead of detecting it from the content (default: auto)",
    "  --json     print {format, encoding, records, warnings} as JSON (records include their raw tags)",
  ].join("\n"),
  async run(argv) {
    let values: { format?: string; json?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        options: { format: { type: "string", short: "f", default: "auto" }, json: { type: "boolean", default: false } },
        allowPositionals: true,
      }));
    } catch (error) {
      throw new CliError(`parse: ${(error as Error).message}`, 2);
    }
    if (positionals.length !== 1) throw new CliError("parse: expected exactly one FILE (see --help)", 2);
    const [file] = positionals;
    const format = values.format ?? "auto";
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`parse: unknown --format "${format}"; expected one of ${FORMATS.join(", ")}`, 2);

    const result = await parseExportFile(file, format as ImportFormat | "auto");
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ format: result.format, encoding: result.encoding, records: result.records, warnings: result.warnings })}\n`);
    } else {
      printSummary(file, result.format, result.encoding, result.records.length, result.warnings);
      for (const r of result.records.slice(0, 3)) {
        const who = r.authors[0] ? `${r.authors[0].family}${r.authors.length > 1 ? " et al." : ""}` : "(no authors)";
        process.stdout.write(`  - ${who} (${r.year ?? "n.d."}) ${r.title.slice(0, 90)}${r.doi ? ` doi:${r.doi}` : ""}\n`);
      }
    }
    return 0;
  },
};

function printSummary(file: string, format: ImportFormat, encoding: string, count: number, warnings: { line?: number; message: string }[]) {
  process.stdout.write(`${file}: ${FORMAT_NAMES[format]}, ${encoding}, ${count} record${count === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}\n`);
  for (const w of warnings.slice(0, 10)) process.stdout.write(`  warning: ${w.line !== undefined ? `line ${w.line}: ` : ""}${w.message}\n`);
  if (warnings.length > 10) process.stdout.write(`  … ${warnings.length - 10} more (use --json to see all)\n`);
}
