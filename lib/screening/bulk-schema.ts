import { z } from "zod";
import { stageSchema } from "@/lib/screening/schema";

/** Bulk decisions apply only to records found by a search in one's own queue, at most this many at once. */
export const BULK_LIMIT = 200;

const query = z.string().trim().min(3, "Search for at least 3 characters.").max(200);

export const searchQueueSchema = z.object({ slug: z.string().min(1), stage: stageSchema, q: query });
export const bulkDecideSchema = z.object({
  slug: z.string().min(1),
  stage: stageSchema,
  q: query,
  decision: z.enum(["INCLUDE", "EXCLUDE"]),
  reasonId: z.string().optional().transform((v) => v || null),
  /** The count the reviewer confirmed; a different count now (a colleague voted meanwhile) refuses. */
  expected: z.coerce.number().int().min(1).max(BULK_LIMIT),
});
