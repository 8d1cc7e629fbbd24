import { type KappaWeights, runAgreement } from "@/lib/stats/agreement";
import { InputError, parseRatingRows } from "@/lib/stats/analysis-input";
import { CliError, type Command } from "./types";
import { parseCliArgs, readCsvFile } from "./files";

const usage = `Usage: npm run --silent sieve -- kappa --data FILE.csv [--weights none|linear|quadratic] [--json]

Inter-rater agreement from a CSV with columns rater1,rater2[,rater3,...], one row per rated item.
Cohen's kappa (Fleiss-Cohen-Everitt SE, 95% CI), percent agreement and PABAK compare rater1 with
rater2; --weights adds weighted kappa (numeric, ordered ratings); with three or more raters
fleissKappa uses all of them.`;

export const kappa: Command = {
  summary: "Inter-rater agreement (Cohen's, weighted and Fleiss' kappa) from a CSV",
  usage,
  async run(argv) {
    const { values } = parseCliArgs(
      { args: argv, options: { data: { type: "string" }, weights: { type: "string", default: "none" }, json: { type: "boolean", default: false } }, strict: true },
      usage,
    );
    if (!values.data) throw new CliError(`--data is required.\n\n${usage}`, 2);
    const weights = values.weights as KappaWeights;
    if (!["none", "linear", "quadratic"].includes(weights)) throw new CliError(`--weights must be none, linear or quadratic (got "${values.weights}").`, 2);
    const { fields, rows } = await readCsvFile(values.data);
    try {
      const { items } = parseRatingRows(fields, rows);
      const { label, ...result } = runAgreement(items, weights);
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
      if (error instanceof InputError) throw new CliError(`${values.data}: ${error.message}`);
      throw new CliError((error as Error).message);
    }
  },
};
