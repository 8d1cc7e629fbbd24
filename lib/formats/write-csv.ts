import Papa from "papaparse";
import { formatAuthor } from "./authors";
import { CSV_FIELDS, type CsvField } from "./csv-mapping";
import type { BibRecord } from "./record";

/**
 * Writes records as CSV with a header row of the normalised field names, which
 * detectColumnMapping recognises (preset "sieve") so Sieve reads its own exports back. Lists
 * are joined with "; ". Cells that spreadsheets would run as formulas (=, +, -, @) are
 * prefixed with an apostrophe by papaparse's escapeFormulae.
 */

export type CsvColumn = { header: string; value: (record: BibRecord, index: number) => string | number | undefined };

export type WriteCsvOptions = {
  /** Extra columns after the normalised ones, e.g. a record ID or an exclusion reason. */
  extraColumns?: CsvColumn[];
  /** Prefix a UTF-8 byte-order mark so that Excel opens accents correctly (default true). */
  bom?: boolean;
};

function cell(record: BibRecord, field: CsvField): string {
  switch (field) {
    case "authors":
      return record.authors.map(formatAuthor).join("; ");
    case "keywords":
    case "mesh":
      return record[field].join("; ");
    default: {
      const v = record[field];
      return v === undefined ? "" : String(v);
    }
  }
}

const PAPA_OPTIONS = { escapeFormulae: true, newline: "\r\n" } as const;

/** The header line (with the byte-order mark unless `bom: false`), for writing a CSV in pieces. */
export function csvHeader(options: WriteCsvOptions = {}): string {
  const headers = [...CSV_FIELDS, ...(options.extraColumns ?? []).map((c) => c.header)];
  return `${options.bom === false ? "" : "\uFEFF"}${Papa.unparse([headers], PAPA_OPTIONS)}\r\n`;
}

/** Data lines for `records`, each ending CRLF; extra columns see indexes within this piece. */
export function csvRows(records: BibRecord[], options: WriteCsvOptions = {}): string {
  if (records.length === 0) return "";
  const extra = options.extraColumns ?? [];
  const data = records.map((r, i) => [...CSV_FIELDS.map((f) => cell(r, f)), ...extra.map((c) => String(c.value(r, i) ?? ""))]);
  return `${Papa.unparse(data, PAPA_OPTIONS)}\r\n`;
}

export function writeCsv(records: BibRecord[], options: WriteCsvOptions = {}): string {
  return csvHeader(options) + csvRows(records, options);
}
