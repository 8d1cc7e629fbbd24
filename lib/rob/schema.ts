/** Inputs of the risk-of-bias actions (Zod, isomorphic). */
import { z } from "zod";

const slug = z.string().min(1);
const id = z.string().min(1).max(100);
const answersField = z
  .union([z.string(), z.record(z.string(), z.string())])
  .default({})
  .transform((v, ctx) => {
    if (typeof v !== "string") return v;
    try {
      const parsed = JSON.parse(v || "{}");
      if (typeof parsed === "object" && parsed && !Array.isArray(parsed) && Object.values(parsed).every((x) => typeof x === "string")) return parsed as Record<string, string>;
    } catch {}
    ctx.addIssue({ code: "custom", message: "Signalling answers must be a JSON object of strings." });
    return z.NEVER;
  });

export const JUDGEMENTS = ["LOW", "SOME_CONCERNS", "UNCLEAR", "HIGH"] as const;

export const saveRatingSchema = z.object({
  slug,
  studyId: id,
  item: z.string().min(1).max(40),
  /** "" = the whole study; otherwise the experiment this judgement overrides the study's for. */
  experiment: z.string().trim().max(200).default(""),
  judgement: z.enum(JUDGEMENTS, { message: "Choose a judgement." }),
  answers: answersField,
  support: z.string().max(5000).default(""),
  overrideReason: z.string().max(2000).default(""),
});
export type SaveRatingInput = z.infer<typeof saveRatingSchema>;

export const studySchema = z.object({ slug, studyId: id });

export const consensusSchema = z.object({
  slug,
  studyId: id,
  item: z.string().min(1).max(40),
  experiment: z.string().trim().max(200).default(""),
  judgement: z.enum(JUDGEMENTS, { message: "Choose a judgement." }),
  note: z.string().trim().max(5000).default(""),
});
export type ConsensusInput = z.infer<typeof consensusSchema>;

export const robSettingsSchema = z.object({
  slug,
  tool: z.enum(["SYRCLE", "ROB2", "CAMARADES"]),
  ratersPerStudy: z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)])),
  blinded: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  showOverall: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type RobSettingsInput = z.infer<typeof robSettingsSchema>;

export const customItemSchema = z.object({
  slug,
  id: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, "Use a short id starting with a letter, e.g. C1."),
  label: z.string().trim().min(1, "Give the item a label.").max(200),
  question: z.string().trim().max(2000).default(""),
});
export const removeCustomItemSchema = z.object({ slug, id: z.string().min(1).max(40) });

/** One CSV row of `sieve rob import`. */
export type ImportRow = { line: number; study: string; item: string; judgement: string; support: string };
