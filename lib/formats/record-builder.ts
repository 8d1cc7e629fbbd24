import { ParseError, type BibRecord, type ParseWarning } from "./record";

/** A fresh record with only the always-present fields. */
export function emptyRecord(raw: Record<string, string[]> = {}): BibRecord {
  return { title: "", authors: [], keywords: [], mesh: [], raw };
}

/**
 * Unicode NFC, so that "é" from a LaTeX accent or a macOS export (e + combining accent) equals
 * the precomposed "é" other exports write. Pure-ASCII text, the common case, is returned as is.
 */
export function toNfc(text: string): string {
  return /[^\u0000-\u007f]/.test(text) ? text.normalize("NFC") : text;
}

/**
 * Collapses runs of whitespace to one space and trims. Returns the very same string when there
 * is nothing to change, so that values stay cheap slices of the file text instead of copies
 * (this halves the memory of a 100,000-record import).
 */
export function collapseSpaces(text: string): string {
  return /[^\S ]| {2}|^ | $/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

/** Titles never span lines: collapse all whitespace to single spaces. */
export function cleanTitle(text: string | undefined): string {
  return text ? toNfc(collapseSpaces(text)) : "";
}

/**
 * Abstracts keep their line structure (paragraphs, structured sections) but every line is
 * trimmed and blank lines dropped, so that every format and the RIS writer agree on one form.
 */
export function cleanAbstract(text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (text.indexOf("\n") === -1 && text.indexOf("\r") === -1) {
    const t = collapseSpaces(text);
    return t ? toNfc(t) : undefined;
  }
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.replace(/[ \t\u00a0]+/g, " ").trim()).filter(Boolean);
  return lines.length ? toNfc(lines.join("\n")) : undefined;
}

/** A short single-line field (volume, issue, language…): trimmed; empty becomes undefined. */
export function cleanField(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = collapseSpaces(text);
  return t ? toNfc(t) : undefined;
}

/** Appends values, skipping empties and exact duplicates (Scopus repeats index terms). */
export function pushUnique(list: string[], values: Iterable<string>): void {
  for (const v of values) {
    const t = toNfc(collapseSpaces(v));
    if (t && !list.includes(t)) list.push(t);
  }
}

/** Drops optional fields left undefined so records serialise compactly and compare cleanly. */
export function pruneRecord(record: BibRecord): BibRecord {
  const r = record as Record<string, unknown>;
  for (const key of Object.keys(r)) if (r[key] === undefined || r[key] === "") if (key !== "title") delete r[key];
  return record;
}

const MAX_WARNINGS = 500;

/** Collects recoverable oddities; caps the list so a pathological file cannot flood the UI. */
export class WarningLog {
  readonly list: ParseWarning[] = [];
  private dropped = 0;

  add(message: string, line?: number): void {
    if (this.list.length < MAX_WARNINGS) this.list.push(line === undefined ? { message } : { line, message });
    else this.dropped++;
  }

  /**
   * Appends another log's warnings after this one's, as if they had been added to this log in
   * that order (the cap and the "further warnings" count come out the same).
   */
  append(other: WarningLog): void {
    const room = Math.max(0, MAX_WARNINGS - this.list.length);
    this.list.push(...other.list.slice(0, room));
    this.dropped += other.dropped + Math.max(0, other.list.length - room);
  }

  finish(): ParseWarning[] {
    // Stable sort: warnings gathered at the end of a pass ("N stray lines") land in file order.
    this.list.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    if (this.dropped) this.list.push({ message: `${this.dropped} further warnings not shown` });
    return this.list;
  }
}

/** Where a line-based parser reads its lines from: a LineCursor over a string, or ByteLines. */
export interface LineSource {
  /** The next line without its terminator, or null at the end. */
  next(): string | null;
  /** 1-based number of the line last returned. */
  readonly lineNumber: number;
}

/** A line-based parser: yields records as they close, returns the file's warnings at the end. */
export type RecordReader = Generator<BibRecord, ParseWarning[], undefined>;

/** Runs a reader to the end, for the whole-text parse functions. */
export function collectRecords(reader: RecordReader): { records: BibRecord[]; warnings: ParseWarning[] } {
  const records: BibRecord[] = [];
  for (;;) {
    const step = reader.next();
    if (step.done) return { records, warnings: step.value };
    records.push(step.value);
  }
}

/**
 * Iterates over lines without splitting the whole text into an array. Accepts LF, CRLF and
 * lone CR (Web of Science RIS exports separate some tags with a bare CR).
 */
export class LineCursor implements LineSource {
  /** 1-based number of the line last returned. */
  lineNumber = 0;
  private pos = 0;
  private nextCr: number;

  constructor(private readonly text: string) {
    this.nextCr = text.indexOf("\r");
  }

  next(): string | null {
    const { text } = this;
    const len = text.length;
    if (this.pos >= len) return null;
    let end = text.indexOf("\n", this.pos);
    if (end === -1) end = len;
    let after = end + 1;
    if (this.nextCr !== -1) {
      if (this.nextCr < this.pos) this.nextCr = text.indexOf("\r", this.pos);
      if (this.nextCr !== -1 && this.nextCr < end) {
        end = this.nextCr;
        after = text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
      }
    }
    const line = text.slice(this.pos, end);
    this.pos = after;
    this.lineNumber++;
    return line;
  }
}

/** Shortens a line for an error message. */
export function quoteLine(line: string): string {
  const t = line.length > 60 ? `${line.slice(0, 57)}…` : line;
  return JSON.stringify(t);
}

/** Refuses a file that held no records, naming what was expected. */
export function refuseEmpty(formatName: string, expected: string): never {
  throw new ParseError(`no ${formatName} records found: expected ${expected}`);
}
