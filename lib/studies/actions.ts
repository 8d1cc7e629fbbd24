"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { linkReport } from "@/lib/screening/study-mutations";
import { renameStudy, splitReport } from "@/lib/studies/mutations";
import { moveReportSchema, renameStudySchema, splitReportSchema } from "@/lib/studies/schema";

const studiesChanged = (slug: string) => revalidatePath(`/reviews/${slug}`, "layout");

const rename = reviewAction("manage", renameStudySchema, async (input, { user, review }) => {
  await writeTransaction((tx) => renameStudy(tx, user.id, review.id, input.studyId, input.label));
  studiesChanged(review.slug);
  return null;
});
export async function renameStudyAction(input: FormData) {
  return rename(input);
}

const move = reviewAction("manage", moveReportSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => linkReport(tx, user.id, review.id, input.recordId, input.studyId));
  studiesChanged(review.slug);
  return null;
});
/** Links a report to an existing study (an emptied study without data is removed). */
export async function moveReportAction(input: FormData) {
  return move(input);
}

const split = reviewAction("manage", splitReportSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => splitReport(tx, user.id, review.id, input.recordId));
  studiesChanged(review.slug);
  return null;
});
export async function splitReportAction(input: FormData) {
  return split(input);
}
