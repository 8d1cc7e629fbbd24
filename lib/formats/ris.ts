import { parseAuthorName } from "./authors";
import { doiFromUrl, extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import type { BibRecord, ParseWarning } from "./record";
import {
  cleanAbstract, cleanField, cleanTitle, collectRecords, emptyRecord, LineCursor, pruneRecord, pushUnique, refuseEmpty, WarningLog,
  type LineSource, type RecordReader,
} from "./record-builder";

/**
 * RIS in the dialects real databases write (EndNote, Zotero, Mendeley, Embase, Scopus, Web of
 * Science, Ovid, Cochrane, Rayyan…). Hand-written: the format is a tag per line, and a single
 * pass over the text with no regular expressions per line keeps 100,000 records fast.
 */

/** Embase and Ovid put "Link to the Ovid Full Text…" lines under each record. */
const LINK_KEY = "Link to";

/** Returns the index of the value after "XY  - " or "XY - ", or -1 when the line is not a tag line. */
export function risValueStart(line: string): number {
  const len = line.length;
  if (len < 4) return -1;
  const c0 = line.charCodeAt(0);
  const c1 = line.charCodeAt(1);
  if (c0 < 65 || c0 > 90 || !((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57)) || line.charCodeAt(2) !== 32) return -1;
  let dash = 3;
  if (line.charCodeAt(3) === 32) dash = 4;
  if (line.charCodeAt(dash) !== 45) return -1;
  if (dash + 1 === len) return len;
  const after = line.charCodeAt(dash + 1);
  return after === 32 || after === 9 ? dash + 2 : -1;
}

// Tags by their two characters: one string per tag instead of a new one per line (millions in a large export).
const TAGS = new Map<number, string>();
function risTag(line: string): string {
  const key = (line.charCodeAt(0) << 7) | line.charCodeAt(1);
  let tag = TAGS.get(key);
  if (tag === undefined) TAGS.set(key, (tag = line.slice(0, 2)));
  return tag;
}

export function parseRis(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  return collectRecords(readRis(new LineCursor(text)));
}

/**
 * The streaming form of parseRis: yields each record once it can no longer change, i.e. when the
 * next record starts or the file ends ("Link to…" lines after "ER" still belong to it).
 */
export function* readRis(cursor: LineSource): RecordReader {
  const warnings = new WarningLog();
  // Mapping warnings come after the pass's own, as when the records were mapped after the pass.
  const mapWarnings = new WarningLog();
  let raw: Record<string, string[]> | null = null;
  let lastValues: string[] | null = null;
  let startLine = 0;
  let strayLines = 0;
  let firstStray = 0;
  let anyTag = false;
  /** The last closed record, not yet mapped: "Link to…" lines may still follow it. */
  // (Assigned inside close(), which control-flow narrowing cannot see.)
  let previous = null as { raw: Record<string, string[]>; line: number } | null;

  const close = () => {
    if (!raw) return;
    previous = { raw, line: startLine };
    raw = null;
    lastValues = null;
  };

  for (let line = cursor.next(); line !== null; line = cursor.next()) {
    if (line.charCodeAt(0) === 0xfeff) line = line.slice(1); // BOM of a concatenated file
    const start = risValueStart(line);
    if (start !== -1) {
      anyTag = true;
      const tag = risTag(line);
      const value = line.slice(start).trim();
      if (tag === "ER") {
        close();
        continue;
      }
      if (tag === "TY") {
        if (raw) warnings.add(`record starting at line ${startLine} has no "ER  - " before the next "TY  - "; ended there`, cursor.lineNumber);
        close();
      }
      if (!raw) {
        if (tag !== "TY") warnings.add(`tag ${tag} outside a record (no "TY  - " before it); started a new record`, cursor.lineNumber);
        if (previous) yield risToRecord(previous.raw, previous.line, mapWarnings);
        previous = null;
        raw = {};
        startLine = cursor.lineNumber;
      }
      const values: string[] = raw[tag] ?? (raw[tag] = []);
      values.push(value);
      lastValues = values;
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith(LINK_KEY)) {
      const target: Record<string, string[]> | null = raw ?? previous?.raw ?? null;
      if (target) {
        (target[LINK_KEY] ??= []).push(trimmed);
        continue;
      }
    }
    if (raw && lastValues) {
      // Continuation line: belongs to the last tag (multi-line abstracts, EndNote keyword lists).
      lastValues[lastValues.length - 1] += `\n${trimmed}`;
    } else {
      if (!strayLines) firstStray = cursor.lineNumber;
      strayLines++;
    }
  }
  close();
  if (!anyTag) refuseEmpty("RIS", 'tag lines such as "TY  - JOUR" (two letters, two spaces, a hyphen)');
  if (strayLines) warnings.add(`${strayLines} line(s) outside any record ignored (headers, numbering)`, firstStray);
  if (previous) yield risToRecord(previous.raw, previous.line, mapWarnings);
  warnings.append(mapWarnings);
  return warnings.finish();
}

function first(raw: Record<string, string[]>, ...tags: string[]): string | undefined {
  for (const tag of tags) {
    const values = raw[tag];
    if (values) for (const v of values) if (v.trim()) return v;
  }
  return undefined;
}

/** Maps one record's tags onto the normalised shape. Exported for the WoS-style RIS tests. */
export function risToRecord(raw: Record<string, string[]>, line: number, warnings?: WarningLog): BibRecord {
  const r = emptyRecord(raw);
  r.title = cleanTitle(first(raw, "TI", "T1", "CT", "BT", "ST"));
  if (!r.title) warnings?.add("record has no title (TI/T1)", line);
  const names: string[] = [];
  for (const tag of ["AU", "A1"]) for (const v of raw[tag] ?? []) for (const n of v.split("\n")) pushUnique(names, [n]);
  r.authors = names.map(parseAuthorName);
  r.abstract = cleanAbstract(first(raw, "AB", "N2"));
  r.year = extractYear(first(raw, "PY", "Y1", "DA", "Y2"));
  r.journal = cleanField(first(raw, "JF", "T2", "JO"));
  const abbrev = first(raw, "JA", "J2", "J1", "JI", "J9");
  r.journalAbbrev = cleanField(abbrev ?? (raw.JO && (raw.JF || raw.T2) ? first(raw, "JO") : undefined));
  if (r.journalAbbrev === r.journal && !abbrev) r.journalAbbrev = undefined;
  r.volume = cleanField(first(raw, "VL", "VO"));
  r.issue = cleanField(first(raw, "IS"));
  Object.assign(r, splitPages(first(raw, "SP"), first(raw, "EP")));
  const m3 = first(raw, "M3");
  const m3IsDoi = m3 !== undefined && normalizeDoi(m3) !== undefined && /^\s*(?:doi:?\s*)?10\./i.test(m3);
  r.doi =
    normalizeDoi(first(raw, "DO")) ??
    (m3IsDoi ? normalizeDoi(m3) : undefined) ??
    [...(raw.L2 ?? []), ...(raw.UR ?? []), ...(raw.L3 ?? []), ...(raw.LK ?? [])].map(doiFromUrl).find(Boolean);
  const an = first(raw, "AN");
  r.pmid = an && /^\s*\d{1,8}\s*$/.test(an) ? extractPmid(an) : extractPmid(labelled(raw, /PMID/i));
  r.pmcid = extractPmcid(first(raw, "C2")) ?? extractPmcid(labelled(raw, /PMCID/i));
  r.issn = normalizeIssn(first(raw, "SN"));
  for (const v of raw.KW ?? []) pushUnique(r.keywords, v.split("\n"));
  r.language = cleanField(first(raw, "LA"));
  r.publicationType = cleanField((!m3IsDoi && m3) || first(raw, "TY"));
  const url = first(raw, "UR", "LK", "L2") ?? raw[LINK_KEY]?.map((l) => /https?:\/\/\S+/.exec(l)?.[0]).find(Boolean);
  r.url = url ? url.split(/[;\s]+(?=https?:)/)[0].trim() : undefined;
  r.sourceDatabase = cleanField(first(raw, "DB", "DP")) ?? (an && /^WOS:/i.test(an) ? "Web of Science" : undefined);
  return pruneRecord(r);
}

/** A "PMID: 123"-style label inside AN, M1, N1 or C5 (EndNote and Embase notes). */
function labelled(raw: Record<string, string[]>, label: RegExp): string | undefined {
  for (const tag of ["AN", "M1", "C5", "N1"]) for (const v of raw[tag] ?? []) if (label.test(v)) return v;
  return undefined;
}
