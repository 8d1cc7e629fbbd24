import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { parse as parseBibLibrary, type Creator, type Entry } from "@retorquere/bibtex-parser";
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

const LIBRARY_OPTIONS = { english: false, sentenceCase: false, caseProtection: false, unsupported: "ignore" } as const;
type Library = { entries: Entry[]; errors: { error: string }[] };

export function parseBibtex(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  return libraryToRecords(parseBibLibrary(text, LIBRARY_OPTIONS));
}

const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/formats/bibtex-worker.mjs");

/**
 * parseBibtex in a worker thread, for the server: the parser's LaTeX grammar needs seconds for a
 * thousand entries, and other users' requests must not wait behind it. Falls back to parsing here
 * when the worker file is not deployed.
 */
export async function parseBibtexOffThread(text: string): Promise<{ records: BibRecord[]; warnings: ParseWarning[] }> {
  if (!existsSync(WORKER_FILE)) return parseBibtex(text);
  const worker = new Worker(WORKER_FILE);
  try {
    const reply = await new Promise<Library & { failure?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.postMessage({ text, options: LIBRARY_OPTIONS });
    });
    if (reply.failure !== undefined) throw new ParseError(`BibTeX: ${reply.failure}`);
    return libraryToRecords(reply);
  } finally {
    void worker.terminate();
  }
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

function entryToRecord(entry: Entry, warnings: WarningLog): BibRecord {
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
