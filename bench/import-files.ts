/**
 * Deterministic generators of realistic RIS and MEDLINE exports for the import benchmark:
 * seeded PRNG (mulberry32), biomedical vocabulary, abstract lengths like PubMed's (≈150–330
 * words, ~85% of records have one), 1–15 authors (some with diacritics), MeSH headings, DOIs.
 * The same (count, seed) always gives byte-identical output.
 */
import { mulberry32 } from "./dedup-variants";

const WORDS = (
  "patients randomised controlled trial cohort outcome mortality risk ratio hazard confidence interval treatment placebo dose " +
  "efficacy safety adverse events follow-up months years baseline significant association clinical study analysis population " +
  "children adults older women men hospital primary care intervention control group systematic review meta-analysis evidence " +
  "quality bias heterogeneity sensitivity subgroup incidence prevalence diagnosis screening accuracy biomarker serum plasma " +
  "expression gene protein cell inflammation infection antibiotic resistance vaccine immune response chronic acute disease " +
  "diabetes hypertension cardiovascular stroke cancer tumour survival chemotherapy surgery recovery pain quality-of-life " +
  "depression anxiety cognitive function exercise diet obesity body mass index smoking alcohol exposure environmental " +
  "receptor signalling pathway mechanism model mice in-vitro in-vivo tissue imaging magnetic resonance ultrasound assessment"
).split(" ");
const SECTIONS = ["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"];
const FAMILIES = (
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas " +
  "Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King " +
  "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Wang Li Zhang " +
  "Liu Chen Yang Huang Zhao Wu Zhou Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Núñez Gómez " +
  "Díaz Häggström Åberg Sørensen Jørgensen Nowak Kowalski Wiśniewski Dąbrowski Rossi Russo Ferrari Esposito Bianchi Romano " +
  "Dubois Lefèvre Moreau Laurent Girard Tanaka Suzuki Takahashi Watanabe Kim Park Choi Singh Kumar Patel Sharma O'Brien"
).split(" ");
const GIVEN = "James Mary John Patricia Robert Jennifer Michael Linda Wei Li Anna Jörg José Søren Zoë Chloé Hiroshi Priya Ahmed Fatima Olga".split(" ");
const JOURNALS: [string, string, string][] = [
  ["The Lancet", "Lancet", "0140-6736"],
  ["BMJ (Clinical research ed.)", "BMJ", "0959-8138"],
  ["The New England journal of medicine", "N Engl J Med", "0028-4793"],
  ["JAMA", "JAMA", "0098-7484"],
  ["PloS one", "PLoS One", "1932-6203"],
  ["Cochrane Database of Systematic Reviews", "Cochrane Database Syst Rev", "1469-493X"],
  ["Journal of veterinary internal medicine", "J Vet Intern Med", "0891-6640"],
  ["Annals of internal medicine", "Ann Intern Med", "0003-4819"],
  ["Scientific reports", "Sci Rep", "2045-2322"],
  ["BMC public health", "BMC Public Health", "1471-2458"],
];
const MESH = "Humans Female Male Adult Middle Aged Aged Child Risk Factors Treatment Outcome Prospective Studies Retrospective Studies Cohort Studies Incidence Prevalence Diabetes Mellitus, Type 2 Hypertension Neoplasms Stroke Obesity Depression Anti-Bacterial Agents Vaccination".split(" ");
const QUALIFIERS = ["drug therapy", "epidemiology", "diagnosis", "therapy", "prevention & control", "etiology", "mortality"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type Fake = {
  pmid: number; title: string; abstract?: string; authors: [string, string][]; year: number; month: string; journal: [string, string, string];
  volume: number; issue: number; start: number; end: number; doi?: string; keywords: string[]; mesh: string[];
};

function makeRecords(count: number, seed: number, each: (r: Fake) => void): void {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const words = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += (i ? " " : "") + pick(WORDS);
    return s;
  };
  for (let i = 0; i < count; i++) {
    const title = words(int(8, 20));
    let abstract: string | undefined;
    if (rand() < 0.85) {
      abstract = SECTIONS.map((s) => `${s}: ${words(int(24, 52))}.`).join(" ");
    }
    const authors: [string, string][] = [];
    for (let a = int(1, 15); a > 0; a--) authors.push([pick(FAMILIES), `${pick(GIVEN)} ${String.fromCharCode(65 + int(0, 25))}`]);
    const start = int(1, 2000);
    const keywords: string[] = [];
    for (let k = int(3, 8); k > 0; k--) keywords.push(words(int(1, 3)));
    const mesh: string[] = [];
    for (let m = int(5, 15); m > 0; m--) mesh.push(`${rand() < 0.3 ? "*" : ""}${pick(MESH)}${rand() < 0.4 ? `/${pick(QUALIFIERS)}` : ""}`);
    const journal = pick(JOURNALS);
    const pmid = 10_000_000 + i;
    each({
      pmid, title: title[0].toUpperCase() + title.slice(1), abstract, authors, year: int(1980, 2025), month: pick(MONTHS), journal,
      volume: int(1, 400), issue: int(1, 24), start, end: start + int(0, 14), doi: rand() < 0.9 ? `10.${int(1000, 9999)}/j.bench.${pmid}` : undefined,
      keywords, mesh,
    });
  }
}

/** A RIS export (Embase/EndNote style, CRLF) of `count` records. */
export function generateRis(count: number, seed = 42): string {
  const parts: string[] = [];
  makeRecords(count, seed, (r) => {
    let s = `TY  - JOUR\r\nTI  - ${r.title}\r\n`;
    for (const [f, g] of r.authors) s += `AU  - ${f}, ${g}\r\n`;
    s += `PY  - ${r.year}\r\nDA  - ${r.year}/${r.month}//\r\nT2  - ${r.journal[0]}\r\nJ2  - ${r.journal[1]}\r\nSN  - ${r.journal[2]}\r\n`;
    s += `VL  - ${r.volume}\r\nIS  - ${r.issue}\r\nSP  - ${r.start}\r\nEP  - ${r.end}\r\n`;
    if (r.doi) s += `DO  - ${r.doi}\r\n`;
    if (r.abstract) s += `AB  - ${r.abstract}\r\n`;
    for (const k of r.keywords) s += `KW  - ${k}\r\n`;
    s += `AN  - ${r.pmid}\r\nDB  - MEDLINE\r\nLA  - English\r\nER  - \r\n\r\n`;
    parts.push(s);
  });
  return parts.join("");
}

/** Wraps a MEDLINE value at 82 columns with six-space continuation lines, as PubMed does. */
function wrap(tag: string, value: string): string {
  const head = `${tag.padEnd(4)}- `;
  if (value.length <= 82) return `${head}${value}\n`;
  let out = head;
  let col = 0;
  for (const word of value.split(" ")) {
    if (col + word.length > 82 && col > 0) {
      out += "\n      ";
      col = 0;
    } else if (col > 0) {
      out += " ";
      col++;
    }
    out += word;
    col += word.length;
  }
  return `${out}\n`;
}

/** A PubMed MEDLINE (.nbib) export of `count` records. */
export function generateMedline(count: number, seed = 42): string {
  const parts: string[] = [];
  makeRecords(count, seed, (r) => {
    let s = `PMID- ${r.pmid}\nOWN - NLM\nSTAT- MEDLINE\nDCOM- ${r.year}0115\nIS  - ${r.journal[2]} (Print)\nVI  - ${r.volume}\nIP  - ${r.issue}\n`;
    s += `DP  - ${r.year} ${r.month}\n${wrap("TI", `${r.title}.`)}PG  - ${r.start}-${String(r.end).slice(-String(r.end).length + (String(r.start).length === String(r.end).length ? 1 : 0))}\n`;
    if (r.doi) s += `LID - ${r.doi} [doi]\n`;
    if (r.abstract) s += wrap("AB", r.abstract);
    for (const [f, g] of r.authors) s += `FAU - ${f}, ${g}\nAU  - ${f} ${g[0]}${g.slice(-1)}\nAD  - Department of Medicine, University Hospital, City, Country.\n`;
    s += `LA  - eng\nPT  - Journal Article\nTA  - ${r.journal[1]}\nJT  - ${r.journal[0]}\nJID - 0${r.pmid % 9999999}\n`;
    for (const m of r.mesh) s += `MH  - ${m}\n`;
    for (const k of r.keywords) s += `OT  - ${k}\n`;
    s += `EDAT- ${r.year}/01/15 06:00\nCRDT- ${r.year}/01/14 05:33\n`;
    if (r.doi) s += `AID - ${r.doi} [doi]\n`;
    s += `PST - ppublish\nSO  - ${r.journal[1]}. ${r.year} ${r.month};${r.volume}(${r.issue}):${r.start}-${r.end}.\n\n`;
    parts.push(s);
  });
  return parts.join("");
}
