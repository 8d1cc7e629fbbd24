import type { BibRecord } from "@/lib/formats/record";

/** The database row for one normalised record; `raw` keeps every original tag so nothing is lost. */
export function recordRow(reviewId: string, importId: string | null, position: number, r: BibRecord) {
  return {
    reviewId,
    importId,
    position,
    title: r.title,
    abstract: r.abstract ?? "",
    authors: r.authors,
    authorText: r.authors.map((a) => a.normalized).join("; "),
    year: r.year ?? null,
    journal: r.journal ?? "",
    journalAbbrev: r.journalAbbrev ?? "",
    volume: r.volume ?? "",
    issue: r.issue ?? "",
    pages: r.pages ?? "",
    doi: r.doi ?? null,
    pmid: r.pmid ?? null,
    pmcid: r.pmcid ?? null,
    issn: r.issn ?? "",
    keywords: r.keywords,
    mesh: r.mesh,
    language: r.language ?? "",
    publicationType: r.publicationType ?? "",
    url: r.url ?? "",
    sourceDatabase: r.sourceDatabase ?? "",
    raw: r.raw,
  };
}

/** The Record columns that come from the parsed record, in the order of their bound values. */
export const RECORD_VALUE_COLUMNS = [
  "title", "abstract", "authors", "authorText", "year", "journal", "journalAbbrev", "volume", "issue", "pages", "doi", "pmid", "pmcid",
  "issn", "keywords", "mesh", "language", "publicationType", "url", "sourceDatabase", "raw",
] as const;

/** The columns the store fills in, after the record's own: which review, which import, where, when. */
export const STORE_COLUMNS = ["id", "reviewId", "importId", "position", "createdAt"] as const;

/** Every column an import writes, in bound-value order. */
export const ROW_COLUMNS = [...RECORD_VALUE_COLUMNS, ...STORE_COLUMNS] as const;

/**
 * One row's bound values in ROW_COLUMNS order, JSON columns already serialised as Prisma writes
 * them. The STORE_COLUMNS slots are left null for the store to fill in place.
 */
export type RowValues = unknown[];

const JSON_COLUMNS = new Set<string>(["authors", "keywords", "mesh", "raw"]);

/**
 * A record's row values, computed where it is parsed (the import worker), so that the thread that
 * writes them only binds strings: serialising `raw` alone was a fifth of an import's time.
 */
export function recordValues(r: BibRecord): RowValues {
  const row = recordRow("", null, 0, r);
  const values: RowValues = new Array(ROW_COLUMNS.length).fill(null);
  for (let c = 0; c < RECORD_VALUE_COLUMNS.length; c++) {
    const column = RECORD_VALUE_COLUMNS[c];
    values[c] = JSON_COLUMNS.has(column) ? JSON.stringify(row[column]) : row[column];
  }
  return values;
}
