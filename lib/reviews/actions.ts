"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, userAction } from "@/lib/action";
import { createReview, updateProtocol } from "@/lib/reviews/mutations";
import { createReviewSchema, updateProtocolSchema } from "@/lib/reviews/schema";

const create = userAction(createReviewSchema, async (input, user) => {
  const review = await writeTransaction((tx) => createReview(tx, user.id, input));
  revalidatePath("/reviews");
  return { slug: review.slug };
});
export async function createReviewAction(input: FormData) {
  return create(input);
}

const update = reviewAction("manage", updateProtocolSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => updateProtocol(tx, user.id, review.id, input));
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function updateProtocolAction(input: FormData) {
  return update(input);
}
