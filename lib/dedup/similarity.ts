/**
 * Pairwise duplicate score. Each field adds log-odds evidence in the spirit of Fellegi & Sunter
 * (1969, J Am Stat Assoc 64:1183): agreement on a field that rarely agrees by chance adds much,
 * disagreement on a field that rarely disagrees between true duplicates subtracts much. The weights
 * are set by hand from the behaviour of real exports (see bench/dedup.ts) rather than fitted, so
 * every reason stays readable. Known traps then cap the score so they can never be merged unseen.
 */
import { journalsCompatible } from "./normalize";
import type { RecordFeatures } from "./features";
import { diceSorted, jaroWinkler, levenshteinRatio } from "./string-metrics";

export type PairScore = {
  /** Probability-like score in [0,1]: logistic of the summed evidence, then capped by traps. */
  score: number;
  reasons: string[];
  /** A hard contradiction (different DOI/PMID, notice vs article, different part, distant years). */
  conflict: boolean;
};

/**
 * Tier thresholds. certain: merged automatically; possible: queued for a person; below: distinct.
 * CERTAIN 0.99 needs, for example, an identical long title plus agreeing year and authors, or a DOI
 * match plus a near-identical title. Without a shared DOI/PMID/PMCID no known field may disagree
 * (authors, journal, volume, first page, year), else the score is capped at 0.9. Traps cap at 0.9
 * (queued: conference abstract vs paper, conflicting identifiers) or 0.3 (distinct: erratum, comment,
 * retraction notice, another part of a series), always below CERTAIN.
 */
export const THRESHOLDS = { certain: 0.99, possible: 0.5 } as const;

const PRIOR = -6; // log-odds that two records sharing a blocking key are the same (≈ 1 in 400)
const TRAP_POSSIBLE_CAP = 0.9;
const TRAP_DISTINCT_CAP = 0.3;

/** Title similarity in [0,1]: exact, truncation-aware, then max of token Dice and Levenshtein ratio. */
export function titleSimilarity(a: RecordFeatures, b: RecordFeatures): { sim: number; truncated: boolean } {
  if (!a.title || !b.title) return { sim: 0, truncated: false };
  if (a.title === b.title) return { sim: 1, truncated: false };
  const [short, long] = a.title.length <= b.title.length ? [a.title, b.title] : [b.title, a.title];
  // Some databases cut titles at a fixed length, mid-word ("... contractile functi").
  if (short.length >= 40 && long.startsWith(short)) return { sim: 0.97, truncated: true };
  const dice = diceSorted(a.titleTokens, b.titleTokens);
  if (dice < 0.5) return { sim: dice, truncated: false };
  return { sim: Math.max(dice, levenshteinRatio(a.title, b.title)), truncated: false };
}

function sameNumbers(a: RecordFeatures, b: RecordFeatures, truncated: boolean): boolean {
  const [x, y] = a.title.length <= b.title.length ? [a, b] : [b, a];
  if (truncated) {
    // Numbers lost to truncation are not evidence; numbers in the shorter title must still agree.
    return x.numbers.every((n, i) => y.numbers[i] === n);
  }
  return x.numbers.length === y.numbers.length && x.numbers.every((n, i) => y.numbers[i] === n);
}

function authorEvidence(a: readonly string[], b: readonly string[], reasons: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const firstSame = a[0] === b[0] || (a[0].length > 3 && jaroWinkler(a[0], b[0]) >= 0.93);
  const setB = new Set(b);
  let common = 0;
  for (const f of new Set(a)) if (setB.has(f)) common++;
  const overlap = common / Math.min(new Set(a).size, setB.size);
  if (firstSame && overlap >= 0.5) return reasons.push(`authors ${Math.round(overlap * 100)}% shared`), 2.5;
  if (firstSame) return reasons.push("first author same"), 1.5;
  if (overlap >= 0.5) return reasons.push(`authors ${Math.round(overlap * 100)}% shared, first differs`), 0.5;
  if (overlap > 0) return reasons.push("authors mostly differ"), -2;
  return reasons.push("authors differ"), -4;
}

/**
 * Scores two records' features. Reasons are short phrases in order of weight, e.g.
 * ["doi match", "title 0.98", "year differs by 1", "pages 221-8 = 221-228"].
 */
export function scorePair(a: RecordFeatures, b: RecordFeatures): PairScore {
  const reasons: string[] = [];
  let w = PRIOR;
  let conflict = false;
  let idMatch = false;

  for (const [name, x, y] of [["doi", a.doi, b.doi], ["pmid", a.pmid, b.pmid], ["pmcid", a.pmcid, b.pmcid]] as const) {
    if (!x || !y) continue;
    if (x === y) {
      if (!idMatch) w += 9;
      idMatch = true;
      reasons.push(`${name} match`);
    } else {
      w -= 8;
      conflict = true;
      reasons.push(`${name} differs`);
    }
  }

  const { sim, truncated } = titleSimilarity(a, b);
  const words = Math.min(a.titleTokens.length, b.titleTokens.length);
  if (sim === 1) w += words >= 8 ? 10 : words >= 4 ? 8 : 3;
  else if (sim >= 0.95) w += words >= 4 ? 7 : 2;
  else if (sim >= 0.9) w += 4;
  else if (sim >= 0.8) w += 1;
  else if (sim >= 0.6) w -= 3;
  else w -= 8;
  reasons.push(truncated ? "title truncated, prefix same" : sim === 1 ? "title same" : `title ${sim.toFixed(2)}`);

  /** Adds evidence and, when given, the reason a person reads. */
  const note = (weight: number, reason?: string) => {
    w += weight;
    if (reason) reasons.push(reason);
  };
  if (a.year !== undefined && b.year !== undefined) {
    const dy = Math.abs(a.year - b.year);
    if (dy === 0) note(1);
    else if (dy === 1) note(-1, "year differs by 1");
    else {
      conflict = true;
      note(-6, `year differs by ${dy}`);
    }
  }

  const authorWeight = authorEvidence(a.families, b.families, reasons);
  note(authorWeight);

  let journalSame: boolean | undefined;
  if (a.journals.length && b.journals.length) {
    journalSame = a.journals.some((x) => b.journals.some((y) => journalsCompatible(x, y)));
    note(journalSame ? 1.5 : -2, journalSame ? "journal same" : "journal differs");
  }
  if (a.volume && b.volume) {
    note(a.volume === b.volume ? 1.5 : -3, a.volume === b.volume ? undefined : `volume ${a.volume} ≠ ${b.volume}`);
  }
  if (a.pages && b.pages) {
    if (a.pages.start === b.pages.start) note(2, a.pagesText === b.pagesText ? "pages same" : `pages ${a.pagesText} = ${b.pagesText}`);
    else note(-4, `pages ${a.pagesText} ≠ ${b.pagesText}`);
  }
  if (a.abstractTokens.length > 20 && b.abstractTokens.length > 20) {
    const d = diceSorted(a.abstractTokens, b.abstractTokens);
    if (d >= 0.8) note(1.5, "abstract same");
    else if (d < 0.4) note(-2, "abstract differs");
  }

  let score = 1 / (1 + Math.exp(-w));
  const cap = (limit: number, why: string) => {
    reasons.push(why);
    if (score > limit) score = limit;
  };
  if (a.notice !== b.notice) {
    conflict = true;
    cap(idMatch ? TRAP_POSSIBLE_CAP : TRAP_DISTINCT_CAP, `${a.notice || "article"} vs ${b.notice || "article"}`);
  }
  if (!sameNumbers(a, b, truncated)) {
    conflict = true;
    cap(idMatch ? TRAP_POSSIBLE_CAP : TRAP_DISTINCT_CAP, `numbers in title differ (${a.numbers.join(",") || "none"} vs ${b.numbers.join(",") || "none"})`);
  }
  if (!idMatch) {
    const why = authorWeight <= -4 ? "no author in common" : locationDisagreement(a, b, journalSame);
    if (why) cap(TRAP_POSSIBLE_CAP, `${why}, no shared identifier`);
  }
  if (!idMatch && a.supplement !== b.supplement && !sameItemDespiteSupplement(a, b)) {
    cap(TRAP_POSSIBLE_CAP, "conference abstract/supplement vs regular issue");
  }
  if (conflict && score > TRAP_POSSIBLE_CAP) cap(TRAP_POSSIBLE_CAP, "conflicting identifiers or years");
  return { score, reasons, conflict };
}

/**
 * Without a shared identifier, a certain merge needs the bibliographic location to agree where it
 * is known: the same title in another journal, volume or first page is a republication, a later
 * part or another item of the issue; a year one apart (e-pub vs print) needs the same first page.
 */
function locationDisagreement(a: RecordFeatures, b: RecordFeatures, journalSame: boolean | undefined): string {
  const samePage = a.pages !== undefined && b.pages !== undefined && a.pages.start === b.pages.start;
  const sameVolume = a.volume !== "" && a.volume === b.volume;
  if (a.volume && b.volume && a.volume !== b.volume) return "different volume";
  if (a.pages && b.pages && !samePage) return "different first page";
  if (journalSame === false && !(sameVolume && samePage) && !sameConferencePaper(a, b)) return "different journal";
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year && !samePage) return "different year";
  return "";
}

/**
 * The container of a conference paper varies between sources (Zotero's BibTeX puts the organising
 * institution in booktitle where its RIS has the proceedings title), so a differing "journal" is no
 * evidence against it when everything else that identifies the paper agrees exactly: title, every
 * author in order, year and the full page range.
 */
function sameConferencePaper(a: RecordFeatures, b: RecordFeatures): boolean {
  if (!a.conferencePaper && !b.conferencePaper) return false;
  if (!a.title || a.title !== b.title || a.year === undefined || a.year !== b.year) return false;
  if (!a.pages?.end || !b.pages || a.pages.start !== b.pages.start || a.pages.end !== b.pages.end) return false;
  return a.families.length > 0 && a.families.length === b.families.length && a.families.every((f, i) => f === b.families[i]);
}

/**
 * Databases disagree on whether to mark a conference abstract as a supplement ("38 (Supplement 1)"
 * vs "38"), so a one-sided marker alone is no trap. It is the same item when the first page agrees,
 * or the unmarked record has no page range and the same year and volume; a full paper that grew
 * out of the abstract differs in at least one of these. (Agreeing abstracts are no proof: a
 * paper often reuses its conference abstract's text.)
 */
function sameItemDespiteSupplement(a: RecordFeatures, b: RecordFeatures): boolean {
  if (a.pages && b.pages) return a.pages.start === b.pages.start;
  const plain = a.supplement ? b : a;
  return !plain.pages?.end && a.year === b.year && (!a.volume || !b.volume || a.volume === b.volume);
}

export type Tier = "certain" | "possible" | "distinct";

export function tierOf(score: number): Tier {
  return score >= THRESHOLDS.certain ? "certain" : score >= THRESHOLDS.possible ? "possible" : "distinct";
}
