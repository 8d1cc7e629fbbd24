import { makeAuthor, parseAuthorName } from "./authors";
import { extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import type { BibRecord, ParseWarning } from "./record";
import {
  cleanAbstract, cleanField, cleanTitle, collectRecords, emptyRecord, LineCursor, pruneRecord, pushUnique, quoteLine, refuseEmpty, WarningLog,
  type LineSource, type RecordReader,
} from "./record-builder";

/**
 * Web of Science plain text ("FN Clarivate Analytics Web of Science", "VR 1.0", "PT J" … "ER",
 * "EF"): a two-character tag, one space, the value; continuation lines start with three spaces.
 */

/** Tags whose continuation lines are further list items (one author or reference per line). */
export const WOS_LIST_TAGS = new Set(["AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR", "C1", "C3"]);

function isWosTagLine(line: string): boolean {
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  const isTagChar = (c: number) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return c0 >= 65 && c0 <= 90 && isTagChar(c1) && (line.length === 2 || line.charCodeAt(2) === 32);
}

export function parseWos(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  return collectRecords(readWos(new LineCursor(text)));
}

/** The streaming form of parseWos: yields each record at its "ER" (or the next "PT"). */
export function* readWos(cursor: LineSource): RecordReader {
  const warnings = new WarningLog();
  let raw: Record<string, string[]> | null = null;
  let lastTag = "";
  let startLine = 0;
  let ended = false;
  let anyTag = false;
  let database = "Web of Science";

  const close = (): BibRecord | null => {
    const record = raw ? wosToRecord(raw, startLine, database, warnings) : null;
    raw = null;
    lastTag = "";
    return record;
  };
  let closed: BibRecord | null;

  for (let line = cursor.next(); line !== null; line = cursor.next()) {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (!line.trim()) continue;
    if (isWosTagLine(line)) {
      anyTag = true;
      const tag = line.slice(0, 2);
      const value = line.slice(3).trim();
      if (tag === "FN") {
        if (/web of science/i.test(value)) database = "Web of Science";
        continue;
      }
      if (tag === "VR") continue;
      if (tag === "EF") {
        ended = true;
        continue;
      }
      if (tag === "ER") {
        if ((closed = close())) yield closed;
        continue;
      }
      if (tag === "PT" && raw) {
        warnings.add(`record starting at line ${startLine} has no "ER" before the next "PT"; ended there`, cursor.lineNumber);
        if ((closed = close())) yield closed;
      }
      if (ended) warnings.add('data after "EF" (end of file marker) read as further records', cursor.lineNumber);
      ended = false;
      if (!raw) {
        raw = {};
        startLine = cursor.lineNumber;
      }
      (raw[tag] ??= []).push(value);
      lastTag = tag;
      continue;
    }
    if (raw && lastTag && line.startsWith(" ")) {
      const values = raw[lastTag];
      const value = line.trim();
      if (WOS_LIST_TAGS.has(lastTag)) values.push(value);
      else values[values.length - 1] += (lastTag === "AB" ? "\n" : " ") + value;
      continue;
    }
    warnings.add(`expected a two-letter tag or an indented continuation, found ${quoteLine(line)}; ignored`, cursor.lineNumber);
  }
  if ((closed = close())) yield closed;
  if (!anyTag) refuseEmpty("Web of Science", 'tag lines such as "PT J" and "TI Title" ending with "ER"');
  return warnings.finish();
}

function first(raw: Record<string, string[]>, ...tags: string[]): string | undefined {
  for (const tag of tags) for (const v of raw[tag] ?? []) if (v.trim()) return v;
  return undefined;
}

/** Maps Web of Science tags (plain text or tab-delimited) onto the normalised record. */
export function wosToRecord(raw: Record<string, string[]>, line: number, database: string, warnings: WarningLog): BibRecord {
  const r = emptyRecord(raw);
  r.title = cleanTitle(first(raw, "TI"));
  if (!r.title) warnings.add("record has no title (TI)", line);
  // AF holds full names ("Parkes-Loach, Paula S."), AU the short form; prefer AF when they pair up.
  const names = raw.AF && raw.AF.length === (raw.AU?.length ?? raw.AF.length) ? raw.AF : (raw.AU ?? raw.AF ?? []);
  r.authors = names.filter((n) => n.trim()).map(parseAuthorName);
  for (const group of [...(raw.CA ?? []), ...(raw.GP ?? [])]) if (group.trim()) r.authors.push(makeAuthor(group, ""));
  r.abstract = cleanAbstract(first(raw, "AB"));
  r.year = extractYear(first(raw, "PY", "EA", "PD"));
  r.journal = cleanField(first(raw, "SO"));
  r.journalAbbrev = cleanField(first(raw, "JI", "J9"));
  r.volume = cleanField(first(raw, "VL"));
  r.issue = cleanField(first(raw, "IS"));
  const bp = first(raw, "BP");
  Object.assign(r, bp ? splitPages(bp, first(raw, "EP")) : splitPages(first(raw, "AR")));
  r.doi = normalizeDoi(first(raw, "DI"));
  r.pmid = extractPmid(first(raw, "PM"));
  r.issn = normalizeIssn(first(raw, "SN", "EI"));
  for (const tag of ["DE", "ID"]) for (const v of raw[tag] ?? []) pushUnique(r.keywords, v.split(/;\s*/));
  r.language = cleanField(first(raw, "LA"));
  r.publicationType = cleanField(first(raw, "DT", "PT"));
  r.sourceDatabase = database;
  return pruneRecord(r);
}
