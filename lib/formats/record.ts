/**
 * The one normalised bibliographic record shape every parser produces and every later stage
 * (storage, deduplication, screening, export) consumes. Fields absent in the source are omitted
 * or empty, never invented.
 */
export type Author = {
  /** Family name as given in the source. */
  family: string;
  /** Given names or initials as given in the source ("" when the source has none). */
  given: string;
  /** Normalised "family initials" form used for matching: lower-case, no diacritics, e.g. "smith ja". */
  normalized: string;
};

export type BibRecord = {
  title: string;
  abstract?: string;
  authors: Author[];
  year?: number;
  /** Full journal / source title when present. */
  journal?: string;
  /** Abbreviated journal title when present. */
  journalAbbrev?: string;
  volume?: string;
  issue?: string;
  /** As given, e.g. "21-8" or "e1234"; see startPage/endPage for the parsed form. */
  pages?: string;
  startPage?: string;
  endPage?: string;
  /** Lower-case, without a resolver prefix such as https://doi.org/. */
  doi?: string;
  pmid?: string;
  pmcid?: string;
  issn?: string;
  keywords: string[];
  mesh: string[];
  language?: string;
  publicationType?: string;
  url?: string;
  /** Database named in the export itself (e.g. "Embase", "MEDLINE"), when it says. */
  sourceDatabase?: string;
  /** Every original tag/field and its values, in source order, so nothing is ever lost. */
  raw: Record<string, string[]>;
};

export type ImportFormat = "ris" | "medline" | "pubmed-xml" | "wos" | "wos-tab" | "bibtex" | "endnote-xml" | "csv";

export type ParseWarning = { line?: number; message: string };

export type ParseResult = {
  format: ImportFormat;
  encoding: string;
  records: BibRecord[];
  warnings: ParseWarning[];
};

/** A malformed file: names the line (1-based) or byte offset and what was expected. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly offset?: number,
  ) {
    super(line !== undefined ? `line ${line}: ${message}` : offset !== undefined ? `byte ${offset}: ${message}` : message);
    this.name = "ParseError";
  }
}
