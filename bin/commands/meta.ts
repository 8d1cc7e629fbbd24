import { InputError, type MetaMeasure } from "@/lib/stats/analysis-input";
import { prepareOutcomeRows } from "@/lib/stats/outcome-layout";
import { type MetaMethod, runMetaAnalysis } from "@/lib/stats/analysis";
import { formatHeterogeneity, formatOverallEffect } from "@/lib/stats/revman-text";
import { CliError, type Command } from "./types";
import { parseCliArgs, readCsvFile } from "./files";

const MEASURES = ["SMD", "MD", "ROM", "OR", "RR", "RD", "GEN", "NMD"] as const;
const METHODS = ["FE", "MH", "DL", "REML", "ML", "PM", "HE", "SJ"] as const;

const usage = `Usage: npm run --silent sieve -- meta --data FILE.csv --measure SMD|MD|ROM|OR|RR|RD|GEN|NMD \\
    --method FE|MH|DL|REML|ML|PM|HE|SJ [--test z|knha] [--smd-variant metafor|revman] \\
    [--outcome NAME] [--timepoint NAME] [--direction higher|lower] \\
    [--subgroup COLUMN] [--moderator COLUMN] [--egger] [--begg] [--trimfill] [--leave1out] [--json]

Pools study results as R's metafor 3.8 does. CSV columns: study plus m1i,sd1i,n1i,m2i,sd2i,n2i
(continuous), ai,bi,ci,di (binary: events and non-events, treatment then control), or yi,vi / yi,sei.
The outcome layout also reads outcome, timepoint, comparison, experiment, group1, group2 and per arm
se·i, ci·lb, ci·ub, median·i, lq·i, uq·i, min·i, max·i (converted as the Cochrane Handbook and
metafor's conv.fivenum do; listed in "conversions"), ai,n1i,ci,n2i (events and totals), and
shared_control split|combine. NMD (normalised mean difference) needs a sham arm (m3i…) and the
outcome's direction (column "direction" or --direction). Estimates are on the analysis scale
(log for OR, RR, ROM; percent for NMD). Without --json a RevMan-style summary is printed.`;

function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value === undefined) throw new CliError(`--${flag} is required (${allowed.join("|")}).\n\n${usage}`, 2);
  const upper = value.toUpperCase();
  const match = allowed.find((a) => a.toUpperCase() === upper);
  if (!match) throw new CliError(`--${flag} must be one of ${allowed.join(", ")} (got "${value}").`, 2);
  return match;
}

export const meta: Command = {
  summary: "Meta-analysis of a CSV of studies (metafor-compatible)",
  usage,
  async run(argv) {
    const { values } = parseCliArgs(
      {
        args: argv,
        options: {
          data: { type: "string" },
          measure: { type: "string" },
          method: { type: "string" },
          test: { type: "string", default: "z" },
          "smd-variant": { type: "string", default: "metafor" },
          outcome: { type: "string" },
          timepoint: { type: "string" },
          direction: { type: "string" },
          subgroup: { type: "string" },
          moderator: { type: "string" },
          egger: { type: "boolean", default: false },
          begg: { type: "boolean", default: false },
          trimfill: { type: "boolean", default: false },
          leave1out: { type: "boolean", default: false },
          json: { type: "boolean", default: false },
        },
        strict: true,
      },
      usage,
    );
    if (!values.data) throw new CliError(`--data is required.\n\n${usage}`, 2);
    const measure = pick(values.measure, MEASURES, "measure") as MetaMeasure;
    const method = pick(values.method, METHODS, "method") as MetaMethod;
    const test = pick(values.test, ["z", "knha"] as const, "test");
    const smdVariant = pick(values["smd-variant"], ["metafor", "revman"] as const, "smd-variant");
    const direction = values.direction === undefined ? undefined : pick(values.direction, ["higher", "lower"] as const, "direction");

    const { fields: header, rows } = await readCsvFile(values.data);
    try {
      const { studies, dropped, conversions, sharedControls } = prepareOutcomeRows(header, rows, {
        measure, outcome: values.outcome, timepoint: values.timepoint, direction, subgroup: values.subgroup, moderator: values.moderator,
      });
      const result = runMetaAnalysis(studies, {
        measure, method, test, smdVariant,
        subgroup: values.subgroup !== undefined, moderator: values.moderator !== undefined,
        egger: values.egger, begg: values.begg, trimfill: values.trimfill, leave1out: values.leave1out,
      }, dropped);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ ...result, conversions, sharedControls }, null, 2)}\n`);
      } else {
        const hasTau2 = result.tau2 !== undefined;
        process.stdout.write(
          [
            `k = ${result.k}; estimate ${result.estimate.toFixed(4)} [${result.ciLower.toFixed(4)}, ${result.ciUpper.toFixed(4)}]`,
            formatHeterogeneity({ tau2: hasTau2 ? result.tau2! : null, Q: result.Q, df: result.QDf, pValue: result.QPValue }),
            formatOverallEffect({ statistic: result.statistic, pValue: result.pValue, test }),
            ...(conversions.length ? [`Converted arms: ${conversions.length} (see --json for each method)`] : []),
            ...result.dropped.map((d) => `Not used: ${d.study} (row ${d.row}): ${d.reason}`),
          ].join("\n") + "\n",
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof InputError) throw new CliError(`${values.data}: ${error.message}`);
      throw new CliError((error as Error).message);
    }
  },
};
