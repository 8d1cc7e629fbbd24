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

export function writeCsv(records: BibRecord[], options: WriteCsvOptions = {}): string {
  const extra = options.extraColumns ?? [];
  const fields = [...CSV_FIELDS, ...extra.map((c) => c.header)];
  const data = records.map((r, i) => [...CSV_FIELDS.map((f) => cell(r, f)), ...extra.map((c) => String(c.value(r, i) ?? ""))]);
  const csv = Papa.unparse({ fields, data }, { escapeFormulae: true, newline: "\r\n" });
  return `${options.bom === false ? "" : "\uFEFF"}${csv}\r\n`;
}
