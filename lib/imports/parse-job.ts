import { openBatches, type ParseOptions } from "@/lib/formats/parse";
import { ParseError, type BibRecord, type ImportFormat, type ParseWarning } from "@/lib/formats/record";
import { lengthWarningCollector } from "@/lib/imports/field-lengths";
import { recordValues, type RowValues } from "@/lib/records/row-values";

/** What to parse and what to hand back: row values to store, and/or the first records to show. */
export type ParseJob = {
  options: ParseOptions;
  /** Whether each batch carries its records' row values (recordValues), for storing. */
  rows: boolean;
  /** How many of the file's first records to hand back whole, for a preview. */
  keep: number;
  batchSize?: number;
};

export type ParsedBatch = {
  format: ImportFormat;
  encoding: string;
  /** Index of the batch's first record in the file. */
  position: number;
  count: number;
  rows?: RowValues[];
  /** The batch's records among the file's first `keep`. */
  first?: BibRecord[];
};

export type ParseSummary = {
  format: ImportFormat;
  encoding: string;
  recordCount: number;
  /** The parser's warnings, as parseBuffer's. */
  warnings: ParseWarning[];
  /** Over-long fields (field-lengths.ts), which pages shorten. */
  lengthWarnings: ParseWarning[];
  /** Time spent parsing and building rows, wherever the job ran (for benchmarks). */
  parseMs: number;
};

/** A failure as it crosses from the worker: enough to rebuild the ParseError with its line. */
export type ParseFailure = { message: string; parseError: boolean; line?: number; offset?: number };

/**
 * Parses one export a batch at a time, yielding each batch as it is ready and returning the
 * summary. Run in the import worker (parse-worker.mjs), or in this thread where there is none;
 * either way the records, positions and warnings are exactly parseBuffer's. Throws ParseError.
 */
export function* runParseJob(bytes: Uint8Array, job: ParseJob): Generator<ParsedBatch, ParseSummary, undefined> {
  let busy = performance.now();
  let parseMs = 0;
  const { format, encoding, batches } = openBatches(bytes, job.options, job.batchSize);
  const lengths = lengthWarningCollector();
  let position = 0;
  for (;;) {
    const step = batches.next();
    if (step.done) {
      parseMs += performance.now() - busy;
      return { format, encoding, recordCount: position, warnings: step.value, lengthWarnings: lengths.warnings(), parseMs };
    }
    const records = step.value;
    lengths.add(records, position);
    const batch: ParsedBatch = { format, encoding, position, count: records.length };
    if (job.rows) batch.rows = records.map(recordValues);
    if (position < job.keep) batch.first = records.slice(0, job.keep - position);
    position += records.length;
    parseMs += performance.now() - busy;
    yield batch;
    busy = performance.now();
  }
}

export function toParseFailure(error: unknown): ParseFailure {
  if (error instanceof ParseError) return { message: error.message, parseError: true, line: error.line, offset: error.offset };
  return { message: error instanceof Error ? error.message : String(error), parseError: false };
}

/** The error a failure stands for on this side: a ParseError keeps its line or byte offset. */
export function fromParseFailure({ message, parseError, line, offset }: ParseFailure): Error {
  if (!parseError) return new Error(`the import worker failed: ${message}`);
  return new ParseError(line !== undefined || offset !== undefined ? message.replace(/^(line|byte) \d+: /, "") : message, line, offset);
}
