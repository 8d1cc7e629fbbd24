import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { commands } from "./commands/registry";

/**
 * Walks every registered command (so commands added later are covered too) the way a new user
 * would: --help, no options at all, an option missing its value, and a review on an empty database.
 * None may print a stack trace; usage mistakes exit 2; an empty database is never left behind.
 */
const run = promisify(execFile);
const root = path.resolve(__dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "sieve-cli-"));
const emptyDb = path.join(dir, "empty.db");
// A real Embase export kept in the repository, so the test does not depend on ../shared being beside the checkout.
const FIXTURE = path.resolve(root, "lib/formats/testdata/embase.ris");
const STACK_LINE = /^\s{4}at /m;

type Outcome = { code: number; output: string };

async function sieve(args: string[], options: { noClient?: boolean } = {}): Promise<Outcome> {
  const node = ["--import", "tsx", ...(options.noClient ? ["--import", "./bin/no-prisma-client.mjs"] : []), "--conditions=react-server", "bin/sieve.ts", ...args];
  try {
    const { stdout, stderr } = await run(process.execPath, node, {
      cwd: root, timeout: 120_000, env: { ...process.env, DATABASE_URL: `file:${emptyDb}`, SIEVE_USER: "" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

/** Runs tasks a few at a time: each is a separate Node process on a small machine. */
async function pool<T, R>(items: T[], fn: (item: T) => Promise<R>, width = 3): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

const names = Object.keys(commands);
const usage = new Map<string, string>();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sieve CLI: every registered command", () => {
  it("prints its usage for --help", async () => {
    const results = await pool(names, (name) => sieve([name, "--help"]));
    names.forEach((name, i) => {
      usage.set(name, results[i].output);
      expect(results[i].output, name).not.toMatch(STACK_LINE);
      expect([results[i].code, results[i].output.trim().length > 0], name).toEqual([0, true]);
    });
  }, 600_000);

  it("fails in one line without its required options, and with exit 2 for an option missing its value", async () => {
    const bare = await pool(names, (name) => sieve([name]));
    const missing = await pool(names, (name) => sieve([name, "--review"]));
    const bogus = await pool(names, (name) => sieve([name, "--no-such-option"]));
    names.forEach((name, i) => {
      for (const [what, r] of [["no options", bare[i]], ["--review without value", missing[i]], ["an unknown option", bogus[i]]] as const) {
        expect(r.output, `${name} (${what})`).not.toMatch(STACK_LINE);
        expect(r.output.trim().split("\n")[0], `${name} (${what})`).toMatch(/^sieve: |^Usage|^usage|^sieve /);
        // A mistake is one line that points at --help, not the whole usage text.
        if (r.code !== 0) expect(r.output.trim().split("\n"), `${name} (${what})`).toHaveLength(1);
      }
      expect(bogus[i].code, `${name} --no-such-option`).toBe(2);
      expect(bogus[i].output, name).toMatch(/--no-such-option/);
      expect(missing[i].code, `${name} --review`).toBe(2);
      expect(missing[i].output, name).toMatch(/--review/);
    });
  }, 600_000);

  it("says in one line how to set up an empty database, and leaves no file behind", async () => {
    const results = await pool(names, (name) => sieve([name, "list", "--review", "no-such-review", "--as", "nobody@example.org"]));
    names.forEach((name, i) => {
      expect(results[i].output, name).not.toMatch(STACK_LINE);
      expect(results[i].code, name).not.toBe(0);
    });
    expect(results.some((r) => /not set up.*db:migrate/.test(r.output))).toBe(true);
    expect(existsSync(emptyDb)).toBe(false);
  }, 600_000);

  it("accepts --as EMAIL on every command that works on a review", async () => {
    const onReview = names.filter((name) => /--review/.test(usage.get(name) ?? ""));
    expect(onReview.length).toBeGreaterThan(5);
    const results = await pool(onReview, (name) => sieve([name, "--review", "no-such-review", "--as", "nobody@example.org"]));
    onReview.forEach((name, i) => {
      expect(results[i].output, name).not.toMatch(/Unknown option '--as'/);
      expect(results[i].output, name).not.toMatch(STACK_LINE);
    });
  }, 600_000);
});

describe("sieve CLI before the Prisma client is generated", () => {
  it("runs meta, kappa, parse and dedup FILE…, and names the fix for database commands", async () => {
    const [meta, kappa, parse, dedup, prisma] = await pool([
      ["meta", "--help"], ["kappa"], ["parse", FIXTURE], ["dedup", FIXTURE, FIXTURE], ["prisma", "--review", "x"],
    ], (args) => sieve(args, { noClient: true }));
    expect(meta.code).toBe(0);
    expect(kappa).toMatchObject({ code: 2, output: expect.stringMatching(/--data/) });
    expect(parse).toMatchObject({ code: 0, output: expect.stringMatching(/3 records/) });
    expect(dedup).toMatchObject({ code: 0, output: expect.stringMatching(/6 records in 2 files: 3 duplicate groups/) });
    expect(prisma.output).toMatch(/^sieve: the database client is not generated; run "npm run db:generate"/);
    for (const r of [meta, kappa, parse, dedup, prisma]) expect(r.output).not.toMatch(STACK_LINE);
  }, 600_000);
});
