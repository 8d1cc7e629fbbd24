import { z } from "zod";

export const SEARCH_KINDS = ["DATABASE", "REGISTER", "OTHER"] as const;

/** Names offered in the form; any other name is allowed (PRISMA reports whatever was searched). */
export const KNOWN_SOURCES = {
  DATABASE: ["PubMed", "MEDLINE", "Embase", "Web of Science", "Scopus", "Cochrane Library", "PsycINFO", "CINAHL", "Google Scholar"],
  REGISTER: ["ClinicalTrials.gov", "WHO ICTRP", "EU Clinical Trials Register", "PROSPERO"],
  OTHER: ["Citation searching", "Websites", "Organisations"],
} as const;

const optionalInt = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().min(0).max(10_000_000).optional());
const optionalDate = z.preprocess(
  (v) => (v === "" || v === null || v === undefined ? undefined : v),
  z.coerce.date({ error: "Enter the date the search was run (YYYY-MM-DD)." }).optional(),
);

export const searchFieldsSchema = z.object({
  kind: z.enum(SEARCH_KINDS).default("DATABASE"),
  database: z.string().trim().min(1, "Name the database, register or method.").max(200),
  platform: z.string().trim().max(200).default(""),
  dateRun: optionalDate,
  searchString: z.string().trim().max(100_000).default(""),
  reportedHits: optionalInt,
});
export type SearchFields = z.infer<typeof searchFieldsSchema>;

export const createSearchSchema = searchFieldsSchema.extend({ slug: z.string().min(1) });
export const updateSearchSchema = searchFieldsSchema.extend({ slug: z.string().min(1), searchId: z.string().min(1) });
export const deleteSearchSchema = z.object({ slug: z.string().min(1), searchId: z.string().min(1) });
export const undoImportSchema = z.object({ slug: z.string().min(1), importId: z.string().min(1) });

export const IMPORT_FORMATS = ["auto", "ris", "medline", "pubmed-xml", "wos", "wos-tab", "bibtex", "endnote-xml", "csv"] as const;

/** The non-file fields of an upload (the files themselves are checked in lib/imports/upload.ts). */
export const uploadFieldsSchema = z.object({
  searchId: z.string().min(1, "Choose the search these files came from."),
  format: z.enum(IMPORT_FORMATS).default("auto"),
  mode: z.enum(["preview", "commit"]),
});

/** The largest accepted upload in bytes (SIEVE_MAX_UPLOAD_MB, default 200). */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.SIEVE_MAX_UPLOAD_MB ?? 200);
  return (Number.isFinite(mb) && mb > 0 ? mb : 200) * 1024 * 1024;
}
