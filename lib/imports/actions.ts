"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { createSearch, deleteSearch, undoImport, updateSearch } from "@/lib/imports/mutations";
import { createSearchSchema, deleteSearchSchema, undoImportSchema, updateSearchSchema } from "@/lib/imports/schema";

const create = reviewAction("manage", createSearchSchema, async ({ slug: _slug, ...fields }, { user, review }) => {
  const search = await writeTransaction((tx) => createSearch(tx, user.id, review.id, fields));
  revalidatePath(`/reviews/${review.slug}/identification`);
  return { id: search.id };
});
export async function createSearchAction(input: FormData) {
  return create(input);
}

const undo = reviewAction("manage", undoImportSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => undoImport(tx, user.id, review.id, input.importId), { timeout: 120_000, bulk: true });
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function undoImportAction(input: FormData) {
  return undo(input);
}

const update = reviewAction("manage", updateSearchSchema, async ({ slug: _slug, searchId, ...fields }, { user, review }) => {
  await writeTransaction((tx) => updateSearch(tx, user.id, review.id, searchId, fields));
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function updateSearchAction(input: FormData) {
  return update(input);
}

const remove = reviewAction("manage", deleteSearchSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => deleteSearch(tx, user.id, review.id, input.searchId));
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function deleteSearchAction(input: FormData) {
  return remove(input);
}
