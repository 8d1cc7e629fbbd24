/**
 * The labelled deduplication benchmark: a ground truth built from real records.
 *
 * Construction (seed 20250605, so every run builds the same set):
 * 1. Base records: the 1,233 real Zotero-exported records in
 *    ../shared/fixtures/import/asysd/zotero_export.csv (full and abbreviated journal names, DOIs,
 *    PMIDs). A record is kept only if it has a title of ≥ 4 words, a year and a journal, and no
 *    other record shares its DOI or has a title with token Dice ≥ 0.6 (an independent, simple test,
 *    so that the bases are distinct studies and the ground truth does not rest on the algorithm
 *    being measured). Each base is its own cluster.
 * 2. Duplicates: each base gets 0 (30%), 1 (40%), 2 (20%) or 3 (10%) copies, each with 1–4 of the
 *    differences real exports show (bench/dedup-variants.ts): missing DOI, DOI as URL, abbreviated
 *    vs full journal, author formats, "[French]"/"[Article in German]" translated-title notes,
 *    HTML entities and Greek letters, case, punctuation, "221-8" page ranges, missing fields,
 *    a transposition typo, truncated titles, year ±1. Copies join their base's cluster.
 * 3. Conference abstracts: 8% of bases are turned into a conference abstract (supplement volume,
 *    "S" page, "Conference:" journal suffix); their copies encode the supplement differently
 *    ("38 (Supplement 1)" vs issue "Supplement 1" vs no marker), as Embase and MEDLINE do.
 * 4. Traps, each its own cluster (distinct from its base, must never merge automatically), for
 *    about 30% of bases: an erratum ("Erratum:", "Correction to:", WoS "(vol 36, pg 1032, 2022)"),
 *    a comment or reply, a retraction notice, the full paper of a conference abstract (year +1,
 *    regular issue, new DOI), parts of a series (the base becomes "Part I", the trap "Part II"),
 *    a guideline updated yearly ("… 2019 update" vs "… 2020 update"), the same title republished
 *    in another journal, plus generic editorial titles ("Introduction", "Editorial") in many
 *    journals and years.
 */
import type { BibRecord } from "../lib/formats/record";
import { normalizeDoi, normalizeTitle } from "../lib/dedup/normalize";
import { cloneRecord, makeDuplicate, mulberry32, pick, shuffle, type Rng } from "./dedup-variants";
import { makeAuthor } from "./dedup-sources";

export type LabelledRecord = { record: BibRecord; cluster: number; kind: string };
export type LabelledSet = { records: LabelledRecord[]; trapPairs: [number, number, string][] };

export const SEED = 20250605;

function distinctBases(records: BibRecord[]): BibRecord[] {
  const usable = records.filter((r) => r.title.split(/\s+/).length >= 4 && r.year && r.journal);
  const tokens = usable.map((r) => new Set(normalizeTitle(r.title).split(" ")));
  const dois = new Map<string, number>();
  for (const r of usable) if (r.doi) dois.set(normalizeDoi(r.doi), (dois.get(normalizeDoi(r.doi)) ?? 0) + 1);
  const drop = new Set<number>();
  for (let i = 0; i < usable.length; i++) {
    if (usable[i].doi && (dois.get(normalizeDoi(usable[i].doi)) ?? 0) > 1) drop.add(i);
    for (let j = i + 1; j < usable.length; j++) {
      let common = 0;
      for (const t of tokens[i]) if (tokens[j].has(t)) common++;
      if ((2 * common) / (tokens[i].size + tokens[j].size) >= 0.6) drop.add(i).add(j);
    }
  }
  return usable.filter((_, i) => !drop.has(i));
}

function conferenceAbstract(rng: Rng, r: BibRecord): BibRecord {
  const page = `S${100 + Math.floor(rng() * 900)}`;
  return {
    ...cloneRecord(r),
    volume: `${r.volume ?? "1"} (Supplement 1)`,
    issue: undefined,
    pages: page,
    journal: `${r.journal}. Conference: Annual Meeting ${r.year}`,
    doi: undefined,
    pmid: undefined,
    pmcid: undefined,
    abstract: r.abstract?.split(". ").slice(0, 3).join(". "),
    publicationType: "Conference Abstract",
  };
}

/** The supplement marker as three databases write it: in the volume, in the issue, or not at all. */
function recodeSupplement(rng: Rng, r: BibRecord): BibRecord {
  const volume = (r.volume ?? "").replace(/\s*\(Supplement 1\)/, "");
  const style = Math.floor(rng() * 3);
  const journal = rng() < 0.5 ? r.journal?.replace(/\. Conference:.*$/, "") : r.journal;
  if (style === 0) return { ...r, volume, issue: "Supplement 1", journal };
  if (style === 1) return { ...r, volume, issue: undefined, journal, publicationType: undefined };
  return { ...r, journal };
}

const NOTICE_TITLES: [string, (t: string, r: BibRecord) => string][] = [
  ["erratum", (t) => `Erratum: ${t}`],
  ["erratum", (t) => `Correction to: ${t}`],
  ["erratum", (t, r) => `${t} (vol ${r.volume ?? 1}, pg ${r.pages?.split("-")[0] ?? 1}, ${r.year})`],
  ["erratum", (t) => `Corrigendum to "${t}"`],
  ["comment", (t) => `Comment on: ${t}`],
  ["comment", (t) => `Re: ${t}`],
  ["comment", (t) => `Reply to: ${t}`],
  ["retraction", (t) => `Retraction notice to "${t}"`],
];
const GENERIC_TITLES = ["Introduction", "Editorial", "Preface", "In this issue", "Foreword", "Letter from the editor"];
const OTHER_FAMILIES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Novak", "Fischer"];

function notice(rng: Rng, base: BibRecord, kind: string, makeTitle: (t: string, r: BibRecord) => string): BibRecord {
  const r = cloneRecord(base);
  const samePeople = kind === "erratum" || kind === "retraction";
  return {
    ...r,
    title: makeTitle(base.title.replace(/\.$/, ""), base),
    year: (base.year ?? 2000) + (rng() < 0.6 ? 1 : 0),
    volume: String(Number.parseInt(base.volume ?? "1", 10) + 1),
    issue: String(1 + Math.floor(rng() * 12)),
    pages: String(1 + Math.floor(rng() * 900)),
    authors: samePeople && rng() < 0.7 ? r.authors : [makeAuthor(pick(rng, OTHER_FAMILIES), "A. B.")],
    doi: rng() < 0.5 ? `${base.doi ?? "10.9999/x"}.${kind}` : undefined,
    pmid: undefined,
    pmcid: undefined,
    abstract: undefined,
    publicationType: rng() < 0.5 ? { erratum: "Published Erratum", comment: "Comment", retraction: "Retraction of Publication" }[kind] : undefined,
  };
}

/** Builds the labelled set; deterministic for a given seed. */
export function buildLabelledSet(zotero: BibRecord[], seed = SEED): LabelledSet {
  const rng = mulberry32(seed);
  const bases = shuffle(rng, distinctBases(zotero));
  const records: LabelledRecord[] = [];
  const trapPairs: [number, number, string][] = [];
  let cluster = 0;
  const journals = bases.map((b) => b.journal!).filter(Boolean);

  for (const original of bases) {
    let base = cloneRecord(original);
    const c = cluster++;
    const roll = rng();
    let trap: { record: BibRecord; kind: string } | undefined;
    const isAbstract = roll < 0.08;
    if (isAbstract) {
      trap = { record: { ...cloneRecord(base), year: (base.year ?? 2000) + 1, title: rng() < 0.5 ? base.title : `${base.title.replace(/\.$/, "")}: a randomised study` }, kind: "full paper of conference abstract" };
      base = conferenceAbstract(rng, base);
    } else if (roll < 0.12) {
      base.title = `${base.title.replace(/\.$/, "")}. Part I`;
      trap = { record: { ...cloneRecord(base), title: base.title.replace(/Part I$/, "Part II"), pages: undefined, doi: undefined, pmid: undefined, pmcid: undefined, abstract: pick(rng, bases).abstract }, kind: "series part II" };
    } else if (roll < 0.15) {
      const y = base.year ?? 2019;
      base.title = `${base.title.replace(/\.$/, "")}: ${y} update`;
      trap = { record: { ...cloneRecord(base), title: base.title.replace(`${y} update`, `${y + 1} update`), year: y + 1, volume: String(Number.parseInt(base.volume ?? "1", 10) + 1), doi: undefined, pmid: undefined, pmcid: undefined }, kind: "yearly guideline update" };
    } else if (roll < 0.18) {
      trap = { record: { ...cloneRecord(base), journal: pick(rng, journals), journalAbbrev: undefined, volume: String(1 + Math.floor(rng() * 60)), pages: `${1 + Math.floor(rng() * 500)}-${600 + Math.floor(rng() * 50)}`, doi: undefined, pmid: undefined, pmcid: undefined }, kind: "same title, other journal" };
    } else if (roll < 0.3) {
      const [kind, makeTitle] = pick(rng, NOTICE_TITLES);
      trap = { record: notice(rng, base, kind, makeTitle), kind };
    }

    const baseIndex = records.length;
    records.push({ record: base, cluster: c, kind: isAbstract ? "conference abstract" : "base" });
    const copies = [0, 0, 0, 1, 1, 1, 1, 2, 2, 3][Math.floor(rng() * 10)];
    for (let k = 0; k < copies; k++) {
      const { record, applied } = makeDuplicate(rng, base);
      records.push({ record: isAbstract ? recodeSupplement(rng, record) : record, cluster: c, kind: `duplicate: ${applied.join(", ")}` });
    }
    if (trap) {
      trapPairs.push([baseIndex, records.length, trap.kind]);
      records.push({ record: trap.record, cluster: cluster++, kind: `trap: ${trap.kind}` });
    }
  }

  // Generic titles: the same words in many journals and years are different editorials.
  for (let k = 0; k < 60; k++) {
    const donor = pick(rng, bases);
    records.push({
      record: { ...cloneRecord(donor), title: pick(rng, GENERIC_TITLES), authors: [makeAuthor(pick(rng, OTHER_FAMILIES), "C.")], abstract: undefined, doi: undefined, pmid: undefined, pmcid: undefined, pages: String(1 + k) },
      cluster: cluster++,
      kind: "trap: generic title",
    });
  }
  return { records, trapPairs };
}
