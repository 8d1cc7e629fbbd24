import { parseBibtex } from "./bibtex";
import { parseCsv } from "./csv";
import type { ColumnMapping } from "./csv-mapping";
import { decodeBytes, detectFormat, FORMAT_NAMES } from "./detect";
import { parseEndnoteXml } from "./endnote-xml";
import { parseMedline } from "./medline";
import { parsePubmedXml } from "./pubmed-xml";
import { ParseError, type BibRecord, type ImportFormat, type ParseResult, type ParseWarning } from "./record";
import { parseRis } from "./ris";
import { parseWos } from "./wos";
import { parseWosTab } from "./wos-tab";

export type ParseOptions = {
  /** Forces a format; "auto" (the default) detects it from the content, never from the name. */
  format?: ImportFormat | "auto";
  /** CSV/TSV only: which column holds which field; detected from the header row when absent. */
  columnMapping?: ColumnMapping;
  /** Only used to point out a misleading extension in a warning. */
  fileName?: string;
};

type Parsed = { records: BibRecord[]; warnings: ParseWarning[] };

const PARSERS: Record<ImportFormat, (text: string, options: ParseOptions) => Parsed> = {
  ris: (text) => parseRis(text),
  medline: (text) => parseMedline(text),
  "pubmed-xml": (text) => parsePubmedXml(text),
  wos: (text) => parseWos(text),
  "wos-tab": (text) => parseWosTab(text),
  bibtex: (text) => parseBibtex(text),
  "endnote-xml": (text) => parseEndnoteXml(text),
  csv: (text, options) => parseCsv(text, { mapping: options.columnMapping }),
};

const EXPECTED =
  'expected RIS ("TY  - JOUR"), MEDLINE ("PMID- 123"), PubMed XML (<PubmedArticleSet>), Web of Science ("FN"/"PT J"), ' +
  "BibTeX (@article{…}), EndNote XML (<xml><records>) or a CSV/TSV header row";

/**
 * The single entry point for every import: decodes the bytes, detects the format, parses.
 * Throws ParseError (with a line or byte offset) for empty, unrecognisable or broken files and
 * for files with no records; recoverable oddities come back as warnings.
 * @example parseBuffer(await file.bytes()).records.length
 */
export function parseBuffer(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  if (bytes.length === 0) throw new ParseError("the file is empty");
  const decoded = decodeBytes(bytes);
  if (!decoded.text.trim()) throw new ParseError("the file is empty (only whitespace)");
  if (decoded.text.includes("\u0000")) {
    throw new ParseError("binary data (NUL bytes) found: expected a text export, not e.g. a PDF or an .enl library", undefined, decoded.text.indexOf("\u0000"));
  }
  const format = options.format && options.format !== "auto" ? options.format : detectFormat(decoded.text);
  if (!format) throw new ParseError(`unrecognised format: ${EXPECTED}; found ${JSON.stringify(firstLine(decoded.text))}`, 1);
  const parsed = PARSERS[format](decoded.text, options);
  if (parsed.records.length === 0) throw new ParseError(`no records found in this ${FORMAT_NAMES[format]} file`);
  const warnings = [...decoded.warnings, ...extensionWarning(options.fileName, format), ...parsed.warnings];
  return { format, encoding: decoded.encoding, records: parsed.records, warnings };
}

/** parseBuffer behind a promise, for callers written against the earlier asynchronous API. */
export async function parseBufferAsync(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  return parseBuffer(bytes, options);
}

function firstLine(text: string): string {
  const line = text.trimStart().split(/\r?\n|\r/, 1)[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

const EXTENSIONS: Record<string, ImportFormat[]> = {
  ris: ["ris"],
  nbib: ["medline"],
  bib: ["bibtex"],
  bibtex: ["bibtex"],
  xml: ["pubmed-xml", "endnote-xml"],
  csv: ["csv"],
  tsv: ["csv", "wos-tab"],
};

function extensionWarning(fileName: string | undefined, format: ImportFormat): ParseWarning[] {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  const expected = ext ? EXTENSIONS[ext] : undefined;
  if (!expected || expected.includes(format)) return [];
  return [{ message: `the file is named .${ext} but its content is ${FORMAT_NAMES[format]}; read as ${FORMAT_NAMES[format]}` }];
}
