import { parseArgs } from "node:util";
import { writeTransaction } from "@/lib/db";
import { createUser, resetPassword } from "@/lib/users/mutations";
import { resetPasswordSchema, signUpSchema } from "@/lib/users/schema";
import { CliError, type Command } from "./types";
import { domain, printResult, readStdin, validate } from "./io";

export const userCommand: Command = {
  summary: "Manage user accounts (user create, user reset-password)",
  usage:
    "sieve user create --email E --name N --password-stdin [--json]\n  sieve user reset-password --email E --password-stdin [--json]\n  Reads the password from standard input so it never appears in shell history. A reset also lifts a sign-in lock.",
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" }, json: { type: "boolean" } },
    });
    const sub = positionals[0];
    if (sub !== "create" && sub !== "reset-password") throw new CliError(`unknown subcommand "${sub ?? ""}" (create or reset-password)\n\n${this.usage}`, 2);
    if (!values["password-stdin"]) throw new CliError("pass the password on standard input with --password-stdin", 2);
    const password = (await readStdin()).replace(/\r?\n$/, "");
    if (sub === "reset-password") {
      const input = validate(resetPasswordSchema, { email: values.email, password });
      const user = await domain(() => writeTransaction((tx) => resetPassword(tx, input.email, input.password)));
      printResult(values.json, { id: user.id, email: user.email }, `Reset the password of ${user.email}`);
      return 0;
    }
    const input = validate(signUpSchema, { email: values.email, name: values.name, password });
    const user = await writeTransaction((tx) => createUser(tx, input));
    printResult(values.json, { id: user.id, email: user.email, name: user.name }, `Created user ${user.email}`);
    return 0;
  },
};
