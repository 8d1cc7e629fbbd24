/**
 * The reproducibility bundle (issue 13 point 9): a zip with the analysis data CSV (what
 * `sieve meta` reads), the exact `sieve meta` command, an R script that re-runs the analysis
 * with metafor and prints `sieve-check: …` last, and the numbers the page shows.
 *
 * Zip library: jszip, already a dependency for the whole-review archives (mature, widely used,
 * pure JavaScript so no native build, writes in memory — a route handler can stream the buffer
 * without temporary files — and checks CRC-32 when reading a zip back, which the tests do).
 */
import JSZip from "jszip";
import { buildMetaforScript, writeAnalysisCsv } from "@/lib/stats/metafor-script";
import type { PipelineResult } from "./pipeline";
import type { AnalysisDefinition } from "./schema";

export const BUNDLE_DATA_FILE = "data.csv";

const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "analysis";
export const bundleFileName = (name: string) => `sieve-analysis-${slugify(name)}.zip`;

/** The `sieve meta` arguments that reproduce the pipeline's result from the bundle's CSV. */
export function sieveMetaArgs(p: PipelineResult, def: AnalysisDefinition, dataFile = BUNDLE_DATA_FILE): string[] {
  const o = def.options;
  const args = ["meta", "--data", dataFile, "--measure", p.measure, "--method", p.method];
  if (p.method !== "MH") args.push("--test", o.test);
  if (p.measure === "SMD") args.push("--smd-variant", o.smdVariant);
  if (p.studies.some((s) => s.subgroup !== undefined)) args.push("--subgroup", "subgroup");
  if (p.studies.some((s) => s.moderator !== undefined)) args.push("--moderator", "moderator");
  if (p.result.egger) args.push("--egger");
  if (p.result.begg) args.push("--begg");
  if (p.result.trimfill) args.push("--trimfill");
  if (p.result.leave1out) args.push("--leave1out");
  return [...args, "--json"];
}

const shellQuote = (a: string) => (/^[\w./=-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
export const sieveMetaCommand = (p: PipelineResult, def: AnalysisDefinition) => `npm run --silent sieve -- ${sieveMetaArgs(p, def).map(shellQuote).join(" ")}`;

export function bundleFiles(p: PipelineResult, def: AnalysisDefinition, meta: { review: string; generatedAt: Date }): Record<string, string> {
  const command = sieveMetaCommand(p, def);
  const script = buildMetaforScript({
    dataFile: BUNDLE_DATA_FILE, measure: p.measure, method: p.method, test: def.options.test, smdVariant: def.options.smdVariant,
    subgroup: p.subgroupField, moderator: p.studies.some((s) => s.moderator !== undefined) ? def.options.moderator : undefined,
  });
  const r = p.result;
  const readme = [
    `Sieve analysis "${def.name}" of review "${meta.review}" (outcome ${def.outcome}${def.timepoint ? `, time point ${def.timepoint}` : ""}), generated ${meta.generatedAt.toISOString()}.`,
    "",
    `${BUNDLE_DATA_FILE}: the data analysed, one row per comparison, after Sieve's conversions (see results.json "conversions").`,
    "command.txt: the exact Sieve command that reproduces results.json from the CSV (run it in a Sieve checkout).",
    "analysis.R: the same analysis with R's metafor package: Rscript analysis.R (needs install.packages(\"metafor\")).",
    "  Its last line of output is sieve-check: k=… estimate=… ciLower=… ciUpper=… tau2=… I2=…",
    "results.json: the numbers the results page shows (estimates on the analysis scale: log for OR, RR and ROM).",
    "",
    `Result: k = ${r.k}, estimate ${r.estimate} [${r.ciLower}, ${r.ciUpper}], tau2 = ${r.tau2 ?? "NA"}, I2 = ${r.I2}%.`,
    ...(p.combined.length ? ["", `Each study's rows were combined before pooling (${p.combined.map((c) => `${c.study}: ${c.rows} rows`).join("; ")}), so the CSV holds yi and vi per study.`] : []),
    ...(p.dropped.length ? ["", "Not analysed:", ...p.dropped.map((d) => `  ${d.study}: ${d.reason}`)] : []),
  ].join("\n");
  return {
    [BUNDLE_DATA_FILE]: writeAnalysisCsv(p.studies),
    "command.txt": `${command}\n`,
    "analysis.R": script,
    "results.json": `${JSON.stringify({ name: def.name, outcome: def.outcome, timepoint: def.timepoint, measure: p.measure, method: p.method, ...r, conversions: p.conversions }, null, 2)}\n`,
    "README.txt": `${readme}\n`,
  };
}

export async function buildBundle(p: PipelineResult, def: AnalysisDefinition, meta: { review: string; generatedAt: Date }): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(bundleFiles(p, def, meta))) zip.file(name, content, { date: meta.generatedAt });
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
