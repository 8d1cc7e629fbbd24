/**
 * Deterministic synthetic records for the speed benchmark (100,000 records). Titles are drawn from
 * a Zipf-like vocabulary so that common words ("effect", "patients") recur as in real titles and
 * blocking keys collide realistically; about 30% of records are duplicates made with the same
 * export variants as the labelled benchmark, so the run also reports accuracy at scale.
 */
import type { BibRecord } from "../lib/formats/record";
import { makeAuthor } from "./dedup-sources";
import { makeDuplicate, mulberry32, pick, type Rng } from "./dedup-variants";

const SYLLABLES = ["ca", "di", "ne", "pro", "lo", "gen", "tri", "va", "so", "mer", "ti", "ol", "ra", "ph", "xi", "cor", "ban", "tel", "us", "ic"];

function word(rng: Rng, min: number, max: number): string {
  const n = min + Math.floor(rng() * (max - min + 1));
  let w = "";
  for (let i = 0; i < n; i++) w += pick(rng, SYLLABLES);
  return w;
}

function vocabulary(rng: Rng, size: number, min: number, max: number): string[] {
  const set = new Set<string>();
  while (set.size < size) set.add(word(rng, min, max));
  return [...set];
}

/** Index in [0, n) with probability ∝ 1/(i+1): a few very common items, a long tail. */
function zipf(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(rng() * Math.log(n + 1))) - 1);
}

export type SyntheticSet = { records: BibRecord[]; cluster: number[] };

export function buildSyntheticSet(total: number, seed = 7): SyntheticSet {
  const rng = mulberry32(seed);
  const words = vocabulary(rng, 20000, 2, 5);
  const families = vocabulary(rng, 8000, 2, 4).map((f) => f[0].toUpperCase() + f.slice(1));
  const journals = Array.from({ length: 2000 }, () => {
    const full = ["Journal of", word(rng, 3, 5), word(rng, 3, 5), "research"].map((w) => w[0].toUpperCase() + w.slice(1));
    return { full: full.join(" "), abbrev: `J ${full[1].slice(0, 5)} ${full[2].slice(0, 4)} Res` };
  });
  const records: BibRecord[] = [];
  const cluster: number[] = [];
  let c = 0;
  while (records.length < total) {
    const j = pick(rng, journals);
    const start = 1 + Math.floor(rng() * 2000);
    const year = 1990 + Math.floor(rng() * 35);
    const base: BibRecord = {
      title: Array.from({ length: 7 + Math.floor(rng() * 10) }, () => words[zipf(rng, words.length)]).join(" "),
      authors: Array.from({ length: 1 + Math.floor(rng() * 6) }, () => makeAuthor(families[zipf(rng, families.length)], `${pick(rng, ["A", "B", "C", "D", "J", "M"])}.`)),
      year,
      journal: j.full,
      journalAbbrev: j.abbrev,
      volume: String(1 + Math.floor(rng() * 80)),
      issue: String(1 + Math.floor(rng() * 12)),
      pages: `${start}-${start + 3 + Math.floor(rng() * 15)}`,
      doi: rng() < 0.7 ? `10.${1000 + Math.floor(rng() * 9000)}/s${c}` : undefined,
      pmid: rng() < 0.5 ? String(10000000 + c) : undefined,
      abstract: Array.from({ length: 60 }, () => words[zipf(rng, words.length)]).join(" "),
      keywords: [],
      mesh: [],
      raw: {},
    };
    records.push(base);
    cluster.push(c);
    const copies = rng() < 0.3 ? 1 + Math.floor(rng() * 2) : 0;
    for (let k = 0; k < copies && records.length < total; k++) {
      records.push(makeDuplicate(rng, base).record);
      cluster.push(c);
    }
    c++;
  }
  return { records, cluster };
}
