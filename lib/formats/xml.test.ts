import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEndnoteXml } from "./endnote-xml";
import { parseBuffer } from "./parse";
import { ParseError } from "./record";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

describe("parsePubmedXml", () => {
  it("reads PubmedArticleSet with markup, structured abstracts, group authors and MeSH", () => {
    const { format, records } = parseBuffer(bytes("pubmed.xml"));
    expect(format).toBe("pubmed-xml");
    expect(records).toHaveLength(2);
    const [a, b] = records;
    expect(a.title).toBe("Myoclonus in older Cavalier King Charles Spaniels & CO2.");
    expect(a.abstract).toBe("BACKGROUND: Myoclonus is observed in older CKCS. CONCLUSIONS: Myoclonus occurs in older CKCS.");
    expect(a.authors.map((x) => x.normalized)).toEqual(["rotter c", "nunez ja", "ckcs study group"]);
    expect(a).toMatchObject({ pmid: "35319117", pmcid: "PMC9151483", doi: "10.1111/jvim.16404", year: 2022, issn: "1939-1676", volume: "36", issue: "3" });
    expect(a.mesh).toEqual(["Animals", "*Dog Diseases/diagnostic imaging"]);
    expect(a.keywords).toEqual(["levetiracetam"]);
    expect(a.raw["PubmedData/ArticleIdList/ArticleId@IdType"]).toEqual(["pubmed", "pmc", "doi"]);
    expect(b).toMatchObject({ year: 2006, doi: "10.1016/j.cvsm.2006.08.002", startPage: "1137", endPage: "1146" });
  });

  it("names the line of malformed XML", () => {
    const broken = new TextEncoder().encode("<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation>\n</PubmedArticle>\n");
    expect(() => parseBuffer(broken)).toThrow(ParseError);
    expect(() => parseBuffer(broken)).toThrow(/^line 4: malformed XML/);
  });
});

describe("parseEndnoteXml", () => {
  it("reads EndNote XML, joining <style> runs", () => {
    const { format, records } = parseBuffer(bytes("endnote.xml"));
    expect(format).toBe("endnote-xml");
    const [a, b] = records;
    expect(a.title).toBe("Myoclonus in older Cavalier King Charles Spaniels & dogs");
    expect(a.authors.map((x) => [x.family, x.given])).toEqual([["Rotter", "Carina"], ["Núñez", "José"]]);
    expect(a).toMatchObject({ journal: "Journal of veterinary internal medicine", journalAbbrev: "J Vet Intern Med", issue: "3", pages: "1032-8" });
    expect(a).toMatchObject({ doi: "10.1111/jvim.16404", pmid: "35319117", pmcid: "PMC9151483", issn: "1939-1676", sourceDatabase: "MEDLINE" });
    expect(a.abstract).toBe("BACKGROUND: Myoclonus is observed.\nCONCLUSIONS: It occurs.");
    expect(a.publicationType).toBe("Journal Article");
    expect(b.authors).toEqual([{ family: "World Health Organization", given: "", normalized: "world health organization" }]);
  });

  it("streams chunks", () => {
    const text = readFileSync(path.join(__dirname, "testdata", "endnote.xml"), "utf8");
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    expect(parseEndnoteXml(chunks).records.map((r) => r.title)).toEqual(parseEndnoteXml(text).records.map((r) => r.title));
  });
});
