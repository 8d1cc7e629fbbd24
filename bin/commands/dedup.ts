import { parseArgs } from "node:util";
import { findDuplicates } from "@/lib/dedup/detect";
import type { BibRecord } from "@/lib/formats/record";
import { CliError, type Command } from "./types";
import { parseExportFile } from "./files";

type Ref = { file: string; index: number };

/**
 * `sieve dedup FILE…`: parses exports exactly as `sieve parse` does and runs the same duplicate
 * detection as the web app, so detection can be checked on any set of exports without a database.
 * With `--review SLUG` it runs the web app's detection on a review's records in the database.
 */
export const dedupCommand: Command = {
  summary: "find duplicate records across export files (or in a review with --review)",
  usage: [
    "Usage: npm run --silent sieve -- dedup FILE… [--json]",
    "       npm run --silent sieve -- dedup --review SLUG [--as EMAIL] [--json]",
    "",
    "  --json     print {records, groups:[{primary, members, tier, score, reasons}], possiblePairs:[{a, b, score, reasons}]};",
    "             with files, a record is {file, index} (index 0-based in that file)",
    "  --review   run on a review's records in the database (certain merges applied, possible pairs queued),",
    "             as the review's owner (--as EMAIL, else $SIEVE_USER, else its first owner). Incremental: records",
    "             imported since the last run are compared with every record; pairs a person decided are never",
    "             re-queued. A record is {id}; `records` counts the review's records, `groups` lists the groups",
    "             this run created or extended (all members after the run), `possiblePairs` the pairs it queued.",
    "",
    "Tiers: certain (score ≥ 0.99) are merged automatically; possible (0.5 ≤ score < 0.99) go to a person.",
  ].join("\n"),
  async run(argv) {
    let values: { json?: boolean; review?: string; as?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        options: { json: { type: "boolean", default: false }, review: { type: "string" }, as: { type: "string" } },
        allowPositionals: true,
      }));
    } catch (error) {
      throw new CliError(`dedup: ${(error as Error).message}`, 2);
    }

    if (values.review !== undefined) {
      if (positionals.length) throw new CliError("dedup: give either FILE… or --review SLUG, not both", 2);
      return runOnReview(values.review, values.as, values.json ?? false);
    }

    if (positionals.length === 0) throw new CliError("dedup: expected at least one FILE (see --help)", 2);
    const records: BibRecord[] = [];
    const refs: Ref[] = [];
    for (const file of positionals) {
      const { records: parsed } = await parseExportFile(file);
      parsed.forEach((record, index) => {
        records.push(record);
        refs.push({ file, index });
      });
    }

    const result = findDuplicates(records);
    const summary = {
      records: records.length,
      groups: result.groups.map((g) => ({ primary: refs[g.primary], members: g.members.map((m) => refs[m]), tier: g.tier, score: round(g.score), reasons: g.reasons })),
      possiblePairs: result.possiblePairs.map((p) => ({ a: refs[p.a], b: refs[p.b], score: round(p.score), reasons: p.reasons })),
    };
    if (values.json) {
      await writeOut(`${JSON.stringify(summary)}\n`);
      return 0;
    }
    const removed = result.groups.reduce((s, g) => s + g.members.length - 1, 0);
    process.stdout.write(
      `${records.length} records in ${positionals.length} file${positionals.length === 1 ? "" : "s"}: ${result.groups.length} duplicate groups (${removed} duplicates merged), ` +
        `${result.possiblePairs.length} possible pairs for review, ${records.length - removed} unique\n`,
    );
    const label = (r: Ref) => `${r.file}#${r.index}`;
    for (const g of summary.groups.slice(0, 10)) {
      process.stdout.write(`  certain ${g.score.toFixed(3)}  ${g.members.map(label).join(", ")}  (${g.reasons.join("; ")})\n`);
    }
    for (const p of summary.possiblePairs.slice(0, 10)) {
      process.stdout.write(`  possible ${p.score.toFixed(3)}  ${label(p.a)} ~ ${label(p.b)}  (${p.reasons.join("; ")})\n`);
    }
    if (summary.groups.length > 10 || summary.possiblePairs.length > 10) process.stdout.write("  … use --json to see all\n");
    return 0;
  },
};

/**
 * Database mode: the same mutation the web page runs, as an owner, in one transaction. The database
 * code is loaded here only, so `dedup FILE…` runs without a generated Prisma client.
 */
async function runOnReview(slug: string, as: string | undefined, json: boolean): Promise<number> {
  const [{ db, writeTransaction }, { runDeduplication }, { actAs, domain }] = await Promise.all([
    import("@/lib/db"), import("@/lib/dedup/mutations"), import("./io"),
  ]);
  const { user, review } = await actAs(as, slug, "manage");
  const result = await domain(() => writeTransaction((tx) => runDeduplication(tx, user.id, review.id), { timeout: 600_000, bulk: true }));
  const ref = (id: string) => ({ id });
  const summary = {
    records: result.records,
    groups: result.groups.map((g) => ({ primary: ref(g.primary), members: g.members.map(ref), tier: "certain" as const, score: round(g.score), reasons: g.reasons })),
    possiblePairs: result.possiblePairs.map((p) => ({ a: ref(p.a), b: ref(p.b), score: round(p.score), reasons: p.reasons })),
  };
  await db.$disconnect();
  if (json) {
    await writeOut(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const created = result.groups.filter((g) => g.created).length;
  await writeOut(
    `${result.records} records in "${review.slug}", ${result.newRecords} new since the last run: ${created} groups created, ${result.groups.length - created} extended, ` +
      `${result.possiblePairs.length} possible pairs queued for review\n`,
  );
  return 0;
}


/** Resolves once the text is handed to the OS: the CLI exits right after, which would cut a piped stdout short. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** Scores to 4 decimals: enough to order pairs, short enough to read. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
