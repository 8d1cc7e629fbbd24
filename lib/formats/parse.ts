import { parseBibtex } from "./bibtex";
import { parseCsv } from "./csv";
import type { ColumnMapping } from "./csv-mapping";
import { decodeBytes, detectFormat, FORMAT_NAMES } from "./detect";
import { parseEndnoteXml } from "./endnote-xml";
import { ByteLines, CHUNK_BYTES, isStreamableUtf8 } from "./line-source";
import { parseMedline, readMedline } from "./medline";
import { parsePubmedXml } from "./pubmed-xml";
import { ParseError, type BibRecord, type ImportFormat, type ParseResult, type ParseWarning } from "./record";
import type { LineSource, RecordReader } from "./record-builder";
import { parseRis, readRis } from "./ris";
import { parseWos, readWos } from "./wos";
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
 * Records per batch of openBatches unless the caller says otherwise. Small enough that a batch
 * dies in V8's young generation once it is handed on: with batches of 500 every batch outlived
 * it, was copied and promoted, and the import worker spent 4 of its 15 s collecting garbage on a
 * 100,000-record MEDLINE file; with 100, the whole import took 11 s instead of 16.5 (npm run bench:import).
 */
export const DEFAULT_BATCH_SIZE = 100;

/** The line-based formats, which are parsed straight from the bytes a chunk at a time. */
const READERS: Partial<Record<ImportFormat, (lines: LineSource) => RecordReader>> = { ris: readRis, medline: readMedline, wos: readWos };

/** Bytes decoded up front for format detection: at least the 65,536 characters detectFormat reads. */
const HEAD_BYTES = 1 << 18;

export type RecordBatches = {
  format: ImportFormat;
  encoding: string;
  /** Yields the records in order, `batchSize` at a time; returns the file's warnings (as parseBuffer's). */
  batches: Generator<BibRecord[], ParseWarning[], undefined>;
};

/**
 * The single entry point for every import: decodes the bytes, detects the format, parses.
 * Throws ParseError (with a line or byte offset) for empty, unrecognisable or broken files and
 * for files with no records; recoverable oddities come back as warnings.
 * @example parseBuffer(await file.bytes()).records.length
 */
export function parseBuffer(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  const { format, encoding, batches } = openBatches(bytes, options, Infinity);
  let records: BibRecord[] = [];
  for (;;) {
    const step = batches.next();
    if (step.done) return { format, encoding, records, warnings: step.value };
    records = records.length ? records.concat(step.value) : step.value;
  }
}

/**
 * parseBuffer a batch at a time, so that a large import need not hold every record (nor the whole
 * decoded text) at once: RIS, MEDLINE and Web of Science plain text are decoded and parsed
 * incrementally; the other formats are parsed whole and handed out in batches. Format and encoding
 * are known (and the file refused when empty, binary or unrecognised) before the first batch;
 * the generator throws ParseError when the file turns out to hold no records. The records, their
 * order and the warnings are exactly parseBuffer's. `chunkBytes` is for tests.
 */
export function openBatches(bytes: Uint8Array, options: ParseOptions = {}, batchSize = DEFAULT_BATCH_SIZE, chunkBytes = CHUNK_BYTES): RecordBatches {
  if (bytes.length === 0) throw new ParseError("the file is empty");
  // Files the piecewise path cannot reproduce exactly (other encodings, NUL bytes, a blank head) take the whole path.
  if (bytes.indexOf(0) === -1 && isStreamableUtf8(bytes)) {
    const head = new TextDecoder("utf-8").decode(bytes.subarray(0, HEAD_BYTES), { stream: true });
    const format = head.trim() ? (options.format && options.format !== "auto" ? options.format : detectFormat(head)) : undefined;
    const read = format && READERS[format];
    if (format && read) {
      const before = extensionWarning(options.fileName, format);
      return { format, encoding: "utf-8", batches: streamBatches(read(new ByteLines(bytes, chunkBytes)), format, before, batchSize) };
    }
  }
  const { format, encoding, records, warnings } = parseWhole(bytes, options);
  return { format, encoding, batches: sliceBatches(records, warnings, batchSize) };
}

function* streamBatches(reader: RecordReader, format: ImportFormat, before: ParseWarning[], batchSize: number): Generator<BibRecord[], ParseWarning[], undefined> {
  let batch: BibRecord[] = [];
  let count = 0;
  for (;;) {
    const step = reader.next();
    if (step.done) {
      if (batch.length) yield batch;
      if (count === 0) throw new ParseError(`no records found in this ${FORMAT_NAMES[format]} file`);
      return [...before, ...step.value];
    }
    batch.push(step.value);
    count++;
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
}

function* sliceBatches(records: BibRecord[], warnings: ParseWarning[], batchSize: number): Generator<BibRecord[], ParseWarning[], undefined> {
  if (records.length <= batchSize) yield records;
  else for (let i = 0; i < records.length; i += batchSize) yield records.slice(i, i + batchSize);
  return warnings;
}

/** The whole-text path: decode everything, detect, parse with the format's parser. */
function parseWhole(bytes: Uint8Array, options: ParseOptions): ParseResult {
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
