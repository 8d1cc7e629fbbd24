"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { DomainError } from "@/lib/errors";
import { formTemplate, importFormJson } from "./templates";
import { addStudy, deleteOutcome, reopenMyEntry, saveConsensus, saveForm, saveMyEntry, saveOutcome, updateExtractionSettings } from "./mutations";
import {
  addStudyInputSchema,
  deleteOutcomeInputSchema,
  extractionSettingsInputSchema,
  importFormInputSchema,
  saveConsensusInputSchema,
  saveEntryInputSchema,
  saveFormInputSchema,
  saveOutcomeInputSchema,
  studyInputSchema,
  templateInputSchema,
} from "./schema";
import { z } from "zod";

const revalidate = (slug: string) => revalidatePath(`/reviews/${slug}/extraction`, "layout");

const saveFormHandler = reviewAction("manage", saveFormInputSchema, async (input, { user, review }) => {
  const saved = await writeTransaction((tx) => saveForm(tx, { id: user.id, reviewId: review.id }, input.definition));
  revalidate(review.slug);
  return saved;
});
/** Owners: saves the form (a new version once an extraction used the current one). */
export async function saveFormAction(input: ActionInput) {
  return saveFormHandler(input);
}

const fromTemplate = reviewAction("manage", templateInputSchema, async (input, { user, review }) => {
  const saved = await writeTransaction((tx) => saveForm(tx, { id: user.id, reviewId: review.id }, formTemplate(input.template)));
  revalidate(review.slug);
  return saved;
});
export async function createFormFromTemplateAction(input: ActionInput) {
  return fromTemplate(input);
}

const importForm = reviewAction("manage", importFormInputSchema, async (input, { user, review }) => {
  const parsed = importFormJson(input.json);
  if (!parsed.ok) throw new DomainError("The form file is not valid.", { json: parsed.errors });
  const saved = await writeTransaction((tx) => saveForm(tx, { id: user.id, reviewId: review.id }, parsed.definition));
  revalidate(review.slug);
  return saved;
});
export async function importFormAction(input: ActionInput) {
  return importForm(input);
}

const saveOutcomeHandler = reviewAction("manage", saveOutcomeInputSchema, async (input, { user, review }) => {
  const { slug: _slug, outcomeId, ...outcome } = input;
  const saved = await writeTransaction((tx) => saveOutcome(tx, { id: user.id, reviewId: review.id }, outcome, outcomeId));
  revalidate(review.slug);
  return { id: saved.id };
});
export async function saveOutcomeAction(input: ActionInput) {
  return saveOutcomeHandler(input);
}

const deleteOutcomeHandler = reviewAction("manage", deleteOutcomeInputSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => deleteOutcome(tx, { id: user.id, reviewId: review.id }, input.outcomeId));
  revalidate(review.slug);
  return null;
});
export async function deleteOutcomeAction(input: ActionInput) {
  return deleteOutcomeHandler(input);
}

const settingsHandler = reviewAction("manage", extractionSettingsInputSchema, async (input, { user, review }) => {
  const saved = await writeTransaction((tx) => updateExtractionSettings(tx, { id: user.id, reviewId: review.id }, input));
  revalidate(review.slug);
  return saved;
});
export async function updateExtractionSettingsAction(input: ActionInput) {
  return settingsHandler(input);
}

// Saving does not revalidate: the form keeps its own state while the extractor types.
const saveEntry = reviewAction("extract", saveEntryInputSchema.extend({ submit: z.boolean().default(false) }), async (input, { user, review }) => {
  const { slug: _slug, submit, ...entry } = input;
  const saved = await writeTransaction((tx) => saveMyEntry(tx, { id: user.id, reviewId: review.id }, entry, { submit }));
  if (submit) revalidate(review.slug);
  return saved;
});
/** Reviewers: saves (or, with submit, submits) their own extraction; errors come back on the field. */
export async function saveMyExtractionAction(input: ActionInput) {
  return saveEntry(input);
}

const reopen = reviewAction("extract", studyInputSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => reopenMyEntry(tx, { id: user.id, reviewId: review.id }, input.studyId));
  revalidate(review.slug);
  return null;
});
export async function reopenMyExtractionAction(input: ActionInput) {
  return reopen(input);
}

const consensus = reviewAction("reconcile", saveConsensusInputSchema, async (input, { user, review }) => {
  const { slug: _slug, ...rest } = input;
  const saved = await writeTransaction((tx) => saveConsensus(tx, { id: user.id, reviewId: review.id }, rest));
  revalidate(review.slug);
  return saved;
});
/** Owners and adjudicators: the consensus, field by field. */
export async function saveConsensusAction(input: ActionInput) {
  return consensus(input);
}

const addStudyHandler = reviewAction("manage", addStudyInputSchema.extend({ slug: z.string().min(1) }), async (input, { user, review }) => {
  const saved = await writeTransaction((tx) => addStudy(tx, { id: user.id, reviewId: review.id }, input));
  revalidate(review.slug);
  return saved;
});
export async function addStudyAction(input: ActionInput) {
  return addStudyHandler(input);
}
