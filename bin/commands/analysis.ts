import { writeFile } from "node:fs/promises";
import { db, writeTransaction } from "@/lib/db";
import { buildBundle } from "@/lib/analyses/bundle";
import { computeAnalysis } from "@/lib/analyses/compute";
import { areResultsHidden, findAnalysis, listAnalyses } from "@/lib/analyses/data";
import { RESULTS_BLINDED_MESSAGE } from "@/lib/analyses/blinding";
import { renderAnalysisFigure } from "@/lib/analyses/figures";
import { createAnalysis } from "@/lib/analyses/mutations";
import { analysisDefinitionSchema, MEASURES, METHODS } from "@/lib/analyses/schema";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { actAs, domain, printResult } from "./io";

const usage = `Usage:
  sieve analysis create --review SLUG --name N --outcome O [--timepoint T] --measure ${MEASURES.join("|")}
      --method ${METHODS.join("|")} [--test knha] [--smd-variant metafor|revman] [--subgroup FIELD]
      [--moderator FIELD [--log10]] [--combine] [--as EMAIL] [--json]
  sieve analysis list --review SLUG [--as EMAIL] [--json]
  sieve analysis show --review SLUG --analysis ID|NAME [--forest F.svg] [--funnel F.svg] [--bundle F.zip] [--as EMAIL] [--json]

Analyses pool the review's consensus extraction (as the results page does). create and show print
the analysis id and name and its result in the JSON shape of \`sieve meta --json\`. Owners create;
every member may list and show (reviewers only while results are visible to them). --combine
pools each study's time points/comparisons first; FIELD is a characteristic column or rob:ITEM.`;

const options = {
  review: { type: "string" }, name: { type: "string" }, outcome: { type: "string" }, timepoint: { type: "string" },
  measure: { type: "string" }, method: { type: "string" }, test: { type: "string" }, "smd-variant": { type: "string" },
  subgroup: { type: "string" }, moderator: { type: "string" }, log10: { type: "boolean" }, combine: { type: "boolean" },
  analysis: { type: "string" }, forest: { type: "string" }, funnel: { type: "string" }, bundle: { type: "string" },
  as: { type: "string" }, json: { type: "boolean" },
} as const;

const upper = (v: string | undefined) => v?.toUpperCase();

function definitionFrom(values: Record<string, string | boolean | undefined>) {
  const parsed = analysisDefinitionSchema.safeParse({
    name: values.name ?? "", outcome: values.outcome ?? "", timepoint: values.timepoint ?? "",
    measure: upper(values.measure as string), method: upper(values.method as string),
    options: {
      test: values.test ?? "z", smdVariant: values["smd-variant"] ?? "metafor",
      subgroup: values.subgroup, moderator: values.moderator, moderatorLog10: values.log10 === true,
      timepointRule: values.combine ? "combine" : "one",
    },
  });
  if (parsed.success) return parsed.data;
  throw new CliError(parsed.error.issues.map((i) => `--${i.path.at(-1) === "options" ? "test" : String(i.path.at(-1) ?? "input")}: ${i.message}`).join("; "), 2);
}

async function showResult(reviewId: string, reviewSlug: string, idOrName: string, viewerId: string, files: { forest?: string; funnel?: string; bundle?: string }) {
  const analysis = await findAnalysis(reviewId, idOrName);
  if (!analysis) throw new CliError(`review "${reviewSlug}" has no analysis "${idOrName}"`);
  const computed = await computeAnalysis(reviewId, analysis, viewerId);
  if (!computed.ok) throw new CliError(`analysis "${analysis.definition.name}": ${computed.error}`);
  const p = computed.pipeline;
  if (files.forest) await writeFile(files.forest, renderAnalysisFigure("forest", p, analysis.definition, computed.sensitivity));
  if (files.funnel) await writeFile(files.funnel, renderAnalysisFigure("funnel", p, analysis.definition, computed.sensitivity));
  if (files.bundle) await writeFile(files.bundle, await buildBundle(p, analysis.definition, { review: reviewSlug, generatedAt: new Date() }));
  const body = { id: analysis.id, name: analysis.definition.name, ...p.result, conversions: p.conversions, sharedControls: p.sharedControls };
  return { body, text: `${analysis.definition.name}: k = ${p.result.k}; estimate ${p.result.estimate.toFixed(4)} [${p.result.ciLower.toFixed(4)}, ${p.result.ciUpper.toFixed(4)}]` };
}

export const analysisCommand: Command = {
  summary: "Define, list and show analyses of a review's consensus data",
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (!["create", "list", "show"].includes(sub ?? "")) throw new CliError(`unknown subcommand "${sub ?? ""}"\n\n${usage}`, 2);
    const { values } = parseCliArgs({ args: rest, options, strict: true }, usage);
    try {
      if (sub === "create") {
        const definition = definitionFrom(values);
        const { user, review } = await actAs(values.as, values.review, "manage");
        const { id } = await domain(() => writeTransaction((tx) => createAnalysis(tx, { id: user.id, reviewId: review.id }, definition)));
        const { body, text } = await showResult(review.id, review.slug, id, user.id, {});
        printResult(values.json, body, `Created analysis ${id}. ${text}`);
        return 0;
      }
      const { user, review, roles } = await actAs(values.as, values.review, "view");
      if (await areResultsHidden(review.id, roles)) throw new CliError(RESULTS_BLINDED_MESSAGE);
      if (sub === "list") {
        const list = (await listAnalyses(review.id)).map((a) => ({ id: a.id, ...a.definition, snapshot: a.snapshot, snapshotAt: a.snapshotAt }));
        printResult(values.json, list, list.map((a) => `${a.id}  ${a.name}  (${a.outcome}${a.timepoint ? ` @ ${a.timepoint}` : ""}; ${a.measure}, ${a.method})`).join("\n") || "No analyses.");
        return 0;
      }
      if (!values.analysis) throw new CliError("--analysis ID|NAME is required", 2);
      const { body, text } = await showResult(review.id, review.slug, values.analysis, user.id, { forest: values.forest, funnel: values.funnel, bundle: values.bundle });
      printResult(values.json, body, text);
      return 0;
    } finally {
      await db.$disconnect();
    }
  },
};
