import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { exportReviewArchive } from "@/lib/archive/export";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { actAs, printResult } from "./io";

const usage = `Usage: npm run --silent sieve -- export --review SLUG --out FILE.zip [--as EMAIL] [--json]

Writes the whole review as one archive: review.json (every search, import, record with its raw
fields, duplicate decision, screening vote and resolution, full text, study, form version,
extraction, digitisation, risk-of-bias rating, analysis, flow count, member, note, invitation and
the audit log), the stored PDFs and figure images, and a SHA-256 manifest. Owners only.
Bring it into any Sieve with: sieve import-review FILE.zip --owner EMAIL`;

export const exportCommand: Command = {
  summary: "Export a whole review as one archive (zip)",
  usage,
  async run(argv) {
    const { values } = parseCliArgs({ args: argv, options: { review: { type: "string" }, out: { type: "string" }, as: { type: "string" }, json: { type: "boolean", default: false } }, strict: true }, usage);
    if (!values.out) throw new CliError(`--out FILE.zip is required.\n\n${usage}`, 2);
    try {
      const { review } = await actAs(values.as, values.review, "manage");
      const bytes = await exportReviewArchive(review.id);
      const out = path.resolve(values.out);
      // Written aside and renamed, so an interrupted export never leaves a half archive under the name.
      writeFileSync(`${out}.partial`, bytes);
      renameSync(`${out}.partial`, out);
      printResult(values.json, { review: review.slug, file: out, bytes: bytes.length }, `Exported "${review.slug}" to ${out} (${bytes.length.toLocaleString("en-GB")} bytes)`);
      return 0;
    } finally {
      await db.$disconnect();
    }
  },
};
