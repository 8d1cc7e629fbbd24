import { z } from "zod";
import { ASSIGNMENT_MODES } from "@/lib/screening/assignment";
import { id, optionalId, stageSchema } from "@/lib/screening/schema";

/** Checkbox groups arrive as one string, an array, or nothing. */
const ids = z
  .union([z.array(id), id])
  .optional()
  .transform((v) => (v === undefined ? [] : [...new Set([v].flat())]))
  .pipe(z.array(id).max(100));

/**
 * An owner's assignment for one stage. "EVERYONE" is today's rule (every reviewer screens every
 * record); "SPLIT" shares each record among `perRecord` of the chosen reviewers; "CHECK" has the
 * primary screen every record and the checker a `checkPercent` share. A blank seed draws a new one.
 */
export const assignmentSchema = z
  .object({
    slug: z.string().min(1),
    stage: stageSchema,
    mode: z.enum(ASSIGNMENT_MODES),
    reviewerIds: ids,
    perRecord: z.coerce.number().int("Choose a whole number of reviewers.").min(1, "Each record needs at least one reviewer.").max(10).default(2),
    primaryId: optionalId,
    checkerId: optionalId,
    checkPercent: z.coerce.number().int("Give a whole percentage.").min(1, "Check at least 1%.").max(100, "At most 100%.").default(20),
    seed: z
      .string()
      .trim()
      .max(40, "Keep the seed under 40 characters.")
      .regex(/^[A-Za-z0-9_-]*$/, "Use letters, digits, - and _ in the seed.")
      .default(""),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "SPLIT") {
      if (v.reviewerIds.length === 0) ctx.addIssue({ code: "custom", path: ["reviewerIds"], message: "Choose the reviewers who share the records." });
      else if (v.perRecord > v.reviewerIds.length)
        ctx.addIssue({ code: "custom", path: ["perRecord"], message: `Only ${v.reviewerIds.length} reviewer${v.reviewerIds.length === 1 ? " is" : "s are"} chosen; each record cannot go to ${v.perRecord}.` });
    }
    if (v.mode === "CHECK") {
      if (!v.primaryId) ctx.addIssue({ code: "custom", path: ["primaryId"], message: "Choose who screens every record." });
      if (!v.checkerId) ctx.addIssue({ code: "custom", path: ["checkerId"], message: "Choose who checks a share." });
      if (v.primaryId && v.primaryId === v.checkerId) ctx.addIssue({ code: "custom", path: ["checkerId"], message: "The checker must be someone other than the first reviewer." });
    }
  })
  .transform((v) => ({
    slug: v.slug,
    stage: v.stage,
    mode: v.mode,
    reviewerIds: v.mode === "CHECK" ? [v.primaryId!, v.checkerId!] : v.mode === "SPLIT" ? v.reviewerIds : [],
    perRecord: v.mode === "SPLIT" ? v.perRecord : 1,
    checkPercent: v.mode === "CHECK" ? v.checkPercent : 0,
    seed: v.seed,
  }));
export type AssignmentInput = z.output<typeof assignmentSchema>;

/** Assigning records that arrived since the last draw (automatic on page loads; this is the explicit button). */
export const assignNewSchema = z.object({ slug: z.string().min(1), stage: stageSchema });
