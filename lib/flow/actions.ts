"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { COUNT_FIELDS, LIST_FIELDS } from "./fields";
import { saveFlowCounts, setFlowMode, type FlowChanges } from "./mutations";
import { saveFlowCountsSchema, setFlowModeSchema, type SaveFlowCountsInput } from "./schema";

function toChanges(input: SaveFlowCountsInput): FlowChanges {
  const changes: Required<FlowChanges> = { counts: {}, lists: {} };
  for (const field of COUNT_FIELDS) if (input[field] !== undefined) changes.counts[field] = input[field];
  for (const field of LIST_FIELDS) if (input[field] !== undefined) changes.lists[field] = input[field];
  return changes;
}

const save = reviewAction("manage", saveFlowCountsSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => saveFlowCounts(tx, user.id, review.id, toChanges(input)));
  revalidatePath(`/reviews/${review.slug}/prisma`);
  return null;
});
export async function saveFlowCountsAction(input: FormData) {
  return save(input);
}

const mode = reviewAction("manage", setFlowModeSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => setFlowMode(tx, user.id, review.id, input.mode));
  revalidatePath(`/reviews/${review.slug}/prisma`);
  return null;
});
export async function setFlowModeAction(input: FormData) {
  return mode(input);
}
