/**
 * Deterministic generators of the differences real exports show between two copies of the same
 * record (see ../shared/fixtures/README.md), used by the labelled and the 100k benchmarks. Every
 * transform takes a seeded PRNG so the benchmark is identical on every run.
 */
import type { Author, BibRecord } from "../lib/formats/record";

export type Rng = () => number;

/** mulberry32: a tiny, well-distributed 32-bit PRNG; enough for sampling, not for cryptography. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function cloneRecord(r: BibRecord): BibRecord {
  return { ...r, authors: r.authors.map((a) => ({ ...a })), keywords: [...r.keywords], mesh: [...r.mesh], raw: {} };
}

const LANGUAGES = ["French", "German", "Spanish", "Italian", "Japanese", "Chinese", "Polish", "Portuguese"];

function initials(given: string, dots: boolean, spaces: boolean): string {
  const parts = given.split(/[\s.-]+/).filter(Boolean).map((g) => g[0].toUpperCase());
  return parts.map((p) => (dots ? `${p}.` : p)).join(spaces ? " " : "");
}

function reformatAuthors(rng: Rng, authors: Author[]): Author[] {
  const style = Math.floor(rng() * 5);
  let out = authors.map((a): Author => {
    if (style === 0) return { ...a, family: a.family.toUpperCase(), given: initials(a.given, false, false) };
    if (style === 1) return { ...a, given: initials(a.given, true, true) };
    if (style === 2) return { ...a, given: initials(a.given, false, false) };
    if (style === 3) return { ...a, family: a.family.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") };
    return { ...a };
  });
  if (style === 4 && out.length > 3) out = out.slice(0, 3); // "et al." truncation
  return out;
}

function shortenPages(pages: string | undefined): string | undefined {
  const m = pages ? /^(\d+)-(\d+)$/.exec(pages) : null;
  if (!m || m[1].length !== m[2].length) return pages;
  let k = 0;
  while (k < m[1].length - 1 && m[1][k] === m[2][k]) k++;
  return `${m[1]}-${m[2].slice(k)}`;
}

function typo(rng: Rng, title: string): string {
  const words = title.split(" ");
  const idx = words.map((w, i) => (w.length > 6 ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return title;
  const i = pick(rng, idx);
  const w = words[i];
  const p = 1 + Math.floor(rng() * (w.length - 2));
  words[i] = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2); // transposition, the commonest typo
  return words.join(" ");
}

function entityTitle(rng: Rng, title: string): string {
  let t = title.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;");
  t = t.replace(/\balpha\b/gi, "&alpha;").replace(/\bbeta\b/gi, "β").replace(/\bgamma\b/gi, "&#947;");
  const words = t.split(" ");
  if (words.length > 3 && rng() < 0.5) {
    const i = 1 + Math.floor(rng() * (words.length - 2));
    words[i] = `<i>${words[i]}</i>`;
  }
  return words.join(" ");
}

function punctuation(rng: Rng, title: string): string {
  const style = Math.floor(rng() * 4);
  if (style === 0) return title.replace(/-/g, " ");
  if (style === 1) return title.replace(/:\s*/g, " - ").replace(/,/g, "");
  if (style === 2) return /\.$/.test(title) ? title.slice(0, -1) : `${title}.`;
  return title.replace(/\s*\(([^)]*)\)/g, ", $1,");
}

function caseChange(rng: Rng, title: string): string {
  const style = Math.floor(rng() * 3);
  if (style === 0) return title.toUpperCase();
  if (style === 1) return title.toLowerCase();
  return title.replace(/\b([a-z])([a-z]{3,})/g, (_, a: string, b: string) => a.toUpperCase() + b);
}

/** Named transforms: each returns a changed copy; the benchmark records which were applied. */
export const TRANSFORMS: Record<string, (rng: Rng, r: BibRecord) => BibRecord> = {
  "missing doi": (_, r) => ({ ...r, doi: undefined }),
  "doi as url": (_, r) => ({ ...r, doi: r.doi ? `https://doi.org/${r.doi.toUpperCase()}` : r.doi }),
  "abbreviated journal": (_, r) => (r.journalAbbrev ? { ...r, journal: r.journalAbbrev, journalAbbrev: undefined } : r),
  "full journal only": (_, r) => ({ ...r, journalAbbrev: undefined }),
  "author format": (rng, r) => ({ ...r, authors: reformatAuthors(rng, r.authors) }),
  "translated-title suffix": (rng, r) => {
    const lang = pick(rng, LANGUAGES);
    const title = rng() < 0.5 ? `[${r.title.replace(/\.$/, "")}]. [${lang}]` : `${r.title} [Article in ${lang}]`;
    return { ...r, title, language: lang };
  },
  "html entities": (rng, r) => ({ ...r, title: entityTitle(rng, r.title) }),
  "case change": (rng, r) => ({ ...r, title: caseChange(rng, r.title) }),
  "punctuation change": (rng, r) => ({ ...r, title: punctuation(rng, r.title) }),
  "short page range": (_, r) => ({ ...r, pages: shortenPages(r.pages) }),
  "missing pages": (_, r) => ({ ...r, pages: undefined, startPage: undefined, endPage: undefined }),
  "missing abstract": (_, r) => ({ ...r, abstract: undefined }),
  "missing issue and pmid": (_, r) => ({ ...r, issue: undefined, pmid: undefined, pmcid: undefined }),
  "title typo": (rng, r) => ({ ...r, title: typo(rng, r.title) }),
  // Databases disagree between the e-pub year and the (later) print year.
  "year off by one": (_, r) => ({ ...r, year: r.year ? r.year + 1 : r.year }),
  "missing authors": (_, r) => ({ ...r, authors: [] }),
  "truncated title": (_, r) => ({ ...r, title: r.title.length > 90 ? r.title.slice(0, 80) : r.title }),
};

/** Transforms with weights: common export differences often, rare ones (year, typo) seldom. */
const WEIGHTED: [string, number][] = [
  ["missing doi", 4], ["doi as url", 2], ["abbreviated journal", 4], ["full journal only", 2],
  ["author format", 4], ["translated-title suffix", 2], ["html entities", 2], ["case change", 2],
  ["punctuation change", 3], ["short page range", 3], ["missing pages", 1], ["missing abstract", 2],
  ["missing issue and pmid", 3], ["title typo", 1], ["year off by one", 1], ["missing authors", 0.5],
  ["truncated title", 1],
];
const TOTAL = WEIGHTED.reduce((s, [, w]) => s + w, 0);

/** A duplicate of `base` with 1–4 transforms; returns the record and the transform names. */
export function makeDuplicate(rng: Rng, base: BibRecord): { record: BibRecord; applied: string[] } {
  let record = cloneRecord(base);
  const applied: string[] = [];
  const count = 1 + Math.floor(rng() * 4);
  for (let k = 0; k < count; k++) {
    let x = rng() * TOTAL;
    const [name] = WEIGHTED.find(([, w]) => (x -= w) < 0) ?? WEIGHTED[0];
    if (applied.includes(name)) continue;
    // A year change on a copy that also lost its identifiers and pages would be unrecognisable to anyone.
    if (name === "year off by one" && !record.volume) continue;
    record = TRANSFORMS[name](rng, record);
    applied.push(name);
  }
  return { record, applied };
}

/** Uniform draws from `mulberry32` and Box–Muller normals, so every run analyses the same data. */
export function makeRandom(seed: number) {
  const uniform = mulberry32(seed);
  return { uniform, normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) };
}
