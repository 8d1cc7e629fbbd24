import type { Author, BibRecord } from "@/lib/formats/record";

type StoredRecord = {
  title: string;
  abstract: string;
  authors: unknown;
  year: number | null;
  journal: string;
  journalAbbrev: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string | null;
  pmid: string | null;
  pmcid: string | null;
  issn: string;
  keywords: unknown;
  mesh: unknown;
  language: string;
  publicationType: string;
  url: string;
  sourceDatabase: string;
  raw: unknown;
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const orUndefined = (v: string | null) => (v ? v : undefined);

/** The inverse of recordRow: a stored row back in the normalised shape the writers take. */
export function toBibRecord(row: StoredRecord): BibRecord {
  return {
    title: row.title,
    abstract: orUndefined(row.abstract),
    authors: Array.isArray(row.authors) ? (row.authors as Author[]) : [],
    year: row.year ?? undefined,
    journal: orUndefined(row.journal),
    journalAbbrev: orUndefined(row.journalAbbrev),
    volume: orUndefined(row.volume),
    issue: orUndefined(row.issue),
    pages: orUndefined(row.pages),
    doi: orUndefined(row.doi),
    pmid: orUndefined(row.pmid),
    pmcid: orUndefined(row.pmcid),
    issn: orUndefined(row.issn),
    keywords: strings(row.keywords),
    mesh: strings(row.mesh),
    language: orUndefined(row.language),
    publicationType: orUndefined(row.publicationType),
    url: orUndefined(row.url),
    sourceDatabase: orUndefined(row.sourceDatabase),
    raw: (row.raw && typeof row.raw === "object" ? row.raw : {}) as Record<string, string[]>,
  };
}
