import { z } from "zod";

const slug = z.string().min(1);
const id = z.string().min(1);

export const renameStudySchema = z.object({ slug, studyId: id, label: z.string().trim().min(1, "Give the study a name.").max(200, "Keep the name under 200 characters.") });
export const moveReportSchema = z.object({ slug, recordId: id, studyId: z.string().min(1, "Choose a study.") });
export const splitReportSchema = z.object({ slug, recordId: id });
