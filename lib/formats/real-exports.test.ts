import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { foldText } from "./authors";
import { loadBibtexParser } from "./bibtex";
import { parseBuffer } from "./parse";
import type { BibRecord, ImportFormat, ParseResult } from "./record";
import { normalisedFields } from "./round-trip";
import { writeCsv } from "./write-csv";
import { writeRis } from "./write-ris";

/**
 * Real exports from ../shared/fixtures (kept out of the repository; see its README). Counts were
 * measured independently of the parser (ER lines, <record> elements, @entries, CSV rows with
 * Python's csv module) and are also re-counted from the raw text below.
 */
const root = process.env.SIEVE_FIXTURES ?? path.resolve(__dirname, "../../../shared/fixtures");
const importDir = path.join(root, "import");
const exists = existsSync(importDir);

type Expectation = { format: ImportFormat; count: number; title: string; doi?: string; author?: [string, string]; encoding?: string };

const EXPECTED: Record<string, Expectation> = {
  "asysd/mendeley_export.xml": { format: "endnote-xml", count: 1233, title: "Myoclonus in older Cavalier King Charles Spaniels.", doi: "10.1111/jvim.16404", author: ["Rotter", "Carina"] },
  "asysd/ris_export.txt": { format: "ris", count: 69, title: "Altered metabolism of familial Alzheimer's disease-linked amyloid precursor protein variants in yeast artificial chromosome transgenic mice", doi: "10.1093/hmg/6.9.1535", author: ["Wagner", "Lamb B. T. Call L. M. Slunt H. H. Bardel K. A. Lawler A. M. Eckman C. B. Younkin S. G. Holtz G."] },
  "asysd/scopus.ris": { format: "ris", count: 10, title: "Development and Validation of a Robust and Straightforward LC-MS Method for Measuring Taurine in Whole Blood and Plasma of Dogs and Reference Intervals Calculation", doi: "10.3390/ani15010003", author: ["Furlanello", "T."] },
  "asysd/test_export.bib": { format: "bibtex", count: 3, title: "Title 1", author: ["1", "Author"] },
  "asysd/test_export.ris": { format: "ris", count: 3, title: "Title 1", author: ["Author 1", ""] },
  "asysd/test_export.txt": { format: "csv", count: 3, title: "Title 1", author: ["Author 1", ""] },
  "asysd/wos_test.ris": { format: "ris", count: 50, title: "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs", author: ["Larsen", "LJ"] },
  "asysd/zotero_export.bib": { format: "bibtex", count: 1000, title: "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs", author: ["Larsen", "LJ"] },
  "asysd/zotero_export.csv": { format: "csv", count: 1233, title: "Myoclonus in older Cavalier King Charles Spaniels.", doi: "10.1111/jvim.16404", author: ["Rotter", "Carina"] },
  "asysd/zotero_export.ris": { format: "ris", count: 1000, title: "Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs", author: ["Larsen", "LJ"] },
  "asysd/zotero_export.xml": { format: "endnote-xml", count: 1233, title: "Myoclonus in older Cavalier King Charles Spaniels.", doi: "10.1111/jvim.16404", author: ["Rotter", "Carina"] },
  "rispy/example_basic.ris": { format: "ris", count: 1, title: "A Mathematical Theory of Communication", author: ["Shannon", "Claude E."] },
  "rispy/example_bom.ris": { format: "ris", count: 1, title: "", doi: "10.1186/s40981-020-0316-0" },
  "rispy/example_custom_list_tags.ris": { format: "ris", count: 1, title: "", author: ["Marx", "Karl"] },
  "rispy/example_empty_tag.ris": { format: "ris", count: 1, title: "Outcome Measures After Shoulder Stabilization in the Athletic Population: A Systematic Review of Clinical and Patient-Reported Metrics", doi: "10.1177/2325967120950040", author: ["Fanning", "E."] },
  "rispy/example_extraneous_data.ris": { format: "ris", count: 2, title: "Title of reference", author: ["Marx", "Karl"] },
  "rispy/example_full.ris": { format: "ris", count: 2, title: "Title of reference", author: ["Marx", "Karl"] },
  "rispy/example_full_without_whitespace.ris": { format: "ris", count: 2, title: "Title of reference", author: ["Marx", "Karl"] },
  "rispy/example_full_write.ris": { format: "ris", count: 2, title: "Title of reference", author: ["Marx", "Karl"] },
  "rispy/example_multi_unknown_tags.ris": { format: "ris", count: 1, title: "A Mathematical Theory of Communication", author: ["Shannon", "Claude E."] },
  "rispy/example_multiline.ris": { format: "ris", count: 3, title: "" },
  "rispy/example_single_unknown_tag.ris": { format: "ris", count: 1, title: "A Mathematical Theory of Communication", author: ["Shannon", "Claude E."] },
  "rispy/example_starting_newlines.ris": { format: "ris", count: 1, title: "A Mathematical Theory of Communication", author: ["Shannon", "Claude E."] },
  "rispy/example_urls.ris": { format: "ris", count: 4, title: "A Mathematical Theory of Communication", author: ["Shannon", "Claude E."] },
  "rispy/example_utf_chars.ris": { format: "ris", count: 1, title: "Состояние рецепторного аппарата эндометрия и метаболизм эстрогенов при гиперплазиях эндометрия в позднем репродуктивном периоде", author: ["Dobrokhotova", "Yu E."] },
  // Named .ris, but Web of Science plain text (see the fixtures README).
  "rispy/example_wos.ris": { format: "wos", count: 2, title: "Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)", doi: "10.1021/bi049798f", author: ["Parkes-Loach", "PS"] },
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listFiles(full);
    return name === "LICENSE" || name.endsWith(".md") ? [] : [full];
  });
}

const results = new Map<string, ParseResult>();
const load = (rel: string) => results.get(rel)!;

describe.skipIf(!exists)("real exports in shared/fixtures/import", () => {
  beforeAll(async () => {
    await loadBibtexParser();
    for (const file of listFiles(importDir)) {
      const rel = path.relative(importDir, file).split(path.sep).join("/");
      results.set(rel, parseBuffer(new Uint8Array(readFileSync(file)), { fileName: file }));
    }
  }, 120_000);

  it("has an expectation for every file there", () => {
    expect([...results.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))("%s", (rel, e) => {
    const result = load(rel);
    expect(result.format).toBe(e.format);
    expect(result.records).toHaveLength(e.count);
    const [first] = result.records;
    expect(first.title).toBe(e.title);
    expect(first.doi).toBe(e.doi);
    if (e.author) expect([first.authors[0].family, first.authors[0].given]).toEqual(e.author);
    for (const r of result.records) expect(Object.keys(r.raw).length).toBeGreaterThan(0);
  });

  it("counts records the way the raw text does", () => {
    const text = (rel: string) => readFileSync(path.join(importDir, rel), "utf8");
    for (const rel of ["asysd/ris_export.txt", "asysd/scopus.ris", "asysd/wos_test.ris", "asysd/zotero_export.ris"]) {
      expect(load(rel).records).toHaveLength(text(rel).match(/^(?:\uFEFF)?ER {2}-/gm)?.length ?? 0);
    }
    expect(load("asysd/zotero_export.bib").records).toHaveLength(text("asysd/zotero_export.bib").match(/^@\w+\{/gm)?.length ?? 0);
    for (const rel of ["asysd/zotero_export.xml", "asysd/mendeley_export.xml"]) {
      expect(load(rel).records).toHaveLength(text(rel).split("<record>").length - 1);
    }
  });

  it("Zotero RIS and BibTeX give the same 1,000 records with the same fields", () => {
    const ris = load("asysd/zotero_export.ris").records;
    const bib = load("asysd/zotero_export.bib").records;
    expect(ris).toHaveLength(1000);
    expect(bib).toHaveLength(1000);
    ris.forEach((r, i) => {
      const b = bib[i];
      expect(b.title, `record ${i}`).toBe(r.title);
      expect(b.doi, `record ${i}`).toBe(r.doi);
      expect(b.year, `record ${i}`).toBe(r.year);
      expect(b.authors.map((a) => a.normalized), `record ${i}`).toEqual(r.authors.map((a) => a.normalized));
      expect([b.volume, b.issue, b.startPage, b.endPage, b.language], `record ${i}`).toEqual([r.volume, r.issue, r.startPage, r.endPage, r.language]);
      // BibTeX joins lines with spaces and reads '' as a closing quote (TeX); RIS keeps both as written.
      const plain = (s?: string) => s?.replace(/\s+/g, " ").replace(/''|``|[\u201c\u201d]/g, '"').replace(/--/g, "\u2013");
      expect(plain(b.abstract), `record ${i}`).toBe(plain(r.abstract));
    });
  });

  it("keeps SICI DOIs whole (< > ; :) in every format Zotero exports", () => {
    const sici = "10.1002/(sici)1098-2795(199907)53:3<266::aid-mrd2>3.0.co;2-6";
    for (const rel of ["asysd/zotero_export.ris", "asysd/zotero_export.bib"]) {
      expect(load(rel).records.filter((r) => r.doi === sici), rel).toHaveLength(1);
    }
    // Every RIS DO field that holds a bare DOI comes through whole, only lower-cased.
    for (const rel of ["asysd/zotero_export.ris", "asysd/ris_export.txt", "asysd/scopus.ris", "asysd/wos_test.ris"]) {
      for (const r of load(rel).records) {
        const raw = r.raw.DO?.[0]?.trim();
        if (raw && /^10\.\S+$/.test(raw) && !/[.,]$/.test(raw)) expect(r.doi, rel).toBe(raw.toLowerCase());
      }
    }
  });

  it("Zotero CSV and Zotero EndNote XML give the same 1,233 records with the same fields", () => {
    const csv = load("asysd/zotero_export.csv").records;
    const xml = load("asysd/zotero_export.xml").records;
    expect(csv).toHaveLength(1233);
    expect(xml).toHaveLength(1233);
    csv.forEach((c, i) => {
      const x = xml[i];
      const pick = (r: BibRecord) => [r.title, r.doi, r.year, r.journal, r.journalAbbrev, r.volume, r.issue, r.pages, r.issn, r.language, r.keywords];
      expect(pick(x), `record ${i}`).toEqual(pick(c));
      expect(x.authors, `record ${i}`).toEqual(c.authors);
    });
  });

  it("Zotero CSV and Mendeley EndNote XML give the same 1,233 records (in another order)", () => {
    const csv = load("asysd/zotero_export.csv").records;
    const mendeley = load("asysd/mendeley_export.xml").records;
    expect(mendeley).toHaveLength(1233);
    const byTitle = new Map<string, BibRecord[]>();
    for (const m of mendeley) byTitle.set(foldText(m.title), [...(byTitle.get(foldText(m.title)) ?? []), m]);
    const used = new Set<BibRecord>();
    const pageDifferences: string[] = [];
    for (const c of csv) {
      const candidates = (byTitle.get(foldText(c.title)) ?? []).filter((m) => !used.has(m));
      const m = candidates.find((x) => x.doi === c.doi && x.year === c.year) ?? candidates[0];
      expect(m, c.title).toBeDefined();
      used.add(m);
      expect([m.title, m.doi, m.year, m.volume, m.issue], c.title).toEqual([c.title, c.doi, c.year, c.volume, c.issue]);
      expect(m.authors.map((a) => a.normalized), c.title).toEqual(c.authors.map((a) => a.normalized));
      if (m.startPage !== c.startPage || m.endPage !== c.endPage) pageDifferences.push(`${c.title}: ${c.pages} | ${m.pages}`);
    }
    expect(used.size).toBe(1233);
    // The exports themselves disagree here (page order, a missing article number), not the parsers.
    expect(pageDifferences).toEqual([
      "Massive Dracunculus insignis infection in a dog.: 366-368, 351 | 351,366-368",
      "Hypercalcemia and high parathyroid hormone-related protein concentration associated with malignant melanoma in a dog.: 263-265, 240 | 240,263-265",
      "Isolation of necrotoxigenic Escherichia coli from a dog with hemorrhagic pneumonia.: 2016-2019, 2001 | 2001,2016-2019",
      "Phylogenetic challenges in a recently diversified and polyploid-rich Alyssum (Brassicaceae) lineage: low divergence, reticulation and parallel polyploid speciation.: qpad035 | undefined",
    ]);
  });

  it("writes every real export as RIS and CSV that read back to the same normalised fields", () => {
    for (const [rel, result] of results) {
      const asRis = parseBuffer(new TextEncoder().encode(writeRis(result.records))).records;
      expect(asRis.map((r) => normalisedFields(r)), rel).toEqual(result.records.map((r) => normalisedFields(r, true)));
      const asCsv = parseBuffer(new TextEncoder().encode(writeCsv(result.records))).records;
      expect(asCsv.map((r) => normalisedFields(r)), rel).toEqual(result.records.map((r) => normalisedFields(r)));
    }
  });

  it.skipIf(!existsSync(path.join(root, "dedup/asysd_labelled_test_set.csv")))("reads the Latin-1 labelled dedup set: 1,845 records", () => {
    const result = parseBuffer(new Uint8Array(readFileSync(path.join(root, "dedup/asysd_labelled_test_set.csv"))));
    expect(result.encoding).toBe("latin1");
    expect(result.records).toHaveLength(1845);
    expect(result.records[0]).toMatchObject({ title: "Intestinal lipoprotein overproduction in insulin-resistant states", doi: "10.1097/mol.0b013e3282ffaf82", year: 2008 });
    expect(result.records[0].authors.map((a) => a.normalized)).toEqual(["adeli k", "lewis gf"]);
    // Its only non-ASCII character is "©" (byte 0xA9), 509 times, at the end of abstracts.
    expect(result.records.filter((r) => r.abstract?.includes("©")).length).toBeGreaterThan(400);
    expect(result.records.some((r) => /[\u0080-\u009f\ufffd]/.test(r.title + (r.abstract ?? "")))).toBe(false);
  });
});
