import { describe, expect, it } from "vitest";
import { decodeBytes, detectFormat } from "./detect";
import { parseBuffer } from "./parse";
import { ParseError } from "./record";

const ris = "TY  - JOUR\r\nTI  - Café Ωmega\r\nAU  - Núñez, J\r\nER  - \r\n";

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = (bom ? "\uFEFF" : "") + text;
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 0xff;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

describe("decodeBytes", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode(ris), "utf-8"],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(ris)]), "utf-8"],
    ["UTF-16 LE with BOM", utf16(ris, false, true), "utf-16le"],
    ["UTF-16 BE with BOM", utf16(ris, true, true), "utf-16be"],
    ["UTF-16 LE without BOM", utf16(ris, false, false), "utf-16le"],
    ["UTF-16 BE without BOM", utf16(ris, true, false), "utf-16be"],
  ])("%s", (_name, bytes, encoding) => {
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(ris);
    expect(parseBuffer(bytes).records[0].title).toBe("Café Ωmega");
  });

  it("falls back to Latin-1 (Windows-1252) and says where UTF-8 broke", () => {
    const bytes = new Uint8Array([0x54, 0x49, 0x20, 0xe9, 0x20, 0x80, 0x9c, 0x92]);
    const decoded = decodeBytes(bytes);
    expect(decoded).toMatchObject({ encoding: "latin1", text: "TI é €œ’" });
    expect(decoded.warnings[0].message).toContain("byte 3");
  });
});

describe("detectFormat", () => {
  it.each([
    ["TY  - JOUR\nER  - \n", "ris"],
    ["Record #1 of 2\nProvider: X\n1.\nTY  - JOUR\n", "ris"],
    ["PMID- 123\nOWN - NLM\nTI  - x\n", "medline"],
    ["\nPMID- 123\n", "medline"],
    ["FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", "wos"],
    ["PT J\nAU Cao, WX\nER\n", "wos"],
    ["PT\tAU\tTI\tSO\tUT\nJ\tA\tB\tC\tD\n", "wos-tab"],
    ['% comment\n@article{key,\n title = {x}}\n', "bibtex"],
    ['<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet>', "pubmed-xml"],
    ['<?xml version="1.0" encoding="UTF-8"?><xml><records><record>', "endnote-xml"],
    ["title,author,year\nA,B,2000\n", "csv"],
    ["Title\tAuthor\nA\tB\n", "csv"],
  ])("%j → %s", (text, format) => expect(detectFormat(text)).toBe(format));

  it("returns undefined for prose", () => expect(detectFormat("Dear reviewer, here are my references.")).toBeUndefined());
});

describe("parseBuffer errors", () => {
  const enc = (t: string) => new TextEncoder().encode(t);
  it("refuses empty and blank files", () => {
    expect(() => parseBuffer(new Uint8Array())).toThrow(new ParseError("the file is empty"));
    expect(() => parseBuffer(enc(" \r\n\t\n"))).toThrow(/empty/);
  });
  it("names line 1 and what was expected for an unknown format", () => {
    expect(() => parseBuffer(enc("Dear reviewer,\nhere are my references."))).toThrow(/^line 1: unrecognised format: expected RIS/);
  });
  it("refuses files with zero records", () => {
    expect(() => parseBuffer(enc("<?xml version=\"1.0\"?><xml><records></records></xml>"))).toThrow(/no EndNote XML records found/);
    expect(() => parseBuffer(enc("title,author\n"))).toThrow(/no records found in this CSV\/TSV file/);
    expect(() => parseBuffer(enc("just words\n"), { format: "ris" })).toThrow(/no RIS records found: expected tag lines/);
  });
  it("refuses binary data with its byte offset", () => {
    expect(() => parseBuffer(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x00]))).toThrow(ParseError);
  });
  it("warns when the extension disagrees with the content", () => {
    const { format, warnings } = parseBuffer(enc("FN Web of Science\nVR 1.0\nPT J\nTI A\nER\nEF\n"), { fileName: "example_wos.ris" });
    expect(format).toBe("wos");
    expect(warnings[0].message).toMatch(/named \.ris but its content is Web of Science plain text/);
  });
});
