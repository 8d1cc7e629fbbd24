"use server";

import { revalidatePath } from "next/cache";
import { reviewAction } from "@/lib/action";
import { writeTransaction } from "@/lib/db";
import { acceptAgreements, changeCustomItem, saveRating, setConsensus, submitAssessment, updateRobSettings } from "./mutations";
import { consensusSchema, customItemSchema, removeCustomItemSchema, robSettingsSchema, saveRatingSchema, studySchema } from "./schema";

const refresh = (slug: string) => revalidatePath(`/reviews/${slug}/risk-of-bias`, "layout");

/** A rater saves one item's judgement (signalling answers, support, any override reason). */
export const saveRatingAction = reviewAction("appraise", saveRatingSchema, async ({ slug, ...input }, { review, user }) => {
  const result = await writeTransaction((tx) => saveRating(tx, review.id, user.id, input));
  refresh(slug);
  return result;
});

export const submitAssessmentAction = reviewAction("appraise", studySchema, async ({ slug, studyId }, { review, user }) => {
  await writeTransaction((tx) => submitAssessment(tx, review.id, user.id, studyId));
  refresh(slug);
  return null;
});

export const setConsensusAction = reviewAction("reconcile", consensusSchema, async ({ slug, ...input }, { review, user }) => {
  const result = await writeTransaction((tx) => setConsensus(tx, review.id, user.id, input));
  refresh(slug);
  return result;
});

export const acceptAgreementsAction = reviewAction("reconcile", studySchema, async ({ slug, studyId }, { review, user }) => {
  const result = await writeTransaction((tx) => acceptAgreements(tx, review.id, user.id, studyId));
  refresh(slug);
  return result;
});

export const updateRobSettingsAction = reviewAction("manage", robSettingsSchema, async ({ slug, ...input }, { review, user }) => {
  const result = await writeTransaction((tx) => updateRobSettings(tx, review.id, user.id, input));
  refresh(slug);
  return result;
});

export const saveCustomItemAction = reviewAction("manage", customItemSchema, async ({ slug, ...item }, { review, user }) => {
  const result = await writeTransaction((tx) => changeCustomItem(tx, review.id, user.id, item));
  refresh(slug);
  return result;
});

export const removeCustomItemAction = reviewAction("manage", removeCustomItemSchema, async ({ slug, id }, { review, user }) => {
  const result = await writeTransaction((tx) => changeCustomItem(tx, review.id, user.id, { id, remove: true }));
  refresh(slug);
  return result;
});
