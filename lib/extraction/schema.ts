/**
 * The shapes of extraction data (isomorphic, no Prisma): form definitions, answers, and outcome
 * data entered as reported. Stored in ExtractionForm.definition, ExtractionEntry.values and
 * ExtractionEntry.outcomeData. Other stages (digitiser, results, demos, review archives) read
 * these shapes, so they change only by adding optional fields.
 */
import { z } from "zod";

export const FIELD_TYPES = ["TEXT", "LONG_TEXT", "INTEGER", "NUMBER", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO", "DATE", "OUTCOME_DATA"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const formFieldSchema = z.object({
  /** Stable across versions: answers are keyed by it. */
  id: z.string().min(1).max(60).regex(/^[a-z0-9_]+$/, "Use lower-case letters, digits and _ only."),
  type: z.enum(FIELD_TYPES),
  label: z.string().trim().min(1).max(200),
  help: z.string().max(2000).default(""),
  required: z.boolean().default(false),
  /** SINGLE_CHOICE / MULTIPLE_CHOICE. */
  options: z.array(z.string().trim().min(1).max(200)).default([]),
  /** INTEGER / NUMBER. */
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(40).default(""),
  /** Ask the extractor where the answer was found (page, table, figure). */
  locator: z.boolean().default(false),
});
export type FormField = z.infer<typeof formFieldSchema>;

export const formSectionSchema = z.object({
  id: z.string().min(1).max(60),
  title: z.string().trim().min(1).max(200),
  fields: z.array(formFieldSchema),
});

export const formDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  sections: z.array(formSectionSchema),
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** One answer: the value as entered and where it was found. */
export const fieldAnswerSchema = z.object({
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
  locator: z.string().max(200).default(""),
});
export type FieldAnswer = z.infer<typeof fieldAnswerSchema>;
export const answersSchema = z.record(z.string(), fieldAnswerSchema);
export type Answers = z.infer<typeof answersSchema>;

export const OUTCOME_TYPES = ["CONTINUOUS", "BINARY", "GENERIC"] as const;
export const DIRECTIONS = ["HIGHER_IS_BETTER", "LOWER_IS_BETTER"] as const;
export const unitConversionSchema = z.object({ unit: z.string().min(1).max(40), factor: z.number().positive() });

const optionalNumber = z.number().finite().optional();

/**
 * A group × outcome × time point as reported. Names follow the outcome CSV layout (m1i, sd1i,
 * se1i, ci1lb, ci1ub, median1i, lq1i, uq1i, min1i, max1i, n1i; events as ai/ci): an absent
 * number means "not reported". lib/stats/arm-conversion turns it into a mean and SD.
 */
export const armDataSchema = z.object({
  n: optionalNumber,
  mean: optionalNumber,
  sd: optionalNumber,
  se: optionalNumber,
  ciLower: optionalNumber,
  ciUpper: optionalNumber,
  median: optionalNumber,
  q1: optionalNumber,
  q3: optionalNumber,
  min: optionalNumber,
  max: optionalNumber,
  events: optionalNumber,
  /** The unit the numbers were reported in, when the outcome defines conversions. */
  unit: z.string().max(40).default(""),
});
export type ArmData = z.infer<typeof armDataSchema>;

export const groupSchema = z.object({
  id: z.string().min(1).max(60),
  name: z.string().trim().min(1).max(200),
  /** The disease model, or "sham"/"normal" for a group without it (the NMD needs one). */
  model: z.string().max(200).default(""),
  treatment: z.string().max(200).default(""),
  isControl: z.boolean().default(false),
  isSham: z.boolean().default(false),
  n: z.number().int().min(1).optional(),
  /** Free descriptors: dose, route, frequency… */
  descriptors: z.record(z.string(), z.string()).default({}),
});
export type Group = z.infer<typeof groupSchema>;

/** Cochrane Handbook 23.3.4: how a control shared by several treatment groups is handled. */
export const SHARED_CONTROL = ["SPLIT", "COMBINE", "NONE"] as const;
export const comparisonSchema = z.object({
  id: z.string().min(1).max(60),
  label: z.string().trim().min(1).max(200),
  /** One group, or several combined (Handbook 6.5.2.10) when sharedControl is COMBINE. */
  treatmentGroupIds: z.array(z.string()).min(1),
  controlGroupId: z.string().min(1),
  sharedControl: z.enum(SHARED_CONTROL).default("NONE"),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const experimentSchema = z.object({
  id: z.string().min(1).max(60),
  label: z.string().trim().min(1).max(200),
  /** The study's stated total of animals or participants, for the n cross-check. */
  totalN: z.number().int().min(1).optional(),
  groups: z.array(groupSchema),
  comparisons: z.array(comparisonSchema).default([]),
});
export type Experiment = z.infer<typeof experimentSchema>;

/** Arm-level data of one group for one outcome at one time point. */
export const armResultSchema = z.object({
  experimentId: z.string(),
  groupId: z.string(),
  outcome: z.string().min(1),
  timepoint: z.string().default(""),
  data: armDataSchema,
  locator: z.string().max(200).default(""),
  /** The digitisation these numbers were read from, if any. */
  digitisationId: z.string().optional(),
});
export type ArmResult = z.infer<typeof armResultSchema>;

/** An effect as reported for a comparison (generic inverse variance): yi with its SE or CI. */
export const effectResultSchema = z.object({
  experimentId: z.string(),
  comparisonId: z.string(),
  outcome: z.string().min(1),
  timepoint: z.string().default(""),
  /** The measure the effect is on (e.g. "SMD"); log scale for ratios. */
  measure: z.string().max(20).default(""),
  yi: z.number().finite(),
  se: optionalNumber,
  ciLower: optionalNumber,
  ciUpper: optionalNumber,
  locator: z.string().max(200).default(""),
});
export type EffectResult = z.infer<typeof effectResultSchema>;

export const outcomeDataSchema = z.object({
  experiments: z.array(experimentSchema).default([]),
  arms: z.array(armResultSchema).default([]),
  effects: z.array(effectResultSchema).default([]),
});
export type OutcomeData = z.infer<typeof outcomeDataSchema>;
export const emptyOutcomeData = (): OutcomeData => ({ experiments: [], arms: [], effects: [] });

// ---- Action inputs (lib/extraction/actions.ts). Answers and outcome data are checked again,
// with errors on the field, by lib/extraction/validation.ts.
const slugAndStudy = { slug: z.string().min(1), studyId: z.string().min(1) };

export const saveFormInputSchema = z.object({ slug: z.string().min(1), definition: formDefinitionSchema });
export const templateInputSchema = z.object({ slug: z.string().min(1), template: z.enum(["preclinical", "clinical-rct"]) });
export const importFormInputSchema = z.object({ slug: z.string().min(1), json: z.string().min(2).max(1_000_000) });

function parseUnitList(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  return raw.split(";").map((p) => p.trim()).filter(Boolean).map((p) => {
    const [unit, factor] = p.split("=").map((s) => s.trim());
    return { unit, factor: Number(factor) };
  });
}

export const outcomeInputSchema = z.object({
  name: z.string().trim().min(1, "Name the outcome.").max(120),
  unit: z.string().trim().max(40).default(""),
  direction: z.enum(DIRECTIONS),
  type: z.enum(OUTCOME_TYPES),
  /** From a form: "mg/dL=0.0555; g/L=5.55" (each unit with its factor to the outcome's unit). */
  units: z.preprocess(parseUnitList, z.array(unitConversionSchema)).default([]),
});
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;
export const saveOutcomeInputSchema = outcomeInputSchema.extend({ slug: z.string().min(1), outcomeId: z.string().optional() });
export const deleteOutcomeInputSchema = z.object({ slug: z.string().min(1), outcomeId: z.string().min(1) });

export const saveEntryInputSchema = z.object({ ...slugAndStudy, values: answersSchema, outcomeData: z.unknown() });
export type SaveEntryInput = { studyId: string; values: Answers; outcomeData: unknown };
export const studyInputSchema = z.object(slugAndStudy);

export const decisionSchema = z.object({
  source: z.enum(["AGREED", "A", "B", "NEW"]),
  /** NEW: the value as typed; parsed into the cell's kind on the server. */
  typed: z.string().max(2000).optional(),
  note: z.string().max(2000).default(""),
});
export const saveConsensusInputSchema = z.object({ ...slugAndStudy, decisions: z.record(z.string(), decisionSchema), finalize: z.boolean().default(false) });
export type SaveConsensusInput = z.infer<typeof saveConsensusInputSchema>;

export const addStudyInputSchema = z.object({
  label: z.string().trim().min(1, "Give the study a label such as “Hu 2020”.").max(200),
  doi: z.string().trim().max(200).optional(),
});

export const extractionSettingsInputSchema = z.object({
  slug: z.string().min(1),
  extractorsPerStudy: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])),
  blinded: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
  /** Entered as a percentage in the form: 0.1 % → 0.001. */
  tolerancePercent: z.coerce.number().min(0, "0 % or more.").max(50, "At most 50 %."),
});
