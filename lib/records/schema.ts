import { z } from "zod";

export const RECORD_SORTS = ["added", "title", "year", "author", "journal"] as const;
export const RECORD_SETS = ["all", "unique", "duplicates", "included-ta", "excluded-ta", "included-ft", "excluded-ft"] as const;
export type RecordSet = (typeof RECORD_SETS)[number];

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const recordFilterSchema = z.object({
  q: z.string().trim().max(200).optional().transform((v) => v || undefined),
  field: z.enum(["any", "title", "abstract", "author"]).catch("any").default("any"),
  yearFrom: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(2999).optional()).catch(undefined),
  yearTo: z.preprocess(blankToUndefined, z.coerce.number().int().min(1000).max(2999).optional()).catch(undefined),
  search: z.string().optional().transform((v) => v || undefined),
  set: z.enum(RECORD_SETS).catch("all").default("all"),
  sort: z.enum(RECORD_SORTS).catch("added").default("added"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).catch(1).default(1),
  /** A PRISMA 2020 box (lib/flow/fields.ts), with its source database or exclusion reason. */
  box: z.string().max(60).optional(),
  source: z.string().max(200).optional(),
  reason: z.string().max(60).optional(),
});
export type RecordFilter = z.infer<typeof recordFilterSchema>;

export const exportSchema = recordFilterSchema.extend({ format: z.enum(["ris", "csv"]) });

/** An owner's correction of a record's key metadata; empty DOI / year clear them. */
export const correctRecordSchema = z.object({
  slug: z.string().min(1),
  recordId: z.string().min(1),
  title: z.string().trim().min(1, "A record needs a title.").max(2000, "Keep the title under 2,000 characters."),
  doi: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v.replace(/^(https?:\/\/(dx\.)?doi\.org\/|doi:\s*)/i, "").toLowerCase())
    .refine((v) => v === "" || /^10\.\d{4,9}\/\S+$/.test(v), "A DOI looks like 10.1234/abc."),
  year: z
    .string()
    .trim()
    .refine((v) => v === "" || (/^\d{4}$/.test(v) && Number(v) >= 1800 && Number(v) <= 2100), "Give a four-digit year between 1800 and 2100, or leave it empty.")
    .transform((v) => (v === "" ? null : Number(v))),
});
export type CorrectRecordInput = z.infer<typeof correctRecordSchema>;

/** A reviewer's own note and labels on a record; labels are comma-separated in the form. */
export const saveRecordNoteSchema = z.object({
  slug: z.string().min(1),
  recordId: z.string().min(1),
  text: z.string().trim().max(4000, "Keep the note under 4,000 characters.").default(""),
  labels: z
    .string()
    .default("")
    .transform((v) => [...new Set(v.split(",").map((l) => l.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(40, "Keep each label under 40 characters.")).max(10, "Use at most 10 labels.")),
});

/** Which record's own note and labels to read. */
export const myRecordNoteSchema = z.object({ slug: z.string().min(1), recordId: z.string().min(1) });
