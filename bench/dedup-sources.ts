/**
 * Loaders for the dedup benchmark's real-world inputs in ../shared/fixtures. The two CSV files are
 * mapped to BibRecord here, column by column, because they are simple spreadsheets and the
 * benchmark must not depend on the import parsers it is not measuring.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import type { Author, BibRecord } from "../lib/formats/record";

export const FIXTURES = path.resolve(import.meta.dirname, "../../shared/fixtures");
export const ASYSD_CSV = path.join(FIXTURES, "dedup/asysd_labelled_test_set.csv");
export const ZOTERO_CSV = path.join(FIXTURES, "import/asysd/zotero_export.csv");

export function fixturesAvailable(): boolean {
  return existsSync(ASYSD_CSV) && existsSync(ZOTERO_CSV);
}

/** "NA", "" and whitespace mean missing in R-written CSV files. */
function value(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t && t !== "NA" ? t : undefined;
}

export function makeAuthor(family: string, given: string): Author {
  const initials = given.replace(/[^A-Za-z\u00C0-\u024F]+/g, " ").trim().split(/\s+/).map((g) => g[0] ?? "").join("");
  return { family, given, normalized: `${family} ${initials}`.trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "") };
}

/**
 * ASySD's author column glues "Family I. I." names without a separator ("Adeli K.Lewis G. F.");
 * a new name starts after an initial's period followed by a capital and a lower-case letter.
 */
export function splitGluedAuthors(text: string | undefined): Author[] {
  if (!text) return [];
  return text
    .split(/(?<=\.)\s*(?=[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF'])/)
    .map((name) => {
      const m = /^(.*?)\s+((?:[A-Z\u00C0-\u00DE]\.?\s?-?)+)$/.exec(name.trim());
      return m ? makeAuthor(m[1], m[2].trim()) : makeAuthor(name.trim(), "");
    })
    .filter((a) => a.family);
}

export type AsysdRow = { record: BibRecord; recordId: string; label: string; source: string };

/** The 1,845-record ASySD test set (Latin-1). */
export function loadAsysd(): AsysdRow[] {
  const text = new TextDecoder("latin1").decode(readFileSync(ASYSD_CSV));
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return rows.map((r) => ({
    recordId: r.record_id,
    label: r.label,
    source: r.source,
    record: {
      title: value(r.title) ?? "",
      abstract: value(r.abstract),
      authors: splitGluedAuthors(value(r.author)),
      year: value(r.year) ? Number(r.year) : undefined,
      journal: value(r.journal),
      volume: value(r.volume),
      issue: value(r.number),
      pages: value(r.pages),
      doi: value(r.doi),
      issn: value(r.isbn)?.split(/\s/)[0],
      keywords: [],
      mesh: [],
      raw: Object.fromEntries(Object.entries(r).filter(([, v]) => value(v)).map(([k, v]) => [k, [v]])),
    },
  }));
}

/** The 1,233-record Zotero CSV export: full and abbreviated journal names, PMIDs in "Extra". */
export function loadZotero(): BibRecord[] {
  const text = readFileSync(ZOTERO_CSV, "utf8").replace(/^\uFEFF/, "");
  const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
  return rows.map((r) => {
    const extra = r.Extra ?? "";
    return {
      title: value(r.Title) ?? "",
      abstract: value(r["Abstract Note"]),
      authors: (value(r.Author) ?? "").split(";").map((a) => a.trim()).filter(Boolean).map((a) => {
        const [family, given = ""] = a.split(",").map((s) => s.trim());
        return makeAuthor(family, given);
      }),
      year: value(r["Publication Year"]) ? Number(r["Publication Year"]) : undefined,
      journal: value(r["Publication Title"]),
      journalAbbrev: value(r["Journal Abbreviation"]),
      volume: value(r.Volume),
      issue: value(r.Issue),
      pages: value(r.Pages),
      doi: value(r.DOI)?.toLowerCase(),
      pmid: /PMID:\s*(\d+)/.exec(extra)?.[1],
      pmcid: /PMCID:\s*(PMC\d+)/.exec(extra)?.[1],
      issn: value(r.ISSN),
      language: value(r.Language),
      publicationType: value(r["Item Type"]),
      keywords: [],
      mesh: [],
      raw: {},
    };
  });
}
