export type Command = {
  summary: string;
  usage: string;
  /** Runs the command with its own arguments (after the command name); resolves to the exit code. */
  run(argv: string[]): Promise<number>;
};

/** A user-facing failure: printed as "sieve: <message>" with a non-zero exit, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
