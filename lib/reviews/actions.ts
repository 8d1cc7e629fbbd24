"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, userAction } from "@/lib/action";
import { createReview, updateProtocol } from "@/lib/reviews/mutations";
import { createReviewFormSchema, updateProtocolSchema } from "@/lib/reviews/schema";
import { addReason, deleteReason, editReason, mergeReasons, moveReason, setReasonRetired } from "@/lib/reviews/reasons";
import { addReasonSchema, deleteReasonSchema, editReasonSchema, mergeReasonSchema, moveReasonSchema, retireReasonSchema } from "@/lib/reviews/reason-schema";

const create = userAction(createReviewFormSchema, async ({ creatorRoles, ...input }, user) => {
  const review = await writeTransaction((tx) => createReview(tx, user.id, input, undefined, creatorRoles));
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

// Exclusion reasons, edited in place on the protocol page.
const reasonsChanged = (slug: string) => revalidatePath(`/reviews/${slug}`, "layout");

const addReasonAct = reviewAction("manage", addReasonSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => addReason(tx, user.id, review.id, input.label, input.stage));
  reasonsChanged(review.slug);
  return null;
});
export async function addReasonAction(input: FormData) {
  return addReasonAct(input);
}

const editReasonAct = reviewAction("manage", editReasonSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => editReason(tx, user.id, review.id, input.reasonId, input.label, input.stage));
  reasonsChanged(review.slug);
  return null;
});
export async function editReasonAction(input: FormData) {
  return editReasonAct(input);
}

const moveReasonAct = reviewAction("manage", moveReasonSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => moveReason(tx, user.id, review.id, input.reasonId, input.direction));
  reasonsChanged(review.slug);
  return null;
});
export async function moveReasonAction(input: FormData) {
  return moveReasonAct(input);
}

const retireReasonAct = reviewAction("manage", retireReasonSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => setReasonRetired(tx, user.id, review.id, input.reasonId, input.retired));
  reasonsChanged(review.slug);
  return null;
});
export async function retireReasonAction(input: FormData) {
  return retireReasonAct(input);
}

const mergeReasonAct = reviewAction("manage", mergeReasonSchema, async (input, { user, review }) => {
  const moved = await writeTransaction((tx) => mergeReasons(tx, user.id, review.id, input.reasonId, input.intoId));
  reasonsChanged(review.slug);
  return moved;
});
export async function mergeReasonAction(input: FormData) {
  return mergeReasonAct(input);
}

const deleteReasonAct = reviewAction("manage", deleteReasonSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => deleteReason(tx, user.id, review.id, input.reasonId));
  reasonsChanged(review.slug);
  return null;
});
export async function deleteReasonAction(input: FormData) {
  return deleteReasonAct(input);
}
