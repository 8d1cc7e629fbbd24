import { type KappaWeights, runAgreement } from "@/lib/stats/agreement";
import { InputError, parseRatingRows } from "@/lib/stats/analysis-input";
import { CliError, type Command } from "./types";
import { parseCliArgs, readCsvFile } from "./files";

const usage = `Usage: npm run --silent sieve -- kappa --data FILE.csv [--weights none|linear|quadratic] [--levels a,b,c] [--json]

Inter-rater agreement from a CSV with columns rater1,rater2[,rater3,...], one row per rated item.
Cohen's kappa (Fleiss-Cohen-Everitt SE, 95% CI), percent agreement and PABAK compare rater1 with
rater2; --weights adds weighted kappa on the ordered scale; with three or more raters
fleissKappa uses all of them. Text ratings (e.g. low/unclear/high) are ordered by --levels
low,unclear,high; without it the order is sorted text, as R's factor() gives.`;

export const kappa: Command = {
  summary: "Inter-rater agreement (Cohen's, weighted and Fleiss' kappa) from a CSV",
  usage,
  async run(argv) {
    const { values } = parseCliArgs(
      { args: argv, options: { data: { type: "string" }, weights: { type: "string", default: "none" }, levels: { type: "string" }, json: { type: "boolean", default: false } }, strict: true },
      usage,
    );
    if (!values.data) throw new CliError(`--data is required.\n\n${usage}`, 2);
    const weights = values.weights as KappaWeights;
    if (!["none", "linear", "quadratic"].includes(weights)) throw new CliError(`--weights must be none, linear or quadratic (got "${values.weights}").`, 2);
    const { fields, rows } = await readCsvFile(values.data);
    try {
      const { items } = parseRatingRows(fields, rows);
      const levels = values.levels?.split(",").map((l) => l.trim());
      if (levels && (levels.length < 2 || levels.some((l) => l === ""))) throw new CliError(`--levels needs at least two comma-separated names (got "${values.levels}").`, 2);
      // A numeric level must match numeric ratings, which the CSV reader turns into numbers.
      const scale = levels?.map((l) => (/^-?\d+(\.\d+)?$/.test(l) ? Number(l) : l));
      const { label, ...result } = runAgreement(items, weights, scale);
      if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else
        process.stdout.write(
          `n = ${result.n}; agreement ${(100 * result.observedAgreement).toFixed(1)}%; kappa = ${result.kappa.toFixed(3)} ` +
            `[${result.ciLower.toFixed(3)}, ${result.ciUpper.toFixed(3)}] (${label}); PABAK = ${result.pabak.toFixed(3)}` +
            (result.weightedKappa !== undefined ? `; weighted kappa (${weights}) = ${result.weightedKappa.toFixed(3)}` : "") +
            (result.fleissKappa !== undefined ? `; Fleiss' kappa = ${result.fleissKappa.toFixed(3)}` : "") +
            "\n",
        );
      return 0;
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (error instanceof InputError) throw new CliError(`${values.data}: ${error.message}`);
      throw new CliError((error as Error).message);
    }
  },
};
