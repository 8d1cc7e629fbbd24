/**
 * Per-record comparison features, computed once per record so that pairwise scoring (run on up to
 * millions of candidate pairs) only compares precomputed strings and sets.
 */
import type { BibRecord } from "../formats/record";
import { hashedTokenSet } from "./string-metrics";
import {
  authorFamily, foldText, looksLikeSupplement, normalizeDoi, normalizeId, normalizeJournal,
  normalizePages, normalizeTitle, normalizeVolume, type Pages,
} from "./normalize";

/** Kinds of notices that share an article's title yet are separate publications. */
export type NoticeKind = "" | "erratum" | "comment" | "retraction";

export type RecordFeatures = {
  title: string;
  /** The title's distinct words, sorted (diceSorted compares them in one pass). */
  titleTokens: readonly string[];
  /** Title with a notice prefix ("Erratum:", "Comment on") removed, for explaining traps. */
  notice: NoticeKind;
  /** Series markers and numbers in the title ("part ii" → "2"), in order. */
  numbers: readonly string[];
  doi: string;
  pmid: string;
  pmcid: string;
  year?: number;
  journals: readonly (readonly string[])[];
  volume: string;
  issue: string;
  pages?: Pages;
  /** Pages as given, for reasons such as "pages 21-8 = 21-28". */
  pagesText: string;
  supplement: boolean;
  /** A paper in conference proceedings, whose container (proceedings title, organiser) varies by source. */
  conferencePaper: boolean;
  families: readonly string[];
  /**
   * The abstract's distinct words (of more than 3 letters, from its first 120) as sorted 32-bit
   * hashes: a 100,000-record review would otherwise hold ~8 million small strings in Sets.
   */
  abstractTokens: Uint32Array;
  /** Count of filled fields, for choosing the primary record of a group. */
  completeness: number;
};

const ERRATUM_RE = /\b(?:erratum|errata|corrigendum|corrigenda|addendum)\b|^(?:author |publisher s |authors )?corrections?\b|^correction (?:to|notice)\b|\bvol \d+ pg \d+(?: \d{4})?$/;
const COMMENT_RE = /^(?:comments? on|commentary on|re|reply|in reply|reply to|author reply|authors reply|response|response to|letter to the editor|editorial comment|invited commentary on)\b|\b(?:comment on|reply to|response to|in response to)\b/;
const RETRACTION_RE = /^(?:retraction|retracted|notice of retraction|retraction notice|expression of concern|withdrawn|withdrawal)\b/;
const TYPE_NOTICE: [RegExp, NoticeKind][] = [
  [/erratum|correction|corrigend/i, "erratum"],
  [/retraction|expression of concern/i, "retraction"],
  [/\bcomment\b|\bletter\b|\breply\b/i, "comment"],
];

/** Classifies a title (folded) and publication type into a notice kind, "" for an ordinary article. */
export function classifyNotice(foldedTitle: string, publicationType?: string): NoticeKind {
  if (ERRATUM_RE.test(foldedTitle)) return "erratum";
  if (RETRACTION_RE.test(foldedTitle)) return "retraction";
  if (COMMENT_RE.test(foldedTitle)) return "comment";
  if (publicationType) for (const [re, kind] of TYPE_NOTICE) if (re.test(publicationType)) return kind;
  return "";
}

const ROMAN: Record<string, string> = {
  ii: "2", iii: "3", iv: "4", vi: "6", vii: "7", viii: "8", ix: "9", xi: "11", xii: "12",
};
const ORDINAL: Record<string, string> = { one: "1", two: "2", three: "3", four: "4", first: "1", second: "2", third: "3", fourth: "4" };
const SERIES_WORDS = new Set(["part", "phase", "stage", "paper", "section", "chapter", "series", "study", "report", "no", "number", "vol", "volume", "type", "trial"]);

/**
 * Numbers in a title, with roman numerals and "part one" read as digits, so "Part I" vs "Part II"
 * and "type 1" vs "type 2" differ while "Part II" and "Part 2" agree.
 */
export function titleNumbers(foldedTitle: string): string[] {
  const tokens = foldedTitle.split(" ");
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const afterSeries = i > 0 && SERIES_WORDS.has(tokens[i - 1]);
    if (/^\d+$/.test(t)) out.push(String(Number(t)));
    else if (ROMAN[t]) out.push(ROMAN[t]);
    else if (afterSeries && (t === "i" || t === "v" || t === "x")) out.push(t === "i" ? "1" : t === "v" ? "5" : "10");
    else if (afterSeries && ORDINAL[t]) out.push(ORDINAL[t]);
  }
  return out;
}

// RIS CONF/CPAPER, BibTeX inproceedings/conference, WoS/Scopus "Proceedings Paper", "Conference Paper".
const CONFERENCE_TYPE_RE = /^(?:conf|cpaper|inproceedings|conference|proceedings)$|\b(?:proceedings|conference) paper\b/i;

const ANONYMOUS = new Set(["anonymous", "anon", "unknown", "na", ""]);

const NONE: readonly string[] = Object.freeze([]);

/**
 * One shared copy of equal words and token lists. A review repeats journal names, family names
 * and title words thousands of times, and a detection run holds every record's features at once:
 * for 100,000 records the copies of journal tokens alone took ~65 MB. Make one per run, never one
 * per module (a server would keep every word it ever saw).
 */
export class TokenPool {
  private words = new Map<string, string>();
  private lists = new Map<string, readonly string[]>();
  private nests = new Map<string, readonly (readonly string[])[]>();

  word = (w: string): string => {
    const have = this.words.get(w);
    if (have !== undefined) return have;
    this.words.set(w, w);
    return w;
  };

  /** A shared, frozen copy of `tokens` (callers never mutate feature lists). */
  list(tokens: string[]): readonly string[] {
    if (tokens.length === 0) return NONE;
    const key = tokens.join(" ");
    const have = this.lists.get(key);
    if (have) return have;
    const list = Object.freeze(tokens.map(this.word));
    this.lists.set(key, list);
    return list;
  }

  /** A shared copy of a list of pooled lists (a record's journal names). */
  nest(lists: (readonly string[])[]): readonly (readonly string[])[] {
    const key = lists.map((l) => l.join(" ")).join("\u0001");
    const have = this.nests.get(key);
    if (have) return have;
    const nest = Object.freeze([...lists]);
    this.nests.set(key, nest);
    return nest;
  }
}

/** Computes the comparison features of one record. */
export function extractFeatures(r: BibRecord): RecordFeatures {
  return computeFeatures(r, null);
}

/** extractFeatures sharing equal words through `pool`: same features, a fraction of the memory for many records. */
export function featureExtractor(pool = new TokenPool()): (r: BibRecord) => RecordFeatures {
  return (r) => computeFeatures(r, pool);
}

function computeFeatures(r: BibRecord, pool: TokenPool | null): RecordFeatures {
  const word = pool ? pool.word : (w: string) => w;
  const title = normalizeTitle(r.title);
  const families = (r.authors ?? []).map(authorFamily).filter((f) => !ANONYMOUS.has(f)).map(word);
  const abstract = r.abstract ? foldText(r.abstract).split(" ").slice(0, 120) : [];
  const journal = (name: string | undefined) => (pool ? pool.list(normalizeJournal(name)) : normalizeJournal(name));
  const named = [journal(r.journal), journal(r.journalAbbrev)].filter((j) => j.length > 0);
  const journals = pool ? pool.nest(named) : named;
  const numbers = titleNumbers(title);
  const pages = normalizePages(r.pages, r.startPage, r.endPage);
  const filled = [r.title, r.abstract, r.journal ?? r.journalAbbrev, r.volume, r.issue, r.pages ?? r.startPage, r.doi, r.pmid, r.year, r.issn]
    .filter((v) => v !== undefined && v !== "").length;
  return {
    title,
    titleTokens: [...new Set(title.split(" ").filter(Boolean).map(word))].sort(),
    notice: classifyNotice(title, r.publicationType),
    numbers: numbers.length ? numbers : NONE,
    doi: normalizeDoi(r.doi),
    pmid: normalizeId(r.pmid),
    pmcid: normalizeId(r.pmcid),
    year: r.year !== undefined && Number.isFinite(r.year) && r.year > 0 ? r.year : undefined,
    journals,
    volume: normalizeVolume(r.volume),
    issue: normalizeVolume(r.issue),
    pages,
    pagesText: (r.pages ?? [r.startPage, r.endPage].filter(Boolean).join("-")).trim(),
    supplement: looksLikeSupplement([r.volume, r.issue, r.pages, r.startPage], [r.journal, r.journalAbbrev, r.publicationType]),
    conferencePaper: r.publicationType !== undefined && CONFERENCE_TYPE_RE.test(r.publicationType.trim()),
    families,
    abstractTokens: hashedTokenSet(abstract.filter((t) => t.length > 3)),
    completeness: filled + Math.min(1, families.length) + Math.min(1, (r.abstract?.length ?? 0) / 2000),
  };
}
