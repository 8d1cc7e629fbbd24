import { z } from "zod";

export const STAGES = ["TITLE_ABSTRACT", "FULL_TEXT"] as const;
export type Stage = (typeof STAGES)[number];

const stageSettingsSchema = z.object({
  reviewersPerRecord: z.union([z.literal(1), z.literal(2)]).default(2),
  blinded: z.boolean().default(true),
  allowMaybe: z.boolean().default(true),
});

export const reviewSettingsSchema = z.object({
  titleAbstract: stageSettingsSchema.default({ reviewersPerRecord: 2, blinded: true, allowMaybe: true }),
  fullText: stageSettingsSchema.default({ reviewersPerRecord: 2, blinded: true, allowMaybe: false }),
  highlightInclude: z.array(z.string()).default([]),
  highlightExclude: z.array(z.string()).default([]),
  extraction: z
    .object({
      extractorsPerStudy: z.union([z.literal(1), z.literal(2)]).default(2),
      blinded: z.boolean().default(true),
      /** Two numbers agree when |a − b| ≤ tolerance·max(|a|, |b|) (relative; 0 = exact). */
      numericTolerance: z.number().min(0).max(0.5).default(0.001),
    })
    .default({ extractorsPerStudy: 2, blinded: true, numericTolerance: 0.001 }),
  riskOfBias: z
    .object({
      tool: z.enum(["SYRCLE", "ROB2", "CAMARADES"]).default("SYRCLE"),
      ratersPerStudy: z.union([z.literal(1), z.literal(2)]).default(2),
      blinded: z.boolean().default(true),
      /** SYRCLE defines no overall score; shown only when the protocol asks for one. */
      showOverall: z.boolean().default(false),
      customItems: z
        .array(z.object({ id: z.string().min(1).max(40), label: z.string().min(1).max(200), question: z.string().max(2000).default("") }))
        .default([]),
    })
    .default({ tool: "SYRCLE", ratersPerStudy: 2, blinded: true, showOverall: false, customItems: [] }),
  results: z
    .object({
      /** Reviewers may read analyses while extraction or risk of bias is still blinded for them. */
      visibleWhileBlinded: z.boolean().default(false),
    })
    .default({ visibleWhileBlinded: false }),
});

export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;
export const defaultReviewSettings = (): ReviewSettings => reviewSettingsSchema.parse({});

/** Stored settings may predate a field; parsing fills defaults rather than failing. */
export function readReviewSettings(json: unknown): ReviewSettings {
  const parsed = reviewSettingsSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : defaultReviewSettings();
}

const text = (max: number) => z.string().trim().max(max).default("");

export const protocolFieldsSchema = z.object({
  question: text(4000),
  population: text(2000),
  intervention: text(2000),
  comparator: text(2000),
  outcomes: text(2000),
  studyDesigns: text(2000),
  registrationId: text(200),
  inclusionCriteria: text(8000),
  exclusionCriteria: text(8000),
});

export const createReviewSchema = protocolFieldsSchema.extend({
  title: z.string().trim().min(3, "Give the review a title of at least 3 characters.").max(300),
});
export type CreateReviewInput = z.infer<typeof createReviewSchema>;

/** The new-review form also asks which roles the creator takes besides owner (default: reviewer too). */
export const createReviewFormSchema = createReviewSchema.extend({
  creatorRoles: z
    .union([z.enum(["REVIEWER", "ADJUDICATOR"]), z.array(z.enum(["REVIEWER", "ADJUDICATOR"]))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** One reason per line; blank lines ignored, duplicates refused. Absent = leave the reasons alone (the page edits them in place). */
const reasonLines = z
  .string()
  .transform((s) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
  .pipe(
    z
      .array(z.string().max(200, "Keep each reason under 200 characters."))
      .max(50)
      .refine((a) => new Set(a.map((x) => x.toLowerCase())).size === a.length, "Each reason must be listed once."),
  )
  .optional();

export const updateProtocolSchema = protocolFieldsSchema.extend({
  slug: z.string().min(1),
  title: createReviewSchema.shape.title,
  titleAbstractReasons: reasonLines,
  fullTextReasons: reasonLines,
});
export type UpdateProtocolInput = z.infer<typeof updateProtocolSchema>;

export const DEFAULT_EXCLUSION_REASONS: { label: string; stage: "TITLE_ABSTRACT" | "FULL_TEXT" | "BOTH" }[] = [
  { label: "Wrong population", stage: "BOTH" },
  { label: "Wrong intervention", stage: "BOTH" },
  { label: "Wrong comparator", stage: "BOTH" },
  { label: "Wrong outcomes", stage: "BOTH" },
  { label: "Wrong study design", stage: "BOTH" },
  { label: "Not primary research", stage: "BOTH" },
  { label: "Full text not available", stage: "FULL_TEXT" },
];
