import { z } from "zod";

export const reasonStageSchema = z.enum(["TITLE_ABSTRACT", "FULL_TEXT", "BOTH"]);
const label = z.string().trim().min(1, "Give the reason a label.").max(200, "Keep each reason under 200 characters.");
const slug = z.string().min(1);
const reasonId = z.string().min(1);

export const addReasonSchema = z.object({ slug, label, stage: reasonStageSchema });
export const editReasonSchema = z.object({ slug, reasonId, label, stage: reasonStageSchema });
export const moveReasonSchema = z.object({ slug, reasonId, direction: z.enum(["up", "down"]) });
export const retireReasonSchema = z.object({ slug, reasonId, retired: z.enum(["true", "false"]).transform((v) => v === "true") });
export const mergeReasonSchema = z.object({ slug, reasonId, intoId: z.string().min(1, "Choose the reason to merge into.") });
export const deleteReasonSchema = z.object({ slug, reasonId });

export type ReasonStage = z.infer<typeof reasonStageSchema>;
