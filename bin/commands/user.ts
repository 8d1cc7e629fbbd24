import { parseArgs } from "node:util";
import { writeTransaction } from "@/lib/db";
import { createUser } from "@/lib/users/mutations";
import { signUpSchema } from "@/lib/users/schema";
import { CliError, type Command } from "./types";
import { printResult, readStdin, validate } from "./io";

export const userCommand: Command = {
  summary: "Manage user accounts (user create)",
  usage: "sieve user create --email E --name N --password-stdin [--json]\n  Reads the password from standard input so it never appears in shell history.",
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" }, json: { type: "boolean" } },
    });
    if (positionals[0] !== "create") throw new CliError(`unknown subcommand "${positionals[0] ?? ""}". Usage: ${this.usage}`, 2);
    if (!values["password-stdin"]) throw new CliError("pass the password on standard input with --password-stdin", 2);
    const password = (await readStdin()).replace(/\r?\n$/, "");
    const input = validate(signUpSchema, { email: values.email, name: values.name, password });
    const user = await writeTransaction((tx) => createUser(tx, input));
    printResult(values.json, { id: user.id, email: user.email, name: user.name }, `Created user ${user.email}`);
    return 0;
  },
};
