import Papa from "papaparse";
import { parseAuthorName, splitAuthorList } from "./authors";
import { detectColumnMapping, type ColumnMapping, type CsvField, type DetectedMapping } from "./csv-mapping";
import { doiFromUrl, extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import { ParseError, type BibRecord, type ParseWarning } from "./record";
import { cleanAbstract, cleanField, cleanTitle, emptyRecord, pruneRecord, pushUnique, WarningLog } from "./record-builder";

/**
 * CSV and TSV through papaparse (delimiter detected), mapped with an explicit ColumnMapping or
 * one detected from the header row (Scopus, Embase, Web of Science, Zotero, EndNote, Sieve).
 */

export type CsvParseOptions = { mapping?: ColumnMapping };

export function parseCsv(text: string, options: CsvParseOptions = {}): { records: BibRecord[]; warnings: ParseWarning[]; detected: DetectedMapping } {
  const warnings = new WarningLog();
  const rows: { cells: string[]; line: number }[] = [];
  let line = 1;
  let lastCursor = 0;
  let fatal: ParseError | undefined;
  Papa.parse<string[]>(text, {
    skipEmptyLines: "greedy",
    step(result) {
      const cursor = result.meta.cursor;
      const startLine = line;
      for (let i = text.indexOf("\n", lastCursor); i !== -1 && i < cursor; i = text.indexOf("\n", i + 1)) line++;
      lastCursor = cursor;
      for (const e of result.errors) {
        if (e.code === "MissingQuotes") fatal ??= new ParseError(`a quoted field is never closed: expected a closing '"'`, startLine);
        else if (e.code !== "UndetectableDelimiter") warnings.add(`${e.message}`, startLine);
      }
      rows.push({ cells: result.data, line: startLine });
    },
  });
  if (fatal) throw fatal;
  if (rows.length && rows[0].cells.length === 1 && /^sep=.$/.test(rows[0].cells[0])) rows.shift(); // Excel's "sep=," line
  const header = rows.shift();
  if (!header) throw new ParseError("no header row: expected column names such as Title, Authors, Year");
  const headers = header.cells.map((h) => h.replace(/^\uFEFF/, "").trim());
  const detected = options.mapping ? { preset: "generic" as const, mapping: options.mapping, unmapped: [] } : detectColumnMapping(headers);
  const mapping = detected.mapping;
  if (!mapping.title && !mapping.authors) {
    throw new ParseError(`no title or author column found in the header row (${headers.slice(0, 8).join(", ")}…): expected a column mapping`, header.line);
  }
  const index = new Map<string, number>();
  headers.forEach((h, i) => index.has(h) || index.set(h, i));
  for (const cols of Object.values(mapping)) {
    for (const c of [cols].flat()) if (c && !index.has(c)) throw new ParseError(`column "${c}" named in the mapping is not in the header row`, header.line);
  }
  const records = rows.map(({ cells, line: rowLine }) => {
    if (cells.length !== headers.length) warnings.add(`row has ${cells.length} cells but the header has ${headers.length}`, rowLine);
    return rowToRecord(headers, cells, mapping, detected.sourceDatabase, rowLine, warnings, detected.preset === "sieve");
  });
  return { records, warnings: warnings.finish(), detected };
}

function rowToRecord(
  headers: string[],
  cells: string[],
  mapping: ColumnMapping,
  database: string | undefined,
  line: number,
  warnings: WarningLog,
  ownExport: boolean,
): BibRecord {
  const unescape = ownExport;
  const pagesAsGiven = ownExport; // Sieve's CSV: "pages" is the field as given, start/end are derived
  const raw: Record<string, string[]> = {};
  headers.forEach((h, i) => {
    let v = cells[i];
    // Undo writeCsv's formula guard ("'=…") in Sieve's own exports.
    if (unescape && v?.length > 1 && v[0] === "'" && "=+-@\t\r".includes(v[1])) v = v.slice(1);
    if (h && v !== undefined && v.trim()) (raw[h] ??= []).push(v);
  });
  const all = (field: CsvField): string[] => [mapping[field] ?? []].flat().map((c) => raw[c]?.[0] ?? "").filter((v) => v.trim());
  const get = (field: CsvField): string | undefined => all(field)[0];
  const r = emptyRecord(raw);
  r.title = cleanTitle(get("title"));
  if (!r.title) warnings.add("row has no title", line);
  // Scopus "Author full names" carry author IDs: "Furlanello, Tommaso (57191888480)".
  const authorCell = get("authors");
  const names = ownExport ? (authorCell?.split(/\s*;\s*/).filter(Boolean) ?? []) : splitAuthorList(authorCell);
  r.authors = names.map((a) => parseAuthorName(a.replace(/\s*\(\d+\)\s*$/, "")));
  r.abstract = cleanAbstract(get("abstract"));
  r.year = extractYear(get("year"));
  r.journal = cleanField(get("journal"));
  r.journalAbbrev = cleanField(get("journalAbbrev"));
  r.volume = cleanField(get("volume"));
  r.issue = cleanField(get("issue"));
  // A page range as given wins; Scopus and WoS map their article-number column to pages too.
  const pages = get("pages");
  const start = get("startPage");
  const end = get("endPage");
  if (pagesAsGiven) Object.assign(r, !start && end ? splitPages(undefined, end) : splitPages(pages));
  else if (pages && /\w\s*[-\u2013]\s*\w/.test(pages)) Object.assign(r, splitPages(pages));
  else Object.assign(r, start || end ? splitPages(start, end) : splitPages(pages));
  r.doi = normalizeDoi(get("doi")) ?? doiFromUrl(get("url"));
  r.pmid = extractPmid(get("pmid"));
  r.pmcid = extractPmcid(get("pmcid"));
  r.issn = normalizeIssn(get("issn"));
  for (const v of all("keywords")) pushUnique(r.keywords, v.split(/\s*[;\n]\s*/));
  for (const v of all("mesh")) pushUnique(r.mesh, v.split(/\s*[;\n]\s*/));
  r.language = cleanField(get("language"));
  r.publicationType = cleanField(get("publicationType"));
  r.url = cleanField(get("url")?.split(/[;\s]+(?=https?:)/)[0]);
  r.sourceDatabase = cleanField(get("sourceDatabase")) ?? database;
  return pruneRecord(r);
}
