#!/usr/bin/env tsx
// The Sieve command-line interface. Each command lives in bin/commands/<name>.ts and exports
// `run(argv)` returning an exit code; they call the same lib/ code as the web app.
import { commands } from "./commands/registry";
import { CliError } from "./commands/types";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    printHelp();
    return name ? 0 : 1;
  }
  const command = commands[name];
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

function printHelp() {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
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

main(process.argv.slice(2)).then(
  async (code) => {
    await flushed();
    process.exit(code);
  },
  async (error: unknown) => {
    // Expected failures (bad input, unknown review) print one line; anything else is a bug and keeps its stack.
    const message = error instanceof CliError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`sieve: ${message}\n`);
    await flushed();
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
