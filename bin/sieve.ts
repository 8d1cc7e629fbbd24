#!/usr/bin/env tsx
// The Sieve command-line interface. Each command lives in bin/commands/<name>.ts and exports
// `run(argv)` returning an exit code; they call the same lib/ code as the web app. Commands are
// loaded on demand, so those without a database run before the Prisma client exists.
import { existsSync } from "node:fs";
import { commands, loadCommand } from "./commands/registry";
import { databaseFile, explainFailure, removeDatabaseIfCreatedEmpty } from "./cli-failures";

async function main(name: string | undefined, rest: string[]): Promise<number> {
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await printHelp();
    return name ? 0 : 1;
  }
  const command = await loadCommand(name);
  if (!command) {
    process.stderr.write(`sieve: unknown command "${name}". Run "sieve --help".\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(rest);
}

async function printHelp() {
  const lines: string[] = [];
  for (const name of Object.keys(commands)) {
    const summary = await loadCommand(name).then(
      (c) => c?.summary ?? "",
      (error: unknown) => `(unavailable: ${explainFailure(error, name)?.message ?? String(error)})`,
    );
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  process.stdout.write(
    ["Usage: npm run --silent sieve -- <command> [options]", "", "Commands:", ...lines, "", 'Run "sieve <command> --help" for details.'].join("\n") + "\n",
  );
}

// `sieve parse big.ris | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// process.exit() drops whatever is still buffered for a pipe, so let stdout drain first.
const flushed = () => new Promise<void>((resolve) => process.stdout.write("", () => resolve()));

const [name, ...rest] = process.argv.slice(2);
const dbFile = databaseFile();
const dbExisted = dbFile !== undefined && existsSync(dbFile);

/** A usage mistake is one line that names the command and points at its --help, never the whole usage text. */
function usageMistake(error: { message: string; exitCode: number }, command: string | undefined) {
  if (error.exitCode !== 2 || !error.message.includes("\n")) return error.message;
  const first = error.message.split("\n")[0].replace(/[.:]\s*$/, "");
  const named = command && !first.startsWith(`${command}:`) ? `${command}: ${first}` : first;
  return `${named} (see "sieve ${command ?? ""} --help")`;
}

main(name, rest).then(
  async (code) => {
    await flushed();
    process.exit(code);
  },
  async (error: unknown) => {
    removeDatabaseIfCreatedEmpty(dbFile, dbExisted);
    // Expected failures (bad input, unknown review, no database) print one line; anything else is a bug and keeps its stack.
    const known = explainFailure(error, name);
    const message = known ? usageMistake(known, name) : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`sieve: ${message}\n`);
    await flushed();
    process.exit(known ? known.exitCode : 1);
  },
);
