import { parseAuthorName } from "./authors";
import { doiFromUrl, extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import type { BibRecord, ParseWarning } from "./record";
import { cleanAbstract, cleanField, cleanTitle, emptyRecord, pruneRecord, pushUnique, refuseEmpty, WarningLog } from "./record-builder";
import { addRaw, streamXmlRecords } from "./xml-records";

/**
 * EndNote XML (<xml><records><record>…), as EndNote, Zotero and Mendeley export it. Streamed
 * with saxes; text wrapped in <style> runs is joined back into its field.
 */

const KEEP_ATTRIBUTES = new Set(["name"]);

export function parseEndnoteXml(input: string | Iterable<string>): { records: BibRecord[]; warnings: ParseWarning[] } {
  const warnings = new WarningLog();
  const records: BibRecord[] = [];
  let raw: Record<string, string[]> = {};
  let refType: string | undefined;
  let startLine = 0;

  streamXmlRecords(input, {
    recordTags: new Set(["record"]),
    inlineTags: new Set(["style"]),
    startRecord(_name, line) {
      raw = {};
      refType = undefined;
      startLine = line;
    },
    field(field) {
      if (field.path === "ref-type") refType = field.attributes.name;
      addRaw(raw, field, KEEP_ATTRIBUTES);
    },
    endRecord() {
      records.push(endnoteToRecord(raw, refType, startLine, warnings));
    },
  });
  if (records.length === 0) refuseEmpty("EndNote XML", "<record> elements inside <xml><records>");
  return { records, warnings: warnings.finish() };
}

function first(raw: Record<string, string[]>, ...paths: string[]): string | undefined {
  for (const path of paths) for (const v of raw[path] ?? []) if (v.trim()) return v;
  return undefined;
}

function endnoteToRecord(raw: Record<string, string[]>, refType: string | undefined, line: number, warnings: WarningLog): BibRecord {
  const r = emptyRecord(raw);
  r.title = cleanTitle(first(raw, "titles/title"));
  if (!r.title) warnings.add("record has no <title>", line);
  r.authors = (raw["contributors/authors/author"] ?? []).filter((a) => a.trim()).map(parseAuthorName);
  r.abstract = cleanAbstract(first(raw, "abstract"));
  r.year = extractYear(first(raw, "dates/year", "dates/pub-dates/date"));
  r.journal = cleanField(first(raw, "periodical/full-title", "titles/secondary-title", "alt-periodical/full-title"));
  r.journalAbbrev = cleanField(first(raw, "periodical/abbr-1", "alt-periodical/abbr-1", "titles/alt-title"));
  r.volume = cleanField(first(raw, "volume"));
  r.issue = cleanField(first(raw, "issue", "number"));
  Object.assign(r, splitPages(first(raw, "pages")));
  const urls = [...(raw["urls/related-urls/url"] ?? []), ...(raw["urls/web-urls/url"] ?? [])];
  r.doi = normalizeDoi(first(raw, "electronic-resource-num")) ?? urls.map(doiFromUrl).find(Boolean);
  const accession = first(raw, "accession-num");
  r.pmid = accession && /^\s*\d{1,8}\s*$/.test(accession) ? extractPmid(accession) : undefined;
  r.pmcid = extractPmcid(first(raw, "custom2"));
  r.issn = normalizeIssn(first(raw, "isbn"));
  for (const k of raw["keywords/keyword"] ?? []) pushUnique(r.keywords, [k]);
  r.language = cleanField(first(raw, "language"));
  r.publicationType = cleanField(refType ?? first(raw, "ref-type"));
  r.url = cleanField(urls[0]);
  r.sourceDatabase = cleanField(first(raw, "remote-database-name", "remote-database-provider"));
  return pruneRecord(r);
}
