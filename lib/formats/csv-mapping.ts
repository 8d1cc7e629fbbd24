/**
 * Column mapping for CSV/TSV imports: which header holds which normalised field. Presets cover
 * the exports reviewers meet (Scopus, Embase, Web of Science, Zotero, EndNote tab-delimited, and
 * Sieve's own CSV); anything else falls back to common column names.
 */

export const CSV_FIELDS = [
  "title", "authors", "year", "journal", "journalAbbrev", "volume", "issue", "pages", "startPage", "endPage", "doi",
  "pmid", "pmcid", "issn", "keywords", "mesh", "abstract", "language", "publicationType", "url", "sourceDatabase",
] as const;

export type CsvField = (typeof CSV_FIELDS)[number];

/**
 * Field → header name(s). With several headers the first non-empty cell wins, except for
 * keywords and mesh, which collect from all of them.
 */
export type ColumnMapping = Partial<Record<CsvField, string | string[]>>;

export type CsvPreset = "scopus" | "embase" | "wos" | "wos-tags" | "zotero" | "endnote" | "sieve" | "generic";

export type DetectedMapping = {
  preset: CsvPreset;
  mapping: ColumnMapping;
  /** Database the preset implies, used when no column names one. */
  sourceDatabase?: string;
  /** Headers that map to no field (kept in raw all the same). */
  unmapped: string[];
};

type Preset = { name: CsvPreset; signature: string[]; mapping: ColumnMapping; sourceDatabase?: string };

const PRESETS: Preset[] = [
  {
    name: "scopus",
    signature: ["Source title", "EID"],
    sourceDatabase: "Scopus",
    mapping: {
      title: "Title", authors: ["Author full names", "Authors"], year: "Year", journal: "Source title",
      journalAbbrev: "Abbreviated Source Title", volume: "Volume", issue: "Issue", startPage: "Page start", endPage: "Page end",
      pages: "Art. No.", doi: "DOI", pmid: "PubMed ID", issn: "ISSN", keywords: ["Author Keywords", "Index Keywords"],
      abstract: "Abstract", language: "Language of Original Document", publicationType: "Document Type", url: "Link", sourceDatabase: "Source",
    },
  },
  {
    name: "embase",
    signature: ["Embase Accession ID"],
    sourceDatabase: "Embase",
    mapping: {
      title: "Title", authors: "Author Names", year: "Publication Year", journal: "Source title", volume: "Volume", issue: "Issue",
      startPage: "First Page", endPage: "Last Page", doi: "DOI", pmid: "Medline PMID", issn: "ISSN",
      keywords: ["Author Keywords", "Emtree Drug Index Terms", "Emtree Medical Index Terms", "Emtree Drug Index Terms (Major Focus)", "Emtree Medical Index Terms (Major Focus)"],
      abstract: "Abstract", language: "Article Language", publicationType: "Publication Type", url: ["Full Text Link", "Embase Link"],
    },
  },
  {
    name: "wos",
    signature: ["UT (Unique WOS ID)"],
    sourceDatabase: "Web of Science",
    mapping: {
      title: "Article Title", authors: ["Author Full Names", "Authors"], year: "Publication Year", journal: "Source Title",
      journalAbbrev: ["Journal ISO Abbreviation", "Journal Abbreviation"], volume: "Volume", issue: "Issue", startPage: "Start Page",
      endPage: "End Page", pages: "Article Number", doi: "DOI", pmid: "Pubmed Id", issn: ["ISSN", "eISSN"],
      keywords: ["Author Keywords", "Keywords Plus"], abstract: "Abstract", language: "Language", publicationType: "Document Type",
    },
  },
  {
    name: "wos-tags",
    signature: ["PT", "AU", "TI", "SO"],
    sourceDatabase: "Web of Science",
    mapping: {
      title: "TI", authors: ["AF", "AU"], year: "PY", journal: "SO", journalAbbrev: ["JI", "J9"], volume: "VL", issue: "IS",
      startPage: "BP", endPage: "EP", pages: "AR", doi: "DI", pmid: "PM", issn: ["SN", "EI"], keywords: ["DE", "ID"], abstract: "AB",
      language: "LA", publicationType: "DT",
    },
  },
  {
    name: "zotero",
    signature: ["Key", "Item Type", "Publication Title"],
    mapping: {
      title: "Title", authors: "Author", year: "Publication Year", journal: "Publication Title", journalAbbrev: "Journal Abbreviation",
      volume: "Volume", issue: "Issue", pages: "Pages", doi: "DOI", pmid: "Extra", pmcid: "Extra", issn: "ISSN",
      keywords: ["Manual Tags", "Automatic Tags"], abstract: "Abstract Note", language: "Language", publicationType: "Item Type", url: "Url",
      sourceDatabase: "Library Catalog",
    },
  },
  {
    name: "endnote",
    signature: ["Reference Type", "Secondary Title"],
    mapping: {
      title: "Title", authors: "Author", year: "Year", journal: "Secondary Title", journalAbbrev: "Alternate Title", volume: "Volume",
      issue: ["Number", "Issue"], pages: "Pages", doi: "DOI", pmid: "Accession Number", pmcid: "PMCID", issn: "ISBN/ISSN",
      keywords: "Keywords", abstract: "Abstract", language: "Language", publicationType: "Reference Type", url: "URL", sourceDatabase: "Name of Database",
    },
  },
];

/** Lower-case, alphanumerics only: "Publication Year" → "publicationyear". */
function key(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

// Generic names, best first. "source" is left out of journal on purpose: Scopus uses it for the database.
const SYNONYMS: Record<CsvField, string[]> = {
  title: ["title", "articletitle", "documenttitle", "ti", "primarytitle"],
  authors: ["authors", "author", "authornames", "authorfullnames", "au", "creators", "creator"],
  year: ["year", "publicationyear", "pubyear", "py", "yearofpublication", "date", "publicationdate"],
  journal: ["journal", "journaltitle", "sourcetitle", "publicationtitle", "secondarytitle", "journalname", "periodical", "jf", "so"],
  journalAbbrev: ["journalabbrev", "journalabbreviation", "abbreviatedsourcetitle", "journaliso", "ja", "ta"],
  volume: ["volume", "vol", "vl"],
  issue: ["issue", "number", "no", "is"],
  pages: ["pages", "page", "pagination", "pg"],
  startPage: ["startpage", "pagestart", "firstpage", "sp", "bp"],
  endPage: ["endpage", "pageend", "lastpage", "ep"],
  doi: ["doi", "do", "di"],
  pmid: ["pmid", "pubmedid", "medlinepmid", "pubmed"],
  pmcid: ["pmcid", "pmc"],
  issn: ["issn", "isbnissn", "isbn", "sn", "eissn"],
  keywords: ["keywords", "authorkeywords", "keyword", "tags", "kw"],
  mesh: ["mesh", "meshterms", "meshheadings", "mh"],
  abstract: ["abstract", "abstractnote", "ab", "summary"],
  language: ["language", "lang", "la"],
  publicationType: ["publicationtype", "documenttype", "type", "itemtype", "referencetype", "pt", "ty"],
  url: ["url", "link", "ur"],
  sourceDatabase: ["sourcedatabase", "database", "source", "db", "nameofdatabase"],
};

/**
 * Detects which export produced a CSV from its header row and returns the column mapping.
 * @example detectColumnMapping(["Authors", "Title", "Year", "Source title", "EID"]).preset // "scopus"
 */
export function detectColumnMapping(headers: string[]): DetectedMapping {
  const clean = headers.map((h) => h.replace(/^\uFEFF/, "").trim());
  const present = new Set(clean);
  const sieve = CSV_FIELDS.filter((f) => present.has(f));
  if (present.has("title") && present.has("authors") && sieve.length >= 8) {
    return withUnmapped("sieve", Object.fromEntries(sieve.map((f) => [f, f])), clean);
  }
  for (const preset of PRESETS) {
    if (!preset.signature.every((h) => present.has(h))) continue;
    const mapping: ColumnMapping = {};
    for (const [field, cols] of Object.entries(preset.mapping) as [CsvField, string | string[]][]) {
      const found = (Array.isArray(cols) ? cols : [cols]).filter((c) => present.has(c));
      if (found.length) mapping[field] = found.length === 1 ? found[0] : found;
    }
    return withUnmapped(preset.name, mapping, clean, preset.sourceDatabase);
  }
  const byKey = new Map<string, string>();
  for (const h of clean) if (!byKey.has(key(h))) byKey.set(key(h), h);
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of CSV_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const header = byKey.get(synonym);
      if (header && !used.has(header)) {
        mapping[field] = header;
        used.add(header);
        break;
      }
    }
  }
  return withUnmapped("generic", mapping, clean);
}

function withUnmapped(preset: CsvPreset, mapping: ColumnMapping, headers: string[], sourceDatabase?: string): DetectedMapping {
  const mapped = new Set(Object.values(mapping).flat());
  return { preset, mapping, sourceDatabase, unmapped: headers.filter((h) => h && !mapped.has(h)) };
}
