"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { reopenRetrieval } from "@/lib/screening/study-mutations";

const reopenRetrievalSchema = z.object({ slug: z.string().min(1), recordId: z.string().min(1) });

const reopen = reviewAction("retrieve", reopenRetrievalSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => reopenRetrieval(tx, user.id, review.id, input.recordId));
  revalidatePath(`/reviews/${review.slug}/screening`, "layout");
  return null;
});
/** Reopens a record marked "not retrieved", so it can be screened at full text again. */
export async function reopenRetrievalAction(input: ActionInput) {
  return reopen(input);
}
