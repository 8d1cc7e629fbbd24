import { z } from "zod";
import { STAGES } from "@/lib/reviews/schema";

export const stageSchema = z.enum(STAGES);
export const decisionSchema = z.enum(["INCLUDE", "EXCLUDE", "MAYBE"]);
export const outcomeSchema = z.enum(["INCLUDE", "EXCLUDE"]);

/** URL segment ↔ stage. */
export const STAGE_PATHS = { TITLE_ABSTRACT: "title-abstract", FULL_TEXT: "full-text" } as const;
export const STAGE_LABELS = { TITLE_ABSTRACT: "Title/abstract", FULL_TEXT: "Full text" } as const;

export const id = z.string().trim().min(1).max(64);
export const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));
const note = z.string().trim().max(4000, "Keep the note under 4,000 characters.").default("");
/** Ids the client already holds (current and prefetched records), so "next" skips them. */
const excludeIds = z
  .union([z.array(id), id])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat()))
  .pipe(z.array(id).max(20));

export const decideSchema = z.object({
  slug: z.string().min(1),
  stage: stageSchema,
  recordId: id,
  decision: decisionSchema,
  reasonId: optionalId,
  note,
  exclude: excludeIds,
});
export type DecideInput = z.infer<typeof decideSchema>;

export const nextSchema = z.object({ slug: z.string().min(1), stage: stageSchema, exclude: excludeIds });
export type NextInput = z.infer<typeof nextSchema>;

export const undoSchema = z.object({ slug: z.string().min(1), stage: stageSchema, recordId: id });
export type UndoInput = z.infer<typeof undoSchema>;

export const resolveConflictSchema = z.object({
  slug: z.string().min(1),
  stage: stageSchema,
  recordId: id,
  outcome: outcomeSchema,
  reasonId: optionalId,
  note,
});
export type ResolveConflictInput = z.infer<typeof resolveConflictSchema>;

export const reopenSchema = z.object({ slug: z.string().min(1), stage: stageSchema, recordId: id, note });
export type ReopenInput = z.infer<typeof reopenSchema>;

/** An HTML checkbox sends "on" when ticked and nothing otherwise; JSON callers may send booleans. */
const checkbox = z.union([z.enum(["on", "true", "false"]), z.boolean()]).optional().transform((v) => v === "on" || v === "true" || v === true);
const perRecord = z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)], { error: "Choose 1 or 2 reviewers per record." }));
const terms = z
  .string()
  .max(20_000)
  .default("")
  .transform((s) => {
    const seen = new Set<string>();
    return s
      .split(/\r?\n|,/)
      .map((t) => t.trim())
      .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  })
  .pipe(z.array(z.string().max(100, "Keep each term under 100 characters.")).max(300, "Use at most 300 terms."));

export const stageSettingsSchema = z.object({
  slug: z.string().min(1),
  taReviewersPerRecord: perRecord,
  taBlinded: checkbox,
  taAllowMaybe: checkbox,
  ftReviewersPerRecord: perRecord,
  ftBlinded: checkbox,
  ftAllowMaybe: checkbox,
  highlightInclude: terms,
  highlightExclude: terms,
});
export type StageSettingsInput = z.infer<typeof stageSettingsSchema>;

export const notRetrievedSchema = z.object({
  slug: z.string().min(1),
  recordId: id,
  note: z.string().trim().min(1, "Say why the full text could not be retrieved.").max(4000),
});
export type NotRetrievedInput = z.infer<typeof notRetrievedSchema>;

export const linkReportSchema = z.object({ slug: z.string().min(1), recordId: id, studyId: id });
export type LinkReportInput = z.infer<typeof linkReportSchema>;

/** PDF uploads: checked again on the bytes (the %PDF magic number), not only the declared type. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;
