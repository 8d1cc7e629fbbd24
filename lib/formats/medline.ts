import { makeAuthor, parseAuthorName } from "./authors";
import { extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import type { Author, BibRecord, ParseWarning } from "./record";
import {
  cleanAbstract, cleanField, cleanTitle, collectRecords, emptyRecord, LineCursor, pruneRecord, pushUnique, quoteLine, refuseEmpty, WarningLog,
  type LineSource, type RecordReader,
} from "./record-builder";

/**
 * MEDLINE/PubMed display format (.nbib, .txt): "TAG - value" with the tag padded to four
 * characters, continuation lines indented by six spaces, records separated by a blank line.
 * Line wraps are layout only, so continuations are joined with a space; structured abstracts
 * ("BACKGROUND: … METHODS: …") arrive as one AB field and stay whole.
 */

/** Index of the value after "TAG - " (tag of 1–4 characters padded to 4), or -1. */
export function medlineValueStart(line: string): number {
  if (line.length < 5 || line.charCodeAt(4) !== 45) return -1;
  const c0 = line.charCodeAt(0);
  if (c0 < 65 || c0 > 90) return -1;
  for (let i = 1; i < 4; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 32)) return -1;
  }
  if (line.length === 5) return 5;
  return line.charCodeAt(5) === 32 ? 6 : -1;
}

// Tags by their four characters: one string per tag instead of a new one per line (millions in a large export).
const TAGS = new Map<number, string>();
function medlineTag(line: string): string {
  const key = (line.charCodeAt(0) << 21) | (line.charCodeAt(1) << 14) | (line.charCodeAt(2) << 7) | line.charCodeAt(3);
  let tag = TAGS.get(key);
  if (tag === undefined) TAGS.set(key, (tag = line.slice(0, 4).trimEnd()));
  return tag;
}

export function parseMedline(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  return collectRecords(readMedline(new LineCursor(text)));
}

/** The streaming form of parseMedline: yields each record at the blank line (or PMID) that ends it. */
export function* readMedline(cursor: LineSource): RecordReader {
  const warnings = new WarningLog();
  let raw: Record<string, string[]> | null = null;
  let lastValues: string[] | null = null;
  let startLine = 0;
  let anyTag = false;

  const close = (): BibRecord | null => {
    const record = raw ? medlineToRecord(raw, startLine, warnings) : null;
    raw = null;
    lastValues = null;
    return record;
  };
  let closed: BibRecord | null;

  for (let line = cursor.next(); line !== null; line = cursor.next()) {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    const start = medlineValueStart(line);
    if (start !== -1) {
      anyTag = true;
      const tag = medlineTag(line);
      // A new PMID without a blank line before it still starts a new record.
      if (tag === "PMID" && raw?.PMID && (closed = close())) yield closed;
      if (!raw) {
        raw = {};
        startLine = cursor.lineNumber;
      }
      const values: string[] = raw[tag] ?? (raw[tag] = []);
      values.push(line.slice(start).trim());
      lastValues = values;
      continue;
    }
    const c0 = line.charCodeAt(0);
    if (c0 === 32 || c0 === 9) {
      const trimmed = line.trim();
      if (!trimmed) {
        if ((closed = close())) yield closed;
        continue;
      }
      if (lastValues) {
        lastValues[lastValues.length - 1] += ` ${trimmed}`;
        continue;
      }
    }
    if (!line.trim()) {
      if ((closed = close())) yield closed;
      continue;
    }
    if (lastValues) {
      warnings.add(`expected "TAG - value" or an indented continuation, found ${quoteLine(line)}; kept as a continuation`, cursor.lineNumber);
      lastValues[lastValues.length - 1] += ` ${line.trim()}`;
    } else {
      warnings.add(`line outside any record ignored: ${quoteLine(line)}`, cursor.lineNumber);
    }
  }
  if ((closed = close())) yield closed;
  if (!anyTag) refuseEmpty("MEDLINE", 'tag lines such as "PMID- 12345678" or "TI  - Title"');
  return warnings.finish();
}

function first(raw: Record<string, string[]>, ...tags: string[]): string | undefined {
  for (const tag of tags) for (const v of raw[tag] ?? []) if (v.trim()) return v;
  return undefined;
}

/** A value carrying a MEDLINE type suffix, e.g. "10.1111/jvim.16404 [doi]" from LID or AID. */
function tagged(raw: Record<string, string[]>, suffix: string): string | undefined {
  for (const tag of ["LID", "AID"]) for (const v of raw[tag] ?? []) if (v.endsWith(suffix)) return v.slice(0, -suffix.length);
  return undefined;
}

function medlineToRecord(raw: Record<string, string[]>, line: number, warnings: WarningLog): BibRecord {
  const r = emptyRecord(raw);
  r.pmid = extractPmid(first(raw, "PMID"));
  r.title = cleanTitle(first(raw, "TI", "BTI", "TT"));
  if (!r.title) warnings.add(`record${r.pmid ? ` PMID ${r.pmid}` : ""} has no title (TI)`, line);
  r.abstract = cleanAbstract(first(raw, "AB"));
  // FAU carries full names ("Smith, John A"); AU only initials. CN is a group author.
  const authors: Author[] = (raw.FAU ?? raw.AU ?? []).map(parseAuthorName);
  for (const cn of raw.CN ?? []) if (cn.trim()) authors.push(makeAuthor(cn, ""));
  r.authors = authors;
  r.year = extractYear(first(raw, "DP", "DEP", "EDAT"));
  r.journal = cleanField(first(raw, "JT"));
  r.journalAbbrev = cleanField(first(raw, "TA"));
  r.volume = cleanField(first(raw, "VI"));
  r.issue = cleanField(first(raw, "IP"));
  Object.assign(r, splitPages(first(raw, "PG")));
  r.doi = normalizeDoi(tagged(raw, " [doi]"));
  r.pmcid = extractPmcid(first(raw, "PMC")) ?? extractPmcid(tagged(raw, " [pmc]"));
  r.issn = normalizeIssn(first(raw, "IS"));
  for (const v of raw.OT ?? []) pushUnique(r.keywords, [v]);
  for (const v of raw.MH ?? []) pushUnique(r.mesh, [v]);
  r.language = cleanField(first(raw, "LA"));
  r.publicationType = cleanField(first(raw, "PT"));
  return pruneRecord(r);
}
