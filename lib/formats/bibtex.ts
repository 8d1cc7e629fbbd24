import { parse as parseBibLibrary, type Creator } from "@retorquere/bibtex-parser";
import { LIBRARY_OPTIONS, mergeLatexFields, splitPlainFields, type Library } from "./bibtex-fast";
import { makeAuthor, parseAuthorName } from "./authors";
import { doiFromUrl, extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";
import { ParseError, type BibRecord, type ParseWarning } from "./record";
import { cleanAbstract, cleanField, cleanTitle, emptyRecord, pruneRecord, pushUnique, WarningLog } from "./record-builder";

/**
 * BibTeX and BibLaTeX through @retorquere/bibtex-parser (the parser behind Better BibTeX), which
 * decodes LaTeX accents, commands and braces to Unicode. Titles are taken as written: no
 * sentence-casing, no case-protection markup.
 *
 * The parser ships as ESM only (its CommonJS build requires the ESM-only tiny-merge-patch); the
 * project is "type": "module", so a static import works in Next, vitest and tsx alike.
 */

/** Kept for callers written when the parser had to be loaded lazily; resolves at once. */
export function loadBibtexParser(): Promise<void> {
  return Promise.resolve();
}

// The parser renders \textit{…} and friends as HTML-like markup; a plain-text title wants none.
const MARKUP = /<\/?(?:i|b|sup|sub|sc|nc|span)(?:\s[^>]*)?>/g;

function plain(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.replace(MARKUP, "");
}

function creatorToAuthor(c: Creator) {
  // A braced single name ({Ben Walton}, {World Health Organization}) is read like an RIS name
  // without a comma, so that the same person gets the same key from every format.
  if (c.name !== undefined) return parseAuthorName(c.name);
  const family = [c.prefix, c.lastName].filter(Boolean).join(" ");
  const given = [c.firstName, c.suffix].filter(Boolean).join(c.juniorcomma ? ", " : " ");
  return makeAuthor(family, given);
}

/**
 * The library's LaTeX grammar costs about 10 ms a field, so only fields that need it go through
 * it (bibtex-fast.ts); plain-text fields are read directly, with the same result.
 */
export function parseBibtex(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  // The library reads CR LF as a paragraph break, which splits wrapped author lists wrongly; lines keep their numbers.
  if (text.includes("\r\n")) text = text.replace(/\r\n/g, "\n");
  const whole = () => parseBibLibrary(text, LIBRARY_OPTIONS);
  const split = splitPlainFields(text);
  if (!split) return libraryToRecords(whole());
  if (!split.latex) return libraryToRecords({ entries: split.entries, errors: [] });
  return libraryToRecords(mergeLatexFields(split, parseBibLibrary(split.latex, LIBRARY_OPTIONS)) ?? whole());
}

function libraryToRecords(library: Library): { records: BibRecord[]; warnings: ParseWarning[] } {
  const warnings = new WarningLog();
  for (const error of library.errors) {
    const line = Number(/at line (\d+)/.exec(error.error)?.[1]) || undefined;
    warnings.add(`BibTeX entry could not be read completely: ${error.error.replace(/ at line \d+.*$/, "")}`, line);
  }
  // A broken entry can come back with no fields at all; it is reported above, not imported.
  const entries = library.entries.filter((e) => Object.keys(e.fields).length > 0);
  if (entries.length === 0) {
    const err = library.errors[0];
    if (err) throw new ParseError(`BibTeX: ${err.error.replace(/ at line \d+.*$/, "")}`, Number(/at line (\d+)/.exec(err.error)?.[1]) || undefined);
    throw new ParseError('no BibTeX entries found: expected entries such as "@article{key, title = {…}}"');
  }
  return { records: entries.map((e) => entryToRecord(e, warnings)), warnings: warnings.finish() };
}

function entryToRecord(entry: Library["entries"][number], warnings: WarningLog): BibRecord {
  const f = entry.fields;
  const raw: Record<string, string[]> = { "@type": [entry.type], "@key": [entry.key] };
  for (const [name, value] of Object.entries(f)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      raw[name] = value.map((v: string | Creator) => (typeof v === "string" ? v : v.name ?? [[v.prefix, v.lastName].filter(Boolean).join(" "), v.firstName].filter(Boolean).join(", ")));
    } else raw[name] = [value];
  }
  const r = emptyRecord(raw);
  r.title = cleanTitle(plain(f.title));
  if (!r.title) warnings.add(`entry "${entry.key}" has no title`);
  r.authors = (f.author ?? []).map(creatorToAuthor);
  r.abstract = cleanAbstract(plain(f.abstract));
  r.year = extractYear(f.year ?? f.date);
  r.journal = cleanField(plain(f.journal ?? f.journaltitle ?? (entry.type === "article" ? undefined : f.booktitle)));
  r.journalAbbrev = cleanField(plain(f.shortjournal ?? f["journal-iso"] ?? f.journalabbrev));
  r.volume = cleanField(f.volume);
  r.issue = cleanField(f.number ?? f.issue);
  // The parser turns "--" into an en dash; exports mean a plain range.
  Object.assign(r, splitPages(f.pages?.replace(/\s*[\u2013\u2014]\s*/g, "-")));
  r.doi = normalizeDoi(f.doi) ?? doiFromUrl(f.url);
  r.pmid = extractPmid(f.pmid ?? (f.eprinttype?.toLowerCase() === "pubmed" ? f.eprint : undefined));
  r.pmcid = extractPmcid(f.pmcid);
  r.issn = normalizeIssn(f.issn);
  pushUnique(r.keywords, f.keywords ?? []);
  r.language = cleanField(f.language ?? f.langid);
  r.publicationType = entry.type;
  r.url = cleanField(f.url);
  return pruneRecord(r);
}
