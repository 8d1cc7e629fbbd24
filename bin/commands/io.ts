import { z } from "zod";
import { db } from "@/lib/db";
import { authorizeReview, type ReviewAccess } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { emailSchema } from "@/lib/users/schema";
import { CliError } from "./types";

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CliError("expected input on standard input", 2);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Validates with the same Zod schema the web action uses; errors name the option. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new CliError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? "input")}: ${i.message}`).join("; "), 2);
}

export function printResult(json: boolean | undefined, data: unknown, text: string) {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${text}\n`);
}

/** Server administrators run the CLI; with no --as they act as the review's longest-standing owner. */
async function firstOwnerEmail(slug: string): Promise<string | undefined> {
  const owner = await db.membership.findFirst({ where: { review: { slug }, role: "OWNER" }, orderBy: { createdAt: "asc" }, select: { user: { select: { email: true } } } });
  return owner?.user.email;
}

/**
 * The CLI acts as a named user (`--as EMAIL`, else $SIEVE_USER, else the review's first owner)
 * under the same membership and role rules as the web app: a non-member is told the review was
 * not found.
 */
export async function actAs(email: string | undefined, slug: string | undefined, capability: Capability): Promise<ReviewAccess> {
  if (!slug) throw new CliError("--review SLUG is required", 2);
  const address = email ?? process.env.SIEVE_USER ?? (await firstOwnerEmail(slug));
  if (!address) throw new CliError(`review "${slug}" not found`);
  const user = await db.user.findUnique({ where: { email: emailSchema.parse(address) }, select: { id: true, email: true, name: true } });
  if (!user) throw new CliError(`no user with e-mail ${address}`);
  const access = await authorizeReview(user, slug, capability);
  if (access === "not-found") throw new CliError(`review "${slug}" not found`);
  if (access === "forbidden") throw new CliError(`${address} does not have the role needed for that in "${slug}"`);
  return access;
}

/** Business-rule failures become CLI errors with their user-facing message. */
export async function domain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  }
}
