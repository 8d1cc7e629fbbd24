import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuffer } from "./parse";
import { parseRis } from "./ris";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

describe("parseRis", () => {
  it("reads an Embase export: BOM, CRLF, A1/T1/Y1/N2/JF/JA, Link to… lines, no final ER", () => {
    const result = parseBuffer(bytes("embase.ris"));
    expect(result.format).toBe("ris");
    expect(result.records).toHaveLength(3);
    const [a, b, c] = result.records;
    expect(a.title).toBe("Outcome measures after shoulder stabilization: a systematic review");
    expect(a.authors.map((x) => x.normalized)).toEqual(["fanning e", "muller ludenscheidt jp"]);
    expect(a.year).toBe(2020);
    expect(a.abstract).toBe("Background: athletes need stable shoulders.\nMethods: we searched three databases.\nResults: 12 studies.");
    expect(a.keywords).toEqual(["*athlete", "biomechanics"]);
    expect(a).toMatchObject({ journal: "Orthopaedic Journal of Sports Medicine", journalAbbrev: "Orthop. J. Sports Med.", volume: "8", issue: "9" });
    expect(a).toMatchObject({ pages: "232-9", startPage: "232", endPage: "239", doi: "10.1177/2325967120950040", issn: "2325-9671" });
    expect(a.raw.XX).toEqual(["an unknown tag"]);
    expect(a.raw["Link to"]).toEqual(["Link to the Ovid Full Text or citation: https://ovidsp.example.org/record/1"]);
    expect(a.raw.DO).toEqual(["http://dx.doi.org/10.1177/2325967120950040"]);
    expect(b.doi).toBe("10.1000/xyz-123"); // from the L2 resolver link, trailing "." dropped
    expect(b.publicationType).toBe("CONF");
    expect(c.title).toBe("The last record has no ER");
    expect(c.authors[0]).toEqual({ family: "Jones", given: "Ann B.", normalized: "jones ab" });
    expect(result.warnings).toEqual([{ line: 1, message: "2 line(s) outside any record ignored (headers, numbering)" }]);
  });

  it("treats lines that are not tags as continuations, even when they start with ER", () => {
    const text = "TY  - JOUR\nN2  - first line,\nER then second line\nN1  - note\n      * second\nER  -\n";
    const [r] = parseRis(text).records;
    expect(r.abstract).toBe("first line,\nER then second line");
    expect(r.raw.N1).toEqual(["note\n* second"]);
  });

  it("splits EndNote keyword continuation lines into keywords and reads T2/J2/AN/C2", () => {
    const text = "TY  - JOUR\r\nTI  - A\r\nKW  - Access\r\nCancer\r\nT2  - Frontiers\r\nJ2  - Front.\r\nAN  - 12345678\r\nC2  - PMC123456\r\nER  - \r\n";
    const [r] = parseRis(text).records;
    expect(r.keywords).toEqual(["Access", "Cancer"]);
    expect(r).toMatchObject({ journal: "Frontiers", journalAbbrev: "Front.", pmid: "12345678", pmcid: "PMC123456" });
  });

  it("splits lines on lone CR, as Web of Science RIS does", () => {
    const [r] = parseRis("TY  - JOUR\nAD  - Univ A\rAD  - Univ B\nTI  - T\nER  -").records;
    expect(r.raw.AD).toEqual(["Univ A", "Univ B"]);
  });

  it("warns about a record without ER before the next TY, with its line", () => {
    const { records, warnings } = parseRis("TY  - JOUR\nTI  - One\nTY  - JOUR\nTI  - Two\nER  - \n");
    expect(records.map((r) => r.title)).toEqual(["One", "Two"]);
    expect(warnings[0]).toMatchObject({ line: 3 });
  });

  it("keeps Scopus M3 as the publication type and DB as the source", () => {
    const [r] = parseRis("TY  - JOUR\nTI  - T\nM3  - Article\nDB  - Scopus\nER  - ").records;
    expect(r).toMatchObject({ publicationType: "Article", sourceDatabase: "Scopus" });
  });
});
