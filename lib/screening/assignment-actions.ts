"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { assignNewRecords, setStageAssignment } from "@/lib/screening/assignment-mutations";
import { assignmentSchema, assignNewSchema } from "@/lib/screening/assignment-schema";

// A whole stage can be 100,000 records (200,000 assignment rows): more than the default 30 s on a busy machine.
const DRAW_TIMEOUT_MS = 120_000;

const assign = reviewAction("manage", assignmentSchema, async ({ slug: _slug, ...input }, { user, review }) => {
  const result = await writeTransaction((tx) => setStageAssignment(tx, user.id, review.id, input), { timeout: DRAW_TIMEOUT_MS });
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return result;
});
/** An owner sets (or re-draws, or removes) how a stage's records are shared among reviewers. */
export async function setStageAssignmentAction(input: ActionInput) {
  return assign(input);
}

const assignNew = reviewAction("manage", assignNewSchema, async (input, { user, review }) => {
  const assigned = await writeTransaction((tx) => assignNewRecords(tx, user.id, review.id, input.stage), { timeout: DRAW_TIMEOUT_MS });
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return { assigned };
});
/** Assigns records that arrived since the last draw, by the same rule. */
export async function assignNewRecordsAction(input: ActionInput) {
  return assignNew(input);
}
