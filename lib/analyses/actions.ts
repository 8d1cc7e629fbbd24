"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { createAnalysis, deleteAnalysis, saveGrade, updateAnalysis } from "./mutations";
import { createAnalysisInputSchema, deleteAnalysisInputSchema, saveGradeInputSchema, updateAnalysisInputSchema } from "./schema";

const revalidate = (slug: string) => revalidatePath(`/reviews/${slug}/results`, "layout");

const create = reviewAction("manage", createAnalysisInputSchema, async (input, { user, review }) => {
  const created = await writeTransaction((tx) => createAnalysis(tx, { id: user.id, reviewId: review.id }, input.definition));
  revalidate(review.slug);
  return created;
});
/** Owners: defines a new analysis. */
export async function createAnalysisAction(input: ActionInput) {
  return create(input);
}

const update = reviewAction("manage", updateAnalysisInputSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => updateAnalysis(tx, { id: user.id, reviewId: review.id }, input.analysisId, input.definition));
  revalidate(review.slug);
  return null;
});
/** Owners: changes an analysis (subgroup, exclusions, sensitivity choices…). */
export async function updateAnalysisAction(input: ActionInput) {
  return update(input);
}

const remove = reviewAction("manage", deleteAnalysisInputSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => deleteAnalysis(tx, { id: user.id, reviewId: review.id }, input.analysisId));
  revalidate(review.slug);
  return null;
});
export async function deleteAnalysisAction(input: ActionInput) {
  return remove(input);
}

const grade = reviewAction("manage", saveGradeInputSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => saveGrade(tx, { id: user.id, reviewId: review.id }, input.analysisId, input.grade));
  revalidate(review.slug);
  return null;
});
/** Owners: the review team's GRADE certainty and footnotes for the summary-of-findings table. */
export async function saveGradeAction(input: ActionInput) {
  return grade(input);
}
