import "server-only";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview, type CurrentUser, type ReviewAccess } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T = null> = { ok: true; data: T; message?: string } | { ok: false; error: string; fieldErrors?: FieldErrors };
export type ActionInput = FormData | Record<string, unknown>;

export const NOT_FOUND = "Not found.";
export const NOT_SIGNED_IN = "You are signed out. Sign in again.";
export const FORBIDDEN = "Your role in this review does not allow that.";

/** FormData → plain object; a key repeated in the form (checkbox groups) becomes an array. */
function toObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

function invalid(error: z.ZodError): ActionResult<never> {
  return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: z.flattenError(error).fieldErrors as FieldErrors };
}

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (error) {
    // Business-rule failures carry a message meant for the user; anything else is a bug and goes to error.tsx.
    if (error instanceof DomainError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}

/** An action anyone may call (signing up): validation and error handling only. */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (input: ActionInput): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(toObject(input));
    if (!parsed.success) return invalid(parsed.error);
    return run(() => fn(parsed.data));
  };
}

/** An action for a signed-in user that touches no particular review (e.g. creating one). */
export function userAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>, user: CurrentUser) => Promise<T>) {
  return async (input: ActionInput): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: NOT_SIGNED_IN };
    const parsed = schema.safeParse(toObject(input));
    if (!parsed.success) return invalid(parsed.error);
    return run(() => fn(parsed.data, user));
  };
}

/**
 * The one gate for every action on a review: signed in, a member (else "not found", never
 * revealing that the review exists), holding the capability, and valid input. The schema must
 * carry the review's `slug`.
 */
export function reviewAction<S extends z.ZodType<{ slug: string }>, T>(
  capability: Capability,
  schema: S,
  fn: (input: z.output<S>, access: ReviewAccess) => Promise<T>,
) {
  return async (input: ActionInput): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: NOT_SIGNED_IN };
    const raw = toObject(input);
    const access = await authorizeReview(user, String(raw.slug ?? ""), capability);
    if (access === "not-found") return { ok: false, error: NOT_FOUND };
    if (access === "forbidden") return { ok: false, error: FORBIDDEN };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error);
    return run(() => fn(parsed.data, access));
  };
}
