"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { FORBIDDEN, reviewAction } from "@/lib/action";
import { writeTransaction } from "@/lib/db";
import { hasCapability } from "@/lib/auth/roles";
import { DomainError } from "@/lib/errors";
import { deleteDigitisation, saveDigitisation } from "./mutations";
import { saveDigitisationSchema } from "./schema";

/** Extractors digitise for their own extraction; owners and adjudicators may digitise for the consensus. */
export const saveDigitisationAction = reviewAction("view", saveDigitisationSchema, async (input, access) => {
  const allowed = input.consensus ? hasCapability(access.roles, "reconcile") : hasCapability(access.roles, "extract");
  if (!allowed) throw new DomainError(FORBIDDEN);
  const result = await writeTransaction((tx) => saveDigitisation(tx, { id: access.user.id, reviewId: access.review.id }, input));
  revalidatePath(`/reviews/${access.review.slug}/extraction`, "layout");
  return result;
});

const deleteSchema = z.object({ slug: z.string().min(1), digitisationId: z.string().min(1), consensus: z.boolean().default(false) });

export const deleteDigitisationAction = reviewAction("view", deleteSchema, async (input, access) => {
  const allowed = input.consensus ? hasCapability(access.roles, "reconcile") : hasCapability(access.roles, "extract");
  if (!allowed) throw new DomainError(FORBIDDEN);
  await writeTransaction((tx) => deleteDigitisation(tx, { id: access.user.id, reviewId: access.review.id }, input.digitisationId, input.consensus));
  revalidatePath(`/reviews/${access.review.slug}/extraction`, "layout");
  return null;
});
