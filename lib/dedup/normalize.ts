/**
 * Normalisation of the fields duplicate detection compares. Exports spell the same article in
 * many ways (HTML entities, Greek letters as symbols or words, "[French]" suffixes, abbreviated
 * journals, "21-8" page ranges); these functions map each variant to one comparable form so the
 * similarity step measures real differences, not formatting.
 */
import type { Author } from "../formats/record";

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "-", mdash: "-", hyphen: "-",
  minus: "-", lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', plusmn: "±", times: "×", deg: "°",
  le: "≤", ge: "≥", micro: "µ", middot: "·", hellip: "...", reg: "", trade: "", copy: "",
};

/** Greek letters spelled out, so "α-synuclein", "&alpha;-synuclein" and "alpha-synuclein" agree. */
const GREEK = [
  "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
  "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];
const GREEK_BY_CHAR = new Map<string, string>();
GREEK.forEach((name, i) => {
  // U+03B1.. lower case, U+0391.. upper case; U+03A2/U+03C2 (final sigma) sit at index 17.
  const offset = i >= 17 ? i + 1 : i;
  GREEK_BY_CHAR.set(String.fromCodePoint(0x3b1 + offset), name);
  GREEK_BY_CHAR.set(String.fromCodePoint(0x391 + offset), name);
  NAMED_ENTITIES[name] = String.fromCodePoint(0x3b1 + offset);
});
GREEK_BY_CHAR.set("ς", "sigma");
GREEK_BY_CHAR.set("µ", "mu"); // the micro sign is what most exports use for "μ"
const GREEK_RE = new RegExp(`[${[...GREEK_BY_CHAR.keys()].join("")}]`, "g");

/** Letters NFKD does not decompose into a base letter plus a combining mark. */
const LIGATURES: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th", ı: "i" };
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join("")}]`, "g");

/** Decodes HTML/XML entities and drops markup tags such as <i> and <sup>. */
export function decodeHtml(text: string): string {
  return text
    .replace(/<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/gi, "")
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => safeCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => safeCodePoint(parseInt(dec, 10)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole);
}

function safeCodePoint(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

/**
 * Lower-case ASCII words separated by single spaces: entities decoded, diacritics removed,
 * Greek letters spelled out, punctuation turned into spaces.
 * @example foldText("Über die &alpha;-Zelle.") // "uber die alpha zelle"
 */
export function foldText(text: string): string {
  return decodeHtml(text)
    .replace(GREEK_RE, (ch) => ` ${GREEK_BY_CHAR.get(ch)} `)
    .toLowerCase()
    .replace(LIGATURE_RE, (ch) => LIGATURES[ch])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Bracketed notes some databases append to non-English titles: "[French]", "[Article in German]",
 * "[In Process Citation]", "[published erratum appears in ...]". They describe the record, not the title.
 */
const TITLE_NOTE_RE = /\s*[[(](?:article in |in )?(?:[a-z]+(?:,? (?:and )?[a-z]+)*|in process citation|published erratum[^\])]*|see comments?|abstract[^\])]*|author'?s? transl)[\])]\s*\.?\s*$/i;
const LANGUAGE_WORDS = new Set([
  "english", "french", "german", "spanish", "italian", "portuguese", "dutch", "russian", "chinese",
  "japanese", "korean", "polish", "czech", "hungarian", "swedish", "norwegian", "danish", "finnish",
  "turkish", "greek", "hebrew", "croatian", "serbian", "slovak", "slovenian", "romanian", "bulgarian",
  "ukrainian", "persian", "arabic", "lithuanian", "estonian", "latvian", "icelandic", "afrikaans",
  "catalan", "thai", "vietnamese", "indonesian", "malay", "multiple languages", "author", "authors",
]);

/** Removes translation notes such as "[French]" and MEDLINE's brackets around translated titles. */
export function stripTitleNotes(title: string): string {
  let t = title.trim();
  for (let i = 0; i < 3; i++) {
    const m = TITLE_NOTE_RE.exec(t);
    if (!m) break;
    const inner = m[0].replace(/[[\]().\s]+/g, " ").trim().toLowerCase().replace(/^(article in|in) /, "");
    const isNote = /^(in process citation|published erratum|see comment|abstract|author'?s? transl)/.test(inner)
      || inner.split(/,? (?:and )?| /).every((w) => LANGUAGE_WORDS.has(w));
    if (!isNote) break;
    t = t.slice(0, m.index).trim();
  }
  // MEDLINE encloses English translations of foreign titles in brackets: "[Effect of X on Y]."
  const wrapped = /^\[(.*)\]\.?$/s.exec(t);
  if (wrapped && !wrapped[1].includes("]")) t = wrapped[1];
  return t.replace(/\.\s*$/, "");
}

/** Title in comparable form (see foldText, stripTitleNotes). */
export function normalizeTitle(title: string | undefined): string {
  return title ? foldText(stripTitleNotes(decodeHtml(title))) : "";
}

const JOURNAL_STOP = new Set(["the", "of", "and", "in", "for", "on", "de", "la", "le", "des", "du", "der", "und", "fur", "et"]);

/**
 * Journal tokens in comparable form: parenthesised places ("Lancet (London, England)"), sub-titles
 * after " : " and stop words dropped, "&" read as "and" (then dropped with the other stop words).
 */
export function normalizeJournal(journal: string | undefined): string[] {
  if (!journal) return [];
  const main = decodeHtml(journal)
    .replace(/\([^)]*\)/g, " ")
    .split(/\s:\s|\s=\s|\.\s*conference\b/i)[0]
    .replace(/&/g, " and ");
  return foldText(main).split(" ").filter((t) => t && !JOURNAL_STOP.has(t));
}

/** True when `abbr` can abbreviate `full`: same first letter, the rest a subsequence ("natl" ~ "national"). */
function abbreviates(abbr: string, full: string): boolean {
  if (abbr === full) return true;
  if (abbr.length > full.length || abbr[0] !== full[0]) return false;
  let j = 1;
  for (let i = 1; i < abbr.length; i++) {
    j = full.indexOf(abbr[i], j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

/**
 * Whether two journal names can denote the same journal, comparing full and abbreviated forms
 * token by token (ISO 4 abbreviations shorten words and drop stop words but keep their order).
 * @example journalsCompatible(normalizeJournal("J Neurosci Res"), normalizeJournal("Journal of Neuroscience Research")) // true
 */
export function journalsCompatible(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(" ") === b.join(" ")) return true;
  if (a.length !== b.length) {
    // Acronyms: "BMJ" ~ "British Medical Journal", "JAMA" ~ "Journal of the American Medical Association".
    const [short, long] = a.length < b.length ? [a, b] : [b, a];
    const initials = long.map((t) => t[0]).join("");
    if (short.length === 1) return short[0].length >= 3 && initials.startsWith(short[0]);
    // Some databases cut journal names at a fixed width ("Research Journal of Pharmaceutical Biological and ").
    return short.length >= 4 && short.every((t, i) => abbreviates(t, long[i]) || abbreviates(long[i], t));
  }
  return a.every((t, i) => abbreviates(t, b[i]) || abbreviates(b[i], t));
}

export type Pages = { start: string; end: string };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * First and last page in comparable form; "21-8" expands to 21-28, "pp. S21–S28" to 21-28 with
 * a supplement flag kept by the caller, "e1234" stays "e1234" (electronic locators are numbers too).
 */
export function normalizePages(pages: string | undefined, startPage?: string, endPage?: string): Pages | undefined {
  const text = decodeHtml(pages ?? [startPage, endPage].filter(Boolean).join("-"))
    .toLowerCase()
    // Spreadsheets turn "1-14" into the date "Jan-14" and "1-10" into "01-Oct"; turn them back.
    .replace(/^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-(\d+)$/, (_, m: string, d: string) => `${MONTHS.indexOf(m) + 1}-${d}`)
    .replace(/^(\d+)-(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$/, (_, d: string, m: string) => `${d}-${MONTHS.indexOf(m) + 1}`);
  const m = /([a-z]{0,2})\s?(\d+)\s*(?:[-–—]+\s*([a-z]{0,2})\s?(\d+))?/.exec(text.replace(/^\s*pp?\.?\s*/, ""));
  if (!m) return undefined;
  const prefix = m[1] === "e" ? "e" : "";
  const start = String(Number(m[2]));
  let end = m[4] ? String(Number(m[4])) : "";
  if (end && end.length < start.length) end = start.slice(0, start.length - end.length) + end;
  return { start: prefix + start, end: end && end !== start ? prefix + end : "" };
}

/** Volume's leading number ("38 (Supplement 1)" → "38", "190-191" → "190"); "" when none. */
export function normalizeVolume(volume: string | undefined): string {
  // Only a value that starts like a volume counts; fragments such as "1)" or "A)" left by a broken
  // "(Suppl. 1)" split are treated as missing rather than as a disagreement.
  const m = volume ? /^\s*(\d+)(?:\s*[-(/]|\s+(?:suppl|pt|part|no)|\s*$)/i.exec(volume) : null;
  return m ? String(Number(m[1])) : "";
}

/** Volume, issue or page text that places a record in a supplement ("38 (Supplement 1)", "S21"). */
const SUPPLEMENT_RE = /\bsuppl|\bsupplement|meetingabstract|^\s*s\d/i;
/** Journal or publication-type text naming a meeting rather than a regular issue. */
const MEETING_RE = /\babstracts?\b|\bmeeting\b|\bcongress\b|\bconference\b|\bsymposium\b|\bconference (?:paper|proceeding)/i;

/**
 * Whether a record looks like a conference abstract or supplement item. Such records often share
 * title and authors with the later full paper, which is a different publication.
 */
export function looksLikeSupplement(volumeIssuePages: (string | undefined)[], journalOrType: (string | undefined)[]): boolean {
  return volumeIssuePages.some((f) => f !== undefined && SUPPLEMENT_RE.test(f))
    || journalOrType.some((f) => f !== undefined && MEETING_RE.test(f));
}

/** DOI in comparable form: lower-case, without resolver prefix, percent-escaped brackets decoded. */
export function normalizeDoi(doi: string | undefined): string {
  if (!doi) return "";
  const d = decodeURIComponentSafe(doi.trim().toLowerCase())
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//, "")
    .replace(/^doi:?\s*/, "")
    .replace(/[\s.;,]+$/, "");
  return /^10\.\d{3,}\//.test(d) ? d : "";
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Digits only; "PMID: 123" → "123", "PMC123" → "123". */
export function normalizeId(id: string | undefined): string {
  const m = id ? /\d+/.exec(id) : null;
  return m ? String(Number(m[0])) : "";
}

/**
 * Author key "family initial": "García-López, José A." → "garcialopez j". The first initial only,
 * because exports disagree on middle initials far more often than on first ones.
 */
export function normalizeAuthor(author: Author): string {
  let family = author.family;
  let given = author.given;
  if (!family && author.normalized) {
    const parts = author.normalized.split(" ");
    family = parts.slice(0, -1).join(" ") || parts[0];
    given = parts.length > 1 ? parts[parts.length - 1] : "";
  }
  const f = foldText(family).replace(/ /g, "");
  const g = foldText(given).replace(/ /g, "");
  return g ? `${f} ${g[0]}` : f;
}

/** Family name only, folded; used for set overlap of author lists. */
export function authorFamily(author: Author): string {
  return normalizeAuthor(author).split(" ")[0];
}
