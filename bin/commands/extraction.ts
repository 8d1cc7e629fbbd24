import { writeFile } from "node:fs/promises";
import { db, writeTransaction } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { CsvImportError, parseOutcomeCsv, rowOfError } from "@/lib/extraction/csv-import";
import { getCurrentForm, loadCharacteristicRows, loadConsensusOutcomeRows, loadLongRows, loadRawOutcomeRows } from "@/lib/extraction/data";
import { saveMyEntry, saveOutcome } from "@/lib/extraction/mutations";
import { readEntry } from "@/lib/extraction/entries";
import { toCsv } from "@/lib/extraction/outcome-rows";
import { formFields } from "@/lib/extraction/validation";
import { tablesToXlsx } from "@/lib/extraction/xlsx";
import { CliError, type Command } from "./types";
import { parseCliArgs, readCsvFile } from "./files";
import { actAs, printResult } from "./io";

const usage = `sieve extraction import --review SLUG --as EMAIL [--submit] [--json] FILE.csv
  Stores the rows (outcome-data CSV layout) as that reviewer's own extraction, validated as the
  form is; an outcome the review lacks is added (type from the columns). All or nothing.
sieve extraction export --review SLUG --consensus|--raw --out FILE.csv [--long FILE.csv]
    [--characteristics FILE.csv] [--xlsx FILE.xlsx] [--as EMAIL]
  The consensus export feeds \`sieve meta\` unchanged; --raw (owners and adjudicators) adds a
  reviewer column with every extractor's own entry.`;

async function importRows(argv: string[]) {
  const { values, positionals } = parseCliArgs({ args: argv, allowPositionals: true, options: { review: { type: "string" }, as: { type: "string" }, submit: { type: "boolean" }, json: { type: "boolean" } }, strict: true }, usage);
  if (positionals.length !== 1) throw new CliError(`name one CSV file\n\n${usage}`, 2);
  if (!values.as) throw new CliError("--as EMAIL is required: the rows become that reviewer's own extraction", 2);
  const { user, review } = await actAs(values.as, values.review, "extract");
  const file = positionals[0];
  const { fields: header, rows } = await readCsvFile(file);
  const form = await getCurrentForm(review.id);
  let parsed;
  try {
    parsed = parseOutcomeCsv(header, rows, formFields(form?.definition ?? null));
  } catch (error) {
    if (error instanceof CsvImportError) throw new CliError(`${file}: ${error.message} Nothing was imported.`);
    throw error;
  }
  const studies = await db.study.findMany({ where: { reviewId: review.id }, select: { id: true, label: true } });
  const byLabel = new Map(studies.map((s) => [s.label.trim().toLowerCase(), s]));
  for (const s of parsed.studies)
    if (!byLabel.has(s.label.toLowerCase())) throw new CliError(`${file}: row ${s.firstRow}: no study labelled "${s.label}" in "${review.slug}" (add it with sieve study add). Nothing was imported.`);
  const actor = { id: user.id, reviewId: review.id };
  let current = parsed.studies[0];
  const result = await writeTransaction(
    async (tx) => {
      const existing = new Set((await tx.outcome.findMany({ where: { reviewId: review.id }, select: { name: true } })).map((o) => o.name));
      const added = [];
      for (const o of parsed.outcomes.filter((o) => !existing.has(o.name))) {
        await saveOutcome(tx, actor, { name: o.name, unit: "", direction: "HIGHER_IS_BETTER", type: o.type, units: [] });
        added.push(o);
      }
      const saved = [];
      for (const s of parsed.studies) {
        current = s;
        const study = byLabel.get(s.label.toLowerCase())!;
        // Answers already given in the form and not in the file are kept; the outcome data are the file's.
        const before = await tx.extractionEntry.findFirst({ where: { studyId: study.id, reviewerId: user.id, consensus: false }, select: { values: true, outcomeData: true } });
        const kept = before ? readEntry(before).values : {};
        const entry = await saveMyEntry(tx, actor, { studyId: study.id, values: { ...kept, ...s.values }, outcomeData: s.outcomeData }, { submit: values.submit });
        saved.push({ study: s.label, status: entry.status, warnings: Object.entries(entry.warnings).flatMap(([k, m]) => m.map((text) => `${rowOfError(s, k)}: ${text}`)) });
      }
      return { added, saved };
    },
    { timeout: 600_000 },
  ).catch((error: unknown) => {
    if (error instanceof DomainError) {
      const where = Object.entries(error.fieldErrors ?? {}).flatMap(([k, m]) => (m ?? []).map((text) => `${rowOfError(current, k)}: ${text}`));
      throw new CliError(`${file}: ${where.length ? where.slice(0, 10).join("; ") : error.message}. Nothing was imported.`);
    }
    throw error;
  });
  const lines = [
    ...result.added.map((o) => `Added outcome "${o.name}" (${o.type.toLowerCase()}) to "${review.slug}"`),
    `Stored ${result.saved.length} ${result.saved.length === 1 ? "study" : "studies"} as ${user.email}'s extraction (${values.submit ? "submitted" : "in progress"})`,
    ...result.saved.flatMap((s) => s.warnings.map((w) => `  warning: ${s.study}: ${w}`)),
  ];
  printResult(values.json, { review: review.slug, addedOutcomes: result.added, studies: result.saved }, lines.join("\n"));
}

async function exportRows(argv: string[]) {
  const { values } = parseCliArgs(
    {
      args: argv,
      options: {
        review: { type: "string" }, as: { type: "string" }, consensus: { type: "boolean" }, raw: { type: "boolean" },
        out: { type: "string" }, long: { type: "string" }, characteristics: { type: "string" }, xlsx: { type: "string" },
      },
      strict: true,
    },
    usage,
  );
  if (values.consensus === values.raw) throw new CliError(`choose one of --consensus or --raw\n\n${usage}`, 2);
  if (!values.out) throw new CliError(`--out FILE.csv is required\n\n${usage}`, 2);
  const consensus = values.consensus === true;
  // Raw entries are what blinding hides, so only those who reconcile may take them out.
  const { review } = await actAs(values.as, values.review, consensus ? "view" : "reconcile");
  const table = consensus ? await loadConsensusOutcomeRows(review.id) : await loadRawOutcomeRows(review.id);
  await writeFile(values.out, toCsv(table));
  const long = values.long || values.xlsx ? await loadLongRows(review.id, consensus) : null;
  const characteristics = values.characteristics || values.xlsx ? await loadCharacteristicRows(review.id, consensus) : null;
  if (values.long && long) await writeFile(values.long, toCsv(long));
  if (values.characteristics && characteristics) await writeFile(values.characteristics, toCsv(characteristics));
  if (values.xlsx && long && characteristics)
    await writeFile(values.xlsx, await tablesToXlsx([{ name: "Outcome data", table }, { name: "Long", table: long }, { name: "Characteristics", table: characteristics }]));
  process.stdout.write(`Wrote ${table.rows.length} outcome row${table.rows.length === 1 ? "" : "s"} (${consensus ? "consensus" : "raw"}) of "${review.slug}" to ${values.out}\n`);
}

export const extractionCommand: Command = {
  summary: "Import or export extracted outcome data (CSV layout of sieve meta)",
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "import") await importRows(rest);
    else if (sub === "export") await exportRows(rest);
    else throw new CliError(`unknown subcommand "${sub ?? ""}"\n\n${usage}`, 2);
    await db.$disconnect();
    return 0;
  },
};
