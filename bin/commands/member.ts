import { parseArgs } from "node:util";
import { writeTransaction } from "@/lib/db";
import { addMember } from "@/lib/members/mutations";
import { addMemberSchema } from "@/lib/members/schema";
import { CliError, type Command } from "./types";
import { actAs, domain, printResult, validate } from "./io";

export const memberCommand: Command = {
  summary: "Add members to a review (member add)",
  usage: [
    "sieve member add --review SLUG --email E --role REVIEWER|ADJUDICATOR|OWNER [--role …] [--as OWNER_EMAIL] [--json]",
    "  Acts as --as (or $SIEVE_USER), who must own the review; without either, as the review's first owner.",
  ].join("\n"),
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { review: { type: "string" }, email: { type: "string" }, role: { type: "string", multiple: true }, as: { type: "string" }, json: { type: "boolean" } },
    });
    if (positionals[0] !== "add") throw new CliError(`unknown subcommand "${positionals[0] ?? ""}".\n${this.usage}`, 2);
    const { user, review } = await actAs(values.as, values.review, "manage");
    const input = validate(addMemberSchema, { slug: review.slug, email: values.email, roles: values.role ?? [] });
    const added = await domain(() => writeTransaction((tx) => addMember(tx, user.id, review.id, input.email, input.roles)));
    printResult(values.json, { review: review.slug, email: added.email, roles: input.roles }, `Added ${added.email} to ${review.slug} as ${input.roles.join(", ")}`);
    return 0;
  },
};
