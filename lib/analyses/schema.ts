/**
 * An analysis definition (issue 13 point 1): what the owner chooses, stored in Analysis.measure,
 * .method and .options. Isomorphic (no Prisma): the page's forms, the actions and the CLI validate
 * with these schemas.
 */
import { z } from "zod";

export const MEASURES = ["SMD", "MD", "ROM", "NMD", "OR", "RR", "RD", "GEN"] as const;
export const METHODS = ["FE", "MH", "DL", "REML", "ML", "PM", "HE", "SJ"] as const;
export const TAU2_METHODS = ["DL", "REML", "ML", "PM", "HE", "SJ"] as const;
export type AnalysisMeasure = (typeof MEASURES)[number];
export type AnalysisMethod = (typeof METHODS)[number];

export const MEASURE_LABELS: Record<AnalysisMeasure, string> = {
  SMD: "Std. mean difference",
  MD: "Mean difference",
  ROM: "Ratio of means",
  NMD: "Normalised mean difference",
  OR: "Odds ratio",
  RR: "Risk ratio",
  RD: "Risk difference",
  GEN: "Generic inverse variance",
};
/** Measures pooled on the log scale (shown back-transformed, on a log axis). */
export const RATIO_MEASURES: readonly AnalysisMeasure[] = ["OR", "RR", "ROM"];
export const BINARY_MEASURES: readonly AnalysisMeasure[] = ["OR", "RR", "RD"];

/** A study left out by hand, with the reason shown under the forest plot. */
export const exclusionSchema = z.object({ study: z.string().trim().min(1).max(300), reason: z.string().trim().min(1).max(300) });

/**
 * Subgroups come from a characteristic column of the consensus outcome rows, or from one
 * risk-of-bias item's consensus judgement (`rob:<itemId>`).
 */
export const ROB_FIELD_PREFIX = "rob:";

export const analysisOptionsSchema = z.object({
  test: z.enum(["z", "knha"]).default("z"),
  smdVariant: z.enum(["metafor", "revman"]).default("metafor"),
  prediction: z.boolean().default(true),
  /** NMD only: which way is better, when the rows have no `direction` column. */
  direction: z.enum(["higher", "lower"]).optional(),
  subgroup: z.string().trim().max(120).optional(),
  /** A numeric subgroup field split into bands at this value (e.g. a dose of 1e10 particles/kg). */
  subgroupThreshold: z.number().finite().optional(),
  /** Bonferroni: the number of stratifications tested (CAMARADES), dividing α = 0.05. */
  bonferroni: z.number().int().min(1).max(100).optional(),
  moderator: z.string().trim().max(120).optional(),
  moderatorLog10: z.boolean().default(false),
  exclusions: z.array(exclusionSchema).max(1000).default([]),
  /**
   * Several rows (time points or comparisons) of one study for the outcome: `one` uses the chosen
   * time point only (several comparisons stay separate rows, as `sieve meta` does); `combine`
   * pools each study's rows first (Borenstein et al. 2009, ch. 24, with correlation `withinR`).
   */
  timepointRule: z.enum(["one", "combine"]).default("one"),
  withinR: z.number().min(0).max(1).default(1),
  sensitivity: z
    .object({
      /** Risk-of-bias item ids: studies judged "high" on any of them are left out. */
      highRiskItems: z.array(z.string().max(120)).max(50).default([]),
      /** Another τ² estimator to compare with. */
      altTau2: z.enum(TAU2_METHODS).default("REML"),
      /** Characteristic column holding each study's year, for the cumulative analysis. */
      yearField: z.string().max(120).default(""),
    })
    .default({ highRiskItems: [], altTau2: "REML", yearField: "" }),
  funnelContours: z.boolean().default(true),
});
export type AnalysisOptions = z.infer<typeof analysisOptionsSchema>;

/** Options as stored; a row written by an older build (or by hand) falls back to defaults per field. */
export function readAnalysisOptions(json: unknown): AnalysisOptions {
  const parsed = analysisOptionsSchema.safeParse(json ?? {});
  if (parsed.success) return parsed.data;
  const base = analysisOptionsSchema.parse({});
  const obj = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  for (const key of Object.keys(base) as (keyof AnalysisOptions)[]) {
    const one = analysisOptionsSchema.shape[key].safeParse(obj[key]);
    if (one.success) (base as Record<string, unknown>)[key] = one.data;
  }
  return base;
}

const name = z.string().trim().min(1, "Give the analysis a name.").max(120);
const outcome = z.string().trim().min(1, "Choose an outcome.").max(200);

export const analysisDefinitionSchema = z
  .object({
    name,
    outcome,
    timepoint: z.string().trim().max(120).default(""),
    measure: z.enum(MEASURES),
    method: z.enum(METHODS),
    options: analysisOptionsSchema.default(analysisOptionsSchema.parse({})),
  })
  .superRefine((d, ctx) => {
    if (d.method === "MH" && !BINARY_MEASURES.includes(d.measure)) ctx.addIssue({ code: "custom", path: ["method"], message: "Mantel-Haenszel needs OR, RR or RD." });
    if (d.method === "MH" && d.options.test === "knha") ctx.addIssue({ code: "custom", path: ["options"], message: "Hartung-Knapp is not available with Mantel-Haenszel." });
    if (d.method === "MH" && d.options.moderator) ctx.addIssue({ code: "custom", path: ["options"], message: "Meta-regression needs an inverse-variance method, not Mantel-Haenszel." });
    if (d.method === "MH" && d.options.timepointRule === "combine") ctx.addIssue({ code: "custom", path: ["options"], message: "Combining within study needs an inverse-variance method, not Mantel-Haenszel." });
  });
export type AnalysisDefinition = z.infer<typeof analysisDefinitionSchema>;

/** GRADE: reviewers' certainty and footnotes (Analysis.grade). */
export const GRADE_DOMAINS = ["riskOfBias", "inconsistency", "indirectness", "imprecision", "publicationBias"] as const;
export const CERTAINTY = ["high", "moderate", "low", "very low"] as const;
export const gradeSchema = z.object({
  certainty: z.enum(CERTAINTY).optional(),
  downgrades: z.partialRecord(z.enum(GRADE_DOMAINS), z.number().int().min(-2).max(0)).default({}),
  footnotes: z.string().max(4000).default(""),
});
export type GradeJudgement = z.infer<typeof gradeSchema>;
export const readGrade = (json: unknown): GradeJudgement => gradeSchema.catch({ downgrades: {}, footnotes: "" }).parse(json ?? {});

// ---- Action inputs.
const slug = z.string().min(1);
const analysisId = z.string().min(1);
export const createAnalysisInputSchema = z.object({ slug, definition: analysisDefinitionSchema });
export const updateAnalysisInputSchema = z.object({ slug, analysisId, definition: analysisDefinitionSchema });
export const deleteAnalysisInputSchema = z.object({ slug, analysisId });
export const saveGradeInputSchema = z.object({ slug, analysisId, grade: gradeSchema });
