"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { bulkDecide, decidePair, runDeduplication, setPrimary, undoMerge } from "@/lib/dedup/mutations";
import { bulkDecideSchema, decidePairSchema, runDetectionSchema, setPrimarySchema, undoMergeSchema } from "@/lib/dedup/schema";

/** Large reviews take a while: 100,000 records run in about a minute (bench/dedup-db.ts). */
const LONG = { timeout: 600_000, bulk: true };

function refresh(slug: string) {
  // Counts on the dashboard, identification, records and PRISMA pages all move with a merge.
  revalidatePath(`/reviews/${slug}`, "layout");
}

const run = reviewAction("manage", runDetectionSchema, async (_input, { user, review }) => {
  const summary = await writeTransaction((tx) => runDeduplication(tx, user.id, review.id), LONG);
  refresh(review.slug);
  return { newRecords: summary.newRecords, groups: summary.groups.length, possiblePairs: summary.possiblePairs.length };
});
/** Without progress; the page streams progress through /api/reviews/[slug]/duplicates instead. */
export async function runDeduplicationAction(input: FormData) {
  return run(input);
}

const decide = reviewAction("manage", decidePairSchema, async (input, { user, review }) => {
  const result = await writeTransaction((tx) => decidePair(tx, user.id, review.id, input.pairId, input.decision));
  refresh(review.slug);
  return result;
});
export async function decidePairAction(input: FormData) {
  return decide(input);
}

const bulk = reviewAction("manage", bulkDecideSchema, async ({ minScore, maxScore, decision }, { user, review }) => {
  const result = await writeTransaction((tx) => bulkDecide(tx, user.id, review.id, { minScore, maxScore, decision }), LONG);
  refresh(review.slug);
  return result;
});
export async function bulkDecideAction(input: FormData) {
  return bulk(input);
}

const undo = reviewAction("manage", undoMergeSchema, async (input, { user, review }) => {
  const result = await writeTransaction((tx) => undoMerge(tx, user.id, review.id, input.groupId));
  refresh(review.slug);
  return result;
});
export async function undoMergeAction(input: FormData) {
  return undo(input);
}

const primary = reviewAction("manage", setPrimarySchema, async (input, { user, review }) => {
  const result = await writeTransaction((tx) => setPrimary(tx, user.id, review.id, input.groupId, input.recordId));
  refresh(review.slug);
  return result;
});
export async function setPrimaryAction(input: FormData) {
  return primary(input);
}
