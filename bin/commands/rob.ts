import { writeFile } from "node:fs/promises";
import { db, writeTransaction } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { getRobAgreement, getRobSetup, listConsensusJudgements } from "@/lib/rob/data";
import { buildRobPlots, robvisCsv } from "@/lib/rob/export";
import { parseRobCsv, RobImportError } from "@/lib/rob/import";
import { saveRating, submitAssessment } from "@/lib/rob/mutations";
import { CliError, type Command } from "./types";
import { parseCliArgs, readCsvFile } from "./files";
import { actAs, printResult } from "./io";

const usage = `sieve rob import --review SLUG --as EMAIL FILE.csv
  One rater's judgements, columns study,item,judgement[,support]; item is the tool's item number
  (SYRCLE/CAMARADES 1-10) or domain id (RoB 2 D1-D5); judgement low|unclear|some concerns|high
  (SYRCLE: yes = low risk, no = high risk). Support is required for low and high. All or nothing;
  a study whose every item is judged is submitted.
sieve rob agreement --review SLUG [--as EMAIL] [--json]
  Kappa (SE, 95% CI), agreement and PABAK per item and pooled, on first independent judgements.
sieve rob export --review SLUG --out FILE.csv [--traffic-light F.svg] [--summary F.svg]
    [--palette cochrane|colourblind] [--as EMAIL]
  robvis-ready CSV of the settled judgements, and the two plots as SVG.`;

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "NA");
const finite = (x: number) => (Number.isFinite(x) ? x : null);

async function importRatings(argv: string[]) {
  const { values, positionals } = parseCliArgs({ args: argv, allowPositionals: true, options: { review: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, strict: true }, usage);
  if (positionals.length !== 1) throw new CliError(`name one CSV file\n\n${usage}`, 2);
  if (!values.as) throw new CliError("--as EMAIL is required: the rows become that rater's own judgements", 2);
  const { user, review } = await actAs(values.as, values.review, "appraise");
  const file = positionals[0];
  const { fields, rows } = await readCsvFile(file);
  const { tool, settings } = await getRobSetup(review.id);
  let parsed;
  try {
    parsed = parseRobCsv(tool, fields, rows, settings);
  } catch (error) {
    if (error instanceof RobImportError) throw new CliError(`${file}: ${error.message} Nothing was imported.`);
    throw error;
  }
  const studies = new Map((await db.study.findMany({ where: { reviewId: review.id }, select: { id: true, label: true } })).map((s) => [s.label.trim().toLowerCase(), s]));
  const unknown = parsed.find((r) => !studies.has(r.study.toLowerCase()));
  if (unknown) throw new CliError(`${file}: row ${unknown.line}: no study labelled "${unknown.study}" in "${review.slug}" (add it with sieve study add). Nothing was imported.`);
  let line = 0;
  const submitted = await writeTransaction(
    async (tx) => {
      for (const row of parsed) {
        line = row.line;
        await saveRating(tx, review.id, user.id, { studyId: studies.get(row.study.toLowerCase())!.id, item: row.item, experiment: "", judgement: row.judgement, answers: {}, support: row.support, overrideReason: "" });
      }
      const done: string[] = [];
      for (const label of new Set(parsed.map((r) => r.study.toLowerCase()))) {
        const study = studies.get(label)!;
        try {
          await submitAssessment(tx, review.id, user.id, study.id);
          done.push(study.label);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
      line = 0;
      return done;
    },
    { timeout: 600_000 },
  ).catch((error: unknown) => {
    if (error instanceof DomainError) throw new CliError(`${file}: ${line ? `row ${line}: ` : ""}${error.message} Nothing was imported.`);
    throw error;
  });
  printResult(values.json, { review: review.slug, rows: parsed.length, submitted }, `Stored ${parsed.length} judgements as ${user.email}'s; submitted ${submitted.length} complete ${submitted.length === 1 ? "study" : "studies"}.`);
}

async function agreement(argv: string[]) {
  const { values } = parseCliArgs({ args: argv, options: { review: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, strict: true }, usage);
  const { review } = await actAs(values.as, values.review, "view");
  const result = await getRobAgreement(review.id);
  const pick = (a: (typeof result)["overall"]) => ({ n: a.n, kappa: finite(a.kappa), se: finite(a.se), ciLower: finite(a.ciLower), ciUpper: finite(a.ciUpper), observedAgreement: finite(a.observedAgreement), pabak: finite(a.pabak), weightedKappa: finite(a.weightedKappa) });
  const data = { items: result.items.map((a) => ({ item: a.item, ...pick(a) })), overall: pick(result.overall) };
  const line = (name: string, a: ReturnType<typeof pick> | (typeof result)["overall"]) =>
    `${name.padEnd(8)} n=${String(a.n).padStart(4)}  kappa ${fmt(a.kappa ?? NaN)} [${fmt(a.ciLower ?? NaN)}, ${fmt(a.ciUpper ?? NaN)}]  agreement ${fmt(a.observedAgreement ?? NaN)}  PABAK ${fmt(a.pabak ?? NaN)}`;
  printResult(values.json, data, [...result.items.map((a) => line(a.item, a)), line("overall", result.overall)].join("\n"));
}

async function exportPlots(argv: string[]) {
  const { values } = parseCliArgs(
    { args: argv, options: { review: { type: "string" }, as: { type: "string" }, out: { type: "string" }, "traffic-light": { type: "string" }, summary: { type: "string" }, palette: { type: "string", default: "cochrane" } }, strict: true },
    usage,
  );
  if (!values.out) throw new CliError(`--out FILE.csv is required\n\n${usage}`, 2);
  if (values.palette !== "cochrane" && values.palette !== "colourblind") throw new CliError(`--palette must be cochrane or colourblind (got "${values.palette}")`, 2);
  const { review } = await actAs(values.as, values.review, "view");
  const [{ tool, settings }, studies] = await Promise.all([getRobSetup(review.id), listConsensusJudgements(review.id)]);
  await writeFile(values.out, robvisCsv(tool, studies, settings));
  // One file holds the whole traffic-light plot: a CLI user asking for F.svg wants every study in it.
  const plots = buildRobPlots(tool, studies, { showOverall: settings.showOverall, palette: values.palette, perPage: Math.max(1, studies.length) });
  if (values["traffic-light"]) await writeFile(values["traffic-light"], plots.trafficLight[0]);
  if (values.summary) await writeFile(values.summary, plots.summary);
  process.stdout.write(`Wrote ${studies.length} settled ${studies.length === 1 ? "study" : "studies"} of "${review.slug}" to ${values.out}${values["traffic-light"] ? `, ${values["traffic-light"]}` : ""}${values.summary ? `, ${values.summary}` : ""}\n`);
}

export const robCommand: Command = {
  summary: "Risk of bias: import a rater's judgements, agreement (kappa), export CSV and plots",
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "import") await importRatings(rest);
    else if (sub === "agreement") await agreement(rest);
    else if (sub === "export") await exportPlots(rest);
    else throw new CliError(`unknown subcommand "${sub ?? ""}"\n\n${usage}`, 2);
    await db.$disconnect();
    return 0;
  },
};
