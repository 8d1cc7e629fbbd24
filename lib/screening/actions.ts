"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction, type ActionInput } from "@/lib/action";
import { getNextItems, getStageSettings } from "@/lib/screening/data";
import { reopenResolution, resolveConflict, screenRecord, settlePending, withdrawDecision } from "@/lib/screening/mutations";
import { linkReport, markNotRetrieved, updateStageSettings } from "@/lib/screening/study-mutations";
import { removeStoredFile } from "@/lib/screening/pdf-store";
import { votesNeeded } from "@/lib/screening/rules";
import { getAssignedStages } from "@/lib/screening/assignment-data";
import { ensureAssigned } from "@/lib/screening/assignment-mutations";
import {
  decideSchema,
  linkReportSchema,
  nextSchema,
  notRetrievedSchema,
  reopenSchema,
  resolveConflictSchema,
  stageSettingsSchema,
  undoSchema,
} from "@/lib/screening/schema";

// Deciding and undoing do not revalidate: the screening view keeps its own state, and a
// revalidation would re-render the page (and its progress counts) on every keystroke.

const decide = reviewAction("screen", decideSchema, async (input, { user, review }) => {
  const { exclude, slug: _slug, ...vote } = input;
  const saved = await writeTransaction((tx) => screenRecord(tx, user.id, review.id, vote));
  // Read after the commit, so the record just decided is no longer in the queue.
  const { stageSettings } = saved;
  const next = await getNextItems(review.id, input.stage, user.id, {
    exclude: [...exclude, input.recordId],
    // The walk resumes after the record just decided instead of passing over every earlier vote again.
    after: input.recordId,
    limit: 1,
    required: votesNeeded(stageSettings),
    blinded: stageSettings.blinded,
  });
  return { decisionId: saved.decisionId, resolved: saved.resolved !== null, next };
});
/** Records a vote and returns the next record to prefetch (skipping `exclude`, which the client already holds). */
export async function decideAction(input: ActionInput) {
  return decide(input);
}

const next = reviewAction("screen", nextSchema, async (input, { user, review }) => {
  const stageSettings = await getStageSettings(review.id, input.stage);
  const load = () =>
    getNextItems(review.id, input.stage, user.id, {
      exclude: input.exclude,
      limit: 2,
      required: votesNeeded(stageSettings),
      blinded: stageSettings.blinded,
    });
  const items = await load();
  // At the end of an assigned queue, records that arrived since the draw (a title/abstract
  // inclusion, an import) are assigned by the same rule before saying the queue is empty.
  if (items.length === 0 && stageSettings.assigned && (await ensureAssigned(review.id, input.stage)) > 0) return { items: await load() };
  return { items };
});
export async function nextRecordsAction(input: ActionInput) {
  return next(input);
}

const undo = reviewAction("screen", undoSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => withdrawDecision(tx, user.id, review.id, input.stage, input.recordId));
  return null;
});
export async function undoDecisionAction(input: ActionInput) {
  return undo(input);
}

const resolve = reviewAction("adjudicate", resolveConflictSchema, async (input, { user, review }) => {
  const { slug: _slug, ...rest } = input;
  await writeTransaction((tx) => resolveConflict(tx, user.id, review.id, rest));
  revalidatePath(`/reviews/${review.slug}/screening`, "layout");
  return null;
});
export async function resolveConflictAction(input: ActionInput) {
  return resolve(input);
}

const reopen = reviewAction("adjudicate", reopenSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => reopenResolution(tx, user.id, review.id, input));
  revalidatePath(`/reviews/${review.slug}/screening`, "layout");
  return null;
});
export async function reopenResolutionAction(input: ActionInput) {
  return reopen(input);
}

const settings = reviewAction("manage", stageSettingsSchema, async (input, { user, review }) => {
  const settled = await writeTransaction(async (tx) => {
    const { before, after } = await updateStageSettings(tx, user.id, review.id, input);
    // A stage whose records are assigned needs one vote per assignee; its fixed number does not apply.
    const assigned = await getAssignedStages(review.id, tx);
    let n = 0;
    if (after.titleAbstract.reviewersPerRecord < before.titleAbstract.reviewersPerRecord && !assigned.has("TITLE_ABSTRACT")) n += await settlePending(tx, review.id, "TITLE_ABSTRACT", 1);
    if (after.fullText.reviewersPerRecord < before.fullText.reviewersPerRecord && !assigned.has("FULL_TEXT")) n += await settlePending(tx, review.id, "FULL_TEXT", 1);
    return n;
  });
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return { settled };
});
export async function updateStageSettingsAction(input: ActionInput) {
  return settings(input);
}

const notRetrieved = reviewAction("retrieve", notRetrievedSchema, async (input, { user, review }) => {
  const { previousPath } = await writeTransaction((tx) => markNotRetrieved(tx, user.id, review.id, input.recordId, input.note));
  if (previousPath) await removeStoredFile(previousPath);
  revalidatePath(`/reviews/${review.slug}/screening`, "layout");
  return null;
});
export async function markNotRetrievedAction(input: ActionInput) {
  return notRetrieved(input);
}

const link = reviewAction("manage", linkReportSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => linkReport(tx, user.id, review.id, input.recordId, input.studyId));
  revalidatePath(`/reviews/${review.slug}/screening`, "layout");
  return null;
});
export async function linkReportAction(input: ActionInput) {
  return link(input);
}
