import { parseArgs } from "node:util";
import { db, writeTransaction } from "@/lib/db";
import { createReview } from "@/lib/reviews/mutations";
import { createReviewSchema } from "@/lib/reviews/schema";
import { emailSchema } from "@/lib/users/schema";
import { CliError, type Command } from "./types";
import { domain, printResult, validate } from "./io";

export const reviewCommand: Command = {
  summary: "Create and list reviews (review create, review list)",
  usage: [
    "sieve review create --title T --owner EMAIL [--question Q] [--registration ID] [--json]",
    "sieve review list [--user EMAIL] [--json]   all reviews, or those EMAIL is a member of",
  ].join("\n"),
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        title: { type: "string" },
        owner: { type: "string" },
        question: { type: "string" },
        registration: { type: "string" },
        user: { type: "string" },
        json: { type: "boolean" },
      },
    });
    if (positionals[0] === "create") {
      const input = validate(createReviewSchema, { title: values.title, question: values.question, registrationId: values.registration });
      if (!values.owner) throw new CliError("--owner EMAIL is required", 2);
      const owner = await db.user.findUnique({ where: { email: emailSchema.parse(values.owner) } });
      if (!owner) throw new CliError(`no user with e-mail ${values.owner}`);
      const review = await domain(() => writeTransaction((tx) => createReview(tx, owner.id, input)));
      printResult(values.json, { id: review.id, slug: review.slug, title: review.title }, `Created review ${review.slug}`);
      return 0;
    }
    if (positionals[0] === "list") {
      const reviews = await db.review.findMany({
        where: values.user ? { memberships: { some: { user: { email: emailSchema.parse(values.user) } } } } : {},
        orderBy: { createdAt: "asc" },
        select: { slug: true, title: true, createdAt: true, _count: { select: { records: true, memberships: true } } },
      });
      const rows = reviews.map((r) => ({ slug: r.slug, title: r.title, createdAt: r.createdAt, records: r._count.records }));
      printResult(values.json, rows, rows.map((r) => `${r.slug}\t${r.records} records\t${r.title}`).join("\n") || "No reviews.");
      return 0;
    }
    throw new CliError(`unknown subcommand "${positionals[0] ?? ""}".\n${this.usage}`, 2);
  },
};
