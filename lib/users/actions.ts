"use server";
import { writeTransaction } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createUser } from "@/lib/users/mutations";
import { signUpSchema } from "@/lib/users/schema";
import type { ActionResult, FieldErrors } from "@/lib/action";
import { z } from "zod";

/** Public: the one action that needs no session. The client signs in with the same credentials afterwards. */
export async function signUp(input: FormData): Promise<ActionResult<{ email: string }>> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(input.entries()));
  if (!parsed.success) {
    return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  }
  try {
    const user = await writeTransaction((tx) => createUser(tx, parsed.data));
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}
