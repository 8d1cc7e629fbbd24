import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";
import { detectColumnMapping } from "./csv-mapping";
import { parseBuffer } from "./parse";
import { ParseError } from "./record";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

describe("detectColumnMapping", () => {
  it("recognises Scopus, Embase, Web of Science, Zotero and EndNote headers", () => {
    expect(detectColumnMapping(["Authors", "Author full names", "Title", "Year", "Source title", "DOI", "EID"])).toMatchObject({
      preset: "scopus",
      mapping: { authors: ["Author full names", "Authors"], journal: "Source title", doi: "DOI" },
      sourceDatabase: "Scopus",
    });
    expect(detectColumnMapping(["Title", "Author Names", "Source title", "Publication Year", "Medline PMID", "Embase Accession ID"])).toMatchObject({
      preset: "embase",
      mapping: { authors: "Author Names", year: "Publication Year", pmid: "Medline PMID" },
    });
    expect(detectColumnMapping(["Publication Type", "Authors", "Author Full Names", "Article Title", "Source Title", "UT (Unique WOS ID)"])).toMatchObject({
      preset: "wos",
      mapping: { title: "Article Title", authors: ["Author Full Names", "Authors"] },
    });
    expect(detectColumnMapping(["Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title", "Abstract Note"])).toMatchObject({
      preset: "zotero",
      mapping: { abstract: "Abstract Note", journal: "Publication Title" },
    });
    expect(detectColumnMapping(["Reference Type", "Author", "Year", "Title", "Secondary Title", "Name of Database"]).preset).toBe("endnote");
  });

  it("falls back to common column names and lists what it could not map", () => {
    const d = detectColumnMapping(["author", "title", "year", "journal", "doi", "record_id"]);
    expect(d.preset).toBe("generic");
    expect(d.mapping).toMatchObject({ authors: "author", title: "title", year: "year", journal: "journal", doi: "doi" });
    expect(d.unmapped).toEqual(["record_id"]);
  });
});

describe("parseCsv", () => {
  it("reads a Scopus CSV with author IDs, article numbers and split pages", () => {
    const { format, records } = parseBuffer(bytes("scopus.csv"));
    expect(format).toBe("csv");
    expect(records[0].authors.map((a) => [a.family, a.given])).toEqual([["Furlanello", "Tommaso"], ["Masti", "Roberta"]]);
    expect(records[0]).toMatchObject({ doi: "10.3390/ani15010003", pmid: "39795001", issn: "2076-2615", pages: "3", sourceDatabase: "Scopus" });
    expect(records[0].keywords).toEqual(["LC-MS/MS", "taurine", "dog"]);
    expect(records[1]).toMatchObject({ pages: "101-8", startPage: "101", endPage: "108" });
  });

  it("reads a Latin-1 CSV without mangling accents", () => {
    const { encoding, records, warnings } = parseBuffer(bytes("latin1.csv"));
    expect(encoding).toBe("latin1");
    expect(warnings[0].message).toMatch(/not valid UTF-8 \(first at byte \d+\)/);
    expect(records[0].title).toBe("Effets de la café sur le cœur [French]");
    expect(records[0].authors.map((a) => a.normalized)).toEqual(["grondahl a", "levy bf"]);
    expect(records[0]).toMatchObject({ journal: "Rev Méd", issue: "2", sourceDatabase: "Embase" });
  });

  it("accepts an explicit mapping", () => {
    const text = "Heading;Writers;When\nA title;Smith, J; 2001\n";
    const { records } = parseCsv(text, { mapping: { title: "Heading", authors: "Writers", year: "When" } });
    expect(records[0]).toMatchObject({ title: "A title", year: 2001, authors: [{ family: "Smith", given: "J" }] });
  });

  it("names the line of an unclosed quote", () => {
    const text = 'title,author\n"ok",A\n"never closed,B\nmore,C\n';
    expect(() => parseBuffer(new TextEncoder().encode(text))).toThrow(new ParseError(`a quoted field is never closed: expected a closing '"'`, 3));
  });

  it("refuses a CSV without a title or author column", () => {
    expect(() => parseCsv("x,y\n1,2\n")).toThrow(/no title or author column/);
  });
});
