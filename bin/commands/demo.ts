import { db } from "@/lib/db";
import { createDemo, DEMO_SIGN_INS, DemoExistsError } from "@/lib/demo/seed-demo";
import { DEMO_SEEDS, type DemoSeed } from "@/lib/demo/stages";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { printResult } from "./io";

const usage = `Usage: npm run --silent sieve -- demo [--seed 001|000] [--replace] [--json]

Builds a demo review from a seed article's committed facts (prisma/demo/review-00N.json) for the
demo accounts (created if missing). 001 (default): Zhang et al. 2025, MSC-EVs in osteoporosis
models, with its MAR meta-analysis. 000: Mai et al. 2025, MSC-EVs in bone regeneration, whose
per-study effects are not published. --replace deletes that seed's existing demo first.`;

export const demoCommand: Command = {
  summary: "Build a seed article's demo review (001 osteoporosis, 000 bone regeneration)",
  usage,
  async run(argv) {
    const { values } = parseCliArgs(
      { args: argv, options: { seed: { type: "string", default: "001" }, replace: { type: "boolean", default: false }, json: { type: "boolean", default: false } }, strict: true },
      usage,
    );
    const seed = values.seed as DemoSeed;
    if (!DEMO_SEEDS.includes(seed)) throw new CliError(`--seed must be one of ${DEMO_SEEDS.join(", ")} (got "${values.seed}").`, 2);
    try {
      const { slug, replaced } = await createDemo(db, seed, values.replace);
      printResult(
        values.json,
        { slug, seed, replaced, signIns: DEMO_SIGN_INS },
        [`${replaced ? "Rebuilt" : "Built"} the ${seed} demo: /reviews/${slug}`, ...DEMO_SIGN_INS.map((s) => `  ${s.role.padEnd(8)} ${s.email} / ${s.password}`)].join("\n"),
      );
      return 0;
    } catch (error) {
      if (error instanceof DemoExistsError) throw new CliError(error.message);
      throw error;
    } finally {
      await db.$disconnect();
    }
  },
};
