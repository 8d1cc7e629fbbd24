import { db, writeTransaction } from "@/lib/db";
import { addStudy } from "@/lib/extraction/mutations";
import { addStudyInputSchema } from "@/lib/extraction/schema";
import { CliError, type Command } from "./types";
import { parseCliArgs } from "./files";
import { actAs, domain, printResult, validate } from "./io";

const usage = `sieve study add --review SLUG --label "Hu 2020" [--doi DOI] [--as EMAIL] [--json]
  Creates an included study (for reviews migrated from elsewhere), linked to the review's
  record with that DOI when there is one. Owners only.`;

export const studyCommand: Command = {
  summary: "Add an included study by hand",
  usage,
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub !== "add") throw new CliError(`unknown subcommand "${sub ?? ""}"\n\n${usage}`, 2);
    const { values } = parseCliArgs({ args: rest, options: { review: { type: "string" }, label: { type: "string" }, doi: { type: "string" }, as: { type: "string" }, json: { type: "boolean" } }, strict: true }, usage);
    const input = validate(addStudyInputSchema, { label: values.label ?? "", doi: values.doi });
    const { user, review } = await actAs(values.as, values.review, "manage");
    const existing = await db.study.findFirst({ where: { reviewId: review.id, label: input.label }, select: { id: true } });
    if (existing) throw new CliError(`"${review.slug}" already has a study labelled "${input.label}"`);
    const study = await domain(() => writeTransaction((tx) => addStudy(tx, { id: user.id, reviewId: review.id }, input)));
    printResult(values.json, study, `Added study "${study.label}" to "${review.slug}"${study.recordId ? " (linked to the record with that DOI)" : input.doi ? " (no record has that DOI)" : ""}`);
    await db.$disconnect();
    return 0;
  },
};
