/**
 * Facts of the 000 seed (Mai, Ke & Yao 2025, a plain-text article on MSC-EVs in bone
 * regeneration) for prisma/demo/review-000.json: protocol, searches and flow (Results, "Study
 * selection"), Table 1's characteristics of the 20 included studies, the pooled and subgroup
 * results it states, and the citations of its reference list. The text gives no per-study
 * effect, so no effect is extracted; the inconsistencies a reviewer meets are listed as facts.
 */
import path from "node:path";

const num = (s: string) => Number(s.replace(/,/g, ""));
const SUPERSCRIPT: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9" };

function match(body: string, re: RegExp, what: string): RegExpMatchArray {
  const m = body.match(re);
  if (!m) throw new Error(`The article no longer states ${what} as expected (${re})`);
  return m;
}

/**
 * Table 1's dose as printed: "5×10 ¹⁰" (superscript exponent). One cell, "5×109", lost its
 * superscript in the text layer; it is read as 5×10⁹ and flagged, since 5×109 = 545 particles/kg
 * is not a dose any EV study gives.
 */
export function parseDose(cell: string): { value: number; flagged: boolean } {
  const flagged = !/[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(cell);
  const s = cell.replace(/\s+/g, "").replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUPERSCRIPT[c]);
  const m = /^(\d+(?:\.\d+)?)×10(\d+)$/.exec(s);
  if (!m) throw new Error(`Unreadable dose "${cell}"`);
  return { value: Number(m[1]) * 10 ** Number(m[2]), flagged };
}

type Reference = { label: string; authors: { family: string; given: string }[]; etAl: boolean; title: string; journal: string; year: number | null; volume: string; pages: string };

/** "Liang B, Liang JM and Chai YM" or "Stella Cosenza, Maxime Ruiz, Marie Maumus, et al". */
function authors(list: string): { authors: Reference["authors"]; etAl: boolean } {
  const etAl = /,?\s*et al$/.test(list);
  const names = list.replace(/,?\s*et al$/, "").split(/, | and /).map((n) => n.trim()).filter(Boolean);
  return {
    etAl,
    authors: names.map((n) => {
      const parts = n.split(" ");
      const last = parts.at(-1)!;
      // "Family Initials" (Vancouver) or, in one reference, "Given Family".
      return /^[A-Z]{1,3}$/.test(last) ? { family: parts.slice(0, -1).join(" "), given: last } : { family: last, given: parts.slice(0, -1).join(" ") };
    }),
  };
}

/** The numbered reference list, continuation lines (page breaks, hyphenation) joined. */
export function references(text: string): Reference[] {
  const list = text.slice(text.indexOf("\nReferences\n"));
  const entries: string[] = [];
  for (const raw of list.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith("- ")) continue;
    const body = line.slice(2);
    if (/^\[?\d+\]/.test(body)) entries.push(body.replace(/^\[?(\d+)\]/, "[$1]"));
    else if (entries.length) entries[entries.length - 1] = /-$/.test(entries.at(-1)!) ? entries.at(-1)!.slice(0, -1) + body : `${entries.at(-1)} ${body}`;
  }
  return entries.map((entry) => {
    const label = /^\[(\d+)\]/.exec(entry)![1];
    const rest = entry.replace(/^\[\d+\]\s*/, "");
    const authorEnd = rest.search(/\. (?=[A-Z])/);
    const source = /\. ([^.]+?) (\d{4}); (\d+)(?:: ([^.]+?))?\.?$/.exec(rest);
    const { authors: names, etAl } = authors(rest.slice(0, authorEnd).replace(/\.$/, ""));
    const title = source ? rest.slice(authorEnd + 2, source.index) : rest.slice(authorEnd + 2);
    return { label, authors: names, etAl, title: title.trim(), journal: source?.[1] ?? "", year: source ? Number(source[2]) : null, volume: source?.[3] ?? "", pages: source?.[4] ?? "" };
  });
}

const ANIMALS: Record<string, string> = { rats: "Rat", mice: "Mouse", rabbits: "Rabbit" };
/** Sieve's reading of each route as local or systemic, for the delivery subgroup; the article does not classify its routes per study. */
const DELIVERY: Record<string, string | null> = {
  "Local scaffold": "Local",
  "Local injection": "Local",
  "Intra-articular": "Local",
  "Hydrogel scaffold": "Local",
  "Scaffold implantation": "Local",
  "Systemic (IV)": "Systemic",
  "Systemic (tail vein)": "Systemic",
  Subcutaneous: null,
  Intramuscular: null,
};

/** Table 1, one entry per included study, with its EV-source group from the table's headings. */
function studies(text: string) {
  const start = text.indexOf("Table 1. Baseline characteristics");
  const lines = text.slice(start, text.indexOf("\nNote:", start)).split("\n");
  const out = [];
  let group = "";
  const seen = new Map<string, number>();
  for (const line of lines) {
    const cells = line.split("\t").map((c) => c.trim());
    const heading = /^(.+?) \((\d+) Stud(?:y|ies)\)$/.exec(cells[0]);
    if (heading && cells.slice(1).every((c) => c === "")) {
      group = heading[1];
      continue;
    }
    if (cells.length !== 7 || !/\[\d+\]$/.test(cells[0])) continue;
    const [who, speciesModel, source, doseCell, route, primaryOutcome, mechanism] = cells;
    const ref = /\[(\d+)\]$/.exec(who)![1];
    const year = Number(/\((\d{4})\)/.exec(who)![1]);
    const family = /([A-Z][a-z-]+)(?: et al\.)?\s*\(/.exec(who)![1];
    const sm = /^(.+?) \((.+)\)$/.exec(speciesModel)!;
    const dose = parseDose(doseCell);
    const base = `${family} ${year}`;
    seen.set(base, (seen.get(base) ?? 0) + 1);
    if (!(route in DELIVERY)) throw new Error(`Route "${route}" has no delivery class`);
    out.push({
      base,
      reference: ref,
      asTabulated: who,
      locator: "Table 1",
      values: {
        publication_year: year,
        species: sm[1],
        disease_model: sm[2],
        ev_source: source,
        dose: doseCell.replace(/\s+/g, ""),
        dose_particles_per_kg: dose.value,
        route,
        primary_outcome: primaryOutcome,
        mechanism,
        subgroup_animal: ANIMALS[sm[1].split(" ").at(-1)!] ?? null,
        subgroup_ev_source: group,
        subgroup_delivery: DELIVERY[route],
        subgroup_dose: dose.value >= 1e10 ? "≥1×10¹⁰ particles/kg" : "<1×10¹⁰ particles/kg",
      },
      ...(dose.flagged ? { doseNote: `Printed "${doseCell}": the superscript is lost in the text; read as ${dose.value.toExponential()} particles/kg.` } : {}),
    });
  }
  // Two studies share an author and year (Kuang 2019, Zhang 2016, Zhang 2019): their reference numbers tell them apart.
  return out.map(({ base, ...s }) => ({ label: seen.get(base)! > 1 ? `${base} [${s.reference}]` : base, ...s }));
}

export function extractSeed000(text: string, file: string) {
  const flat = text.replace(/\s+/g, " ");
  const identified = num(match(flat, /The systematic search yielded ([\d,]+) records from ([^,]+), ([^,]+), and ([^,]+?), covering/, "records identified")[1]);
  const databases = match(flat, /The systematic search yielded [\d,]+ records from ([^,]+), ([^,]+), and ([^,]+?), covering/, "the databases").slice(1, 4);
  const assessed = num(match(flat, /([\d,]+) articles were retrieved for fulltext assessment/, "reports assessed")[1]);
  const excluded = match(flat, /([\d,]+) studies were excluded due to reasons such as ([^.]+)\./, "reports excluded");
  const included = num(match(flat, /Ultimately, ([\d,]+) high-quality in vivo/, "included studies")[1]);
  const pooled = match(flat, /A meta-analysis of (\d+) preclinical studies evaluating the therapeutic efficacy of MSC-EVs in bone regeneration demonstrated a statistically significant overall effect \(pooled SMD=([\d.]+); 95% CI: ([\d.]+)-([\d.]+)/, "the pooled result");
  const i2 = match(flat, /The heterogeneity was moderate \(I²=(\d+)%\)/, "the pooled I²");
  const table2 = [...text.slice(text.indexOf("Table 2. Subgroup analysis")).matchAll(/^(.+?) \(n=\d+\)\t(\d+)\t([\d.]+) \(([\d.]+)-([\d.]+)\)\t(\d+)%$/gm)].map((m) => ({
    subgroup: m[1], k: Number(m[2]), smd: Number(m[3]), ciLower: Number(m[4]), ciUpper: Number(m[5]), i2: Number(m[6]),
  }));
  const list = studies(text);
  const refs = references(text);
  return {
    // The text layer names no journal or DOI, so none is given.
    source: { file: path.basename(file), journal: "", citation: "Mai, Ke & Yao 2025" },
    title: "Distinct roles of extracellular vesicles derived from various mesenchymal stem cell sources in bone regeneration: a systematic review and meta-analysis",
    registrationId: `INPLASY ${match(flat, /\(ID: (\d+)\)/, "the registration")[1]}`,
    question: "In animal models of bone defects, do mesenchymal stem cell-derived extracellular vesicles (MSC-EVs), compared with placebo or vehicle, improve bone regeneration, and does the effect depend on EV source, dose and delivery route?",
    population: "Preclinical animal models with bone defects, including rats, mice, and rabbits",
    intervention: "Administration of MSC-EVs, regardless of source, dose, or route",
    comparator: "Control groups receiving placebo or vehicle treatment",
    outcomes: "Primary outcome: Bone volume/total volume (BV/TV); Secondary outcomes: Histological scores and biomechanical properties",
    studyDesigns: "In vivo randomized controlled trials (RCTs)",
    inclusionCriteria: match(text, /(1\. Population \(P\):[^\n]+)/, "the PICOS")[1].replace(/ (\d)\. /g, "\n$1. "),
    exclusionCriteria: match(flat, /Exclusion Criteria: ([^.]+)\./, "the exclusion criteria")[1],
    titleAbstractReasons: [],
    fullTextReasons: excluded[2].split(/, or |, /).map((r) => r.charAt(0).toUpperCase() + r.slice(1)),
    searchCoverage: "Methods: January 2015 to January 2024; Results: January 2015 to December 2024",
    searches: databases.map((database) => ({ database, reportedHits: null })),
    flow: [
      // The total only: the article gives no count per database, duplicates or records screened.
      { field: "database_results", n: identified },
      { field: "dbr_sought_reports", n: assessed },
      { field: "dbr_notretrieved_reports", n: 0 },
      { field: "dbr_assessed", n: assessed },
      { field: "dbr_excluded", items: [{ label: excluded[2].charAt(0).toUpperCase() + excluded[2].slice(1), n: num(excluded[1]) }] },
      { field: "new_studies", n: included },
      { field: "new_reports", n: included },
      { field: "total_studies_ma", n: Number(pooled[1]) },
    ],
    studies: list,
    reported: { pooled: { k: Number(pooled[1]), smd: Number(pooled[2]), ciLower: Number(pooled[3]), ciUpper: Number(pooled[4]), i2: Number(i2[1]), locator: "Results, Figure 4" }, subgroups: table2 },
    claims: {
      animals: { Rat: num(match(flat, /rat models were most frequently used \((\d+)\/20\)/, "the rat count")[1]), Mouse: num(match(flat, /followed by mice \((\d+) studies\)/, "the mouse count")[1]), Rabbit: num(match(flat, /rabbits \((\d+) studies\)/, "the rabbit count")[1]) },
      delivery: { Local: num(match(flat, /local administration \((\d+) studies\)/, "the local count")[1]), Systemic: num(match(flat, /systemic delivery \((\d+) studies\)/, "the systemic count")[1]) },
      highDose: num(match(flat, /high-dose regimens \(≥1×10¹⁰ particles\/kg; n=(\d+)\)/, "the high-dose count")[1]),
    },
    // A reference whose title, journal, volume and pages repeat another's under a different first author and year.
    repeatedReferences: refs
      .filter((r) => list.some((s) => s.reference === r.label))
      .flatMap((r) => refs.filter((o) => o.label !== r.label && o.title.toLowerCase().replace(/[^a-z]/g, "") === r.title.toLowerCase().replace(/[^a-z]/g, "")).map((o) => ({ included: r.label, repeats: o.label }))),
    references: refs.filter((r) => list.some((s) => s.reference === r.label)),
  };
}
