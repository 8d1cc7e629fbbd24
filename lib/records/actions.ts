"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { correctRecord } from "@/lib/records/corrections";
import { correctRecordSchema } from "@/lib/records/schema";

const correct = reviewAction("manage", correctRecordSchema, async ({ slug: _slug, ...input }, { user, review }) => {
  const changed = await writeTransaction((tx) => correctRecord(tx, user.id, review.id, input));
  revalidatePath(`/reviews/${review.slug}/records/${input.recordId}`);
  return { changed };
});
export async function correctRecordAction(input: FormData) {
  return correct(input);
}
