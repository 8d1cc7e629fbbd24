import path from "node:path";

/**
 * The SQLite URL, always with an absolute path: relative `file:` URLs resolve against different
 * directories in Prisma's CLI, Next's server and the test runners.
 */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DATABASE_URL ?? "file:./data/sieve.db";
  if (!configured.startsWith("file:")) return configured;
  const file = configured.slice("file:".length);
  return `file:${path.resolve(/*turbopackIgnore: true*/ process.cwd(), file)}`;
}
