import { z } from "zod";

export const PAIR_DECISIONS = ["SAME", "DIFFERENT"] as const;
export type PairDecision = (typeof PAIR_DECISIONS)[number];
export type PairStatus = "POSSIBLE" | PairDecision;
export type GroupOrigin = "AUTOMATIC" | "MANUAL";

/**
 * One field written into a record when its group was merged: the value it had before, so undoing
 * the merge (or moving the primary) restores exactly what was imported. `from` is the donor record.
 */
export const fieldFillSchema = z.object({
  recordId: z.string(),
  field: z.string(),
  from: z.string(),
  previous: z.unknown(),
  value: z.unknown(),
});
export type FieldFill = z.infer<typeof fieldFillSchema>;

/** Phases of a detection run, reported to the progress bar and the CLI. */
export type DedupProgress = { phase: "loading" | "comparing" | "merging" | "queuing" | "done"; done: number; total: number };

/** One line of the NDJSON stream POST /api/reviews/[slug]/duplicates sends while detection runs. */
export type DetectionEvent =
  | ({ type: "progress" } & DedupProgress)
  | { type: "done"; newRecords: number; groups: number; possiblePairs: number }
  | { type: "error"; error: string };

const slug = z.string().min(1);
const score = z.coerce.number({ error: "Enter a score between 0 and 1." }).min(0, "Enter a score between 0 and 1.").max(1, "Enter a score between 0 and 1.");

export const runDetectionSchema = z.object({ slug });
export const decidePairSchema = z.object({ slug, pairId: z.string().min(1), decision: z.enum(PAIR_DECISIONS) });
export const bulkDecideSchema = z
  .object({ slug, minScore: score, maxScore: score.default(1), decision: z.enum(PAIR_DECISIONS).default("SAME") })
  .refine((v) => v.minScore <= v.maxScore, { path: ["minScore"], message: "The lower bound must not exceed the upper bound." });
export const undoMergeSchema = z.object({ slug, groupId: z.string().min(1) });
export const setPrimarySchema = z.object({ slug, groupId: z.string().min(1), recordId: z.string().min(1) });
export const groupsPageSchema = z.object({ page: z.coerce.number().int().min(1).catch(1).default(1) });
