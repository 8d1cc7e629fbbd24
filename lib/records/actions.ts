"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { correctRecord } from "@/lib/records/corrections";
import { correctRecordSchema, myRecordNoteSchema, saveRecordNoteSchema } from "@/lib/records/schema";
import { readMyRecordNote, saveRecordNote } from "@/lib/records/notes";

const correct = reviewAction("manage", correctRecordSchema, async ({ slug: _slug, ...input }, { user, review }) => {
  const changed = await writeTransaction((tx) => correctRecord(tx, user.id, review.id, input));
  revalidatePath(`/reviews/${review.slug}/records/${input.recordId}`);
  return { changed };
});
export async function correctRecordAction(input: FormData) {
  return correct(input);
}

const saveNote = reviewAction("view", saveRecordNoteSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => saveRecordNote(tx, user.id, review.id, input.recordId, input.text, input.labels));
  revalidatePath(`/reviews/${review.slug}/records/${input.recordId}`);
  return null;
});
/** Any member keeps their own note and labels on a record (teammates see them once blinding allows). */
export async function saveRecordNoteAction(input: FormData) {
  return saveNote(input);
}

const myNote = reviewAction("view", myRecordNoteSchema, async (input, { user, review }) => readMyRecordNote(user.id, review.id, input.recordId));
/** My own note and labels on a record, for the screening page's labels box. */
export async function myRecordNoteAction(input: { slug: string; recordId: string }) {
  return myNote(input);
}
