"use server";
import { db, writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { bulkDecide, searchMyQueue } from "@/lib/screening/bulk";
import { bulkDecideSchema, searchQueueSchema } from "@/lib/screening/bulk-schema";

const search = reviewAction("screen", searchQueueSchema, async (input, { user, review }) => searchMyQueue(db, review.id, input.stage, user.id, input.q));
/** Searches the records still waiting for my vote at a stage. */
export async function searchMyQueueAction(input: ActionInput) {
  return search(input);
}

const bulk = reviewAction("screen", bulkDecideSchema, async ({ slug: _slug, ...input }, { user, review }) => ({
  decided: await writeTransaction((tx) => bulkDecide(tx, user.id, review.id, input)),
}));
/** Decides every record the search finds in my queue, after the reviewer confirmed the count. */
export async function bulkDecideAction(input: ActionInput) {
  return bulk(input);
}
