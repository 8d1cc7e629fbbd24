import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBibtexParser } from "./bibtex";
import { parseBuffer } from "./parse";
import type { BibRecord } from "./record";
import { normalisedFields } from "./round-trip";
import { writeCsv } from "./write-csv";
import { risTypeOf, writeRis } from "./write-ris";

const dir = path.join(__dirname, "testdata");
let records: BibRecord[] = [];

beforeAll(async () => {
  await loadBibtexParser();
  records = readdirSync(dir).flatMap((f) => parseBuffer(new Uint8Array(readFileSync(path.join(dir, f)))).records);
});

const encode = (text: string) => new TextEncoder().encode(text);

describe("writeRis", () => {
  it("round-trips every normalised field of every test fixture (MeSH comes back as keywords)", () => {
    expect(records.length).toBeGreaterThan(15);
    const text = writeRis(records);
    const back = parseBuffer(encode(text));
    expect(back.format).toBe("ris");
    expect(back.warnings).toEqual([]);
    expect(back.records.map((r) => normalisedFields(r))).toEqual(records.map((r) => normalisedFields(r, true)));
  });

  it("writes tags EndNote and Zotero read, CRLF, and indents continuation lines that look like tags", () => {
    const text = writeRis([
      { title: "T", authors: [{ family: "World Health Organization", given: "", normalized: "" }], abstract: "One\nER - not the end", keywords: [], mesh: [], raw: {}, pages: "21-8" },
    ]);
    expect(text).toBe("TY  - JOUR\r\nTI  - T\r\nAU  - World Health Organization,\r\nSP  - 21-8\r\nAB  - One\r\n  ER - not the end\r\nER  - \r\n\r\n");
    expect(parseBuffer(encode(text)).records[0].abstract).toBe("One\nER - not the end");
  });

  it("maps publication types to RIS codes", () => {
    expect(risTypeOf("Journal Article")).toBe("JOUR");
    expect(risTypeOf("inproceedings")).toBe("CPAPER");
    expect(risTypeOf("Book Section")).toBe("CHAP");
    expect(risTypeOf("THES")).toBe("THES");
  });
});

describe("writeCsv", () => {
  it("round-trips every normalised field through Sieve's own CSV", () => {
    const back = parseBuffer(encode(writeCsv(records)));
    expect(back.format).toBe("csv");
    expect(back.records.map((r) => normalisedFields(r))).toEqual(records.map((r) => normalisedFields(r)));
  });

  it("writes a header, extra columns, a BOM for Excel, and defuses formulas", () => {
    const csv = writeCsv([{ title: "=HYPERLINK(1)", authors: [], keywords: ["a", "b"], mesh: [], raw: {} }], {
      extraColumns: [{ header: "reason", value: () => "wrong population" }],
    });
    const [header, row] = csv.split("\r\n");
    expect(header.startsWith("\uFEFFtitle,authors,year,journal")).toBe(true);
    expect(header.endsWith(",reason")).toBe(true);
    expect(row.startsWith(`"'=HYPERLINK(1)"`)).toBe(true);
    expect(row).toContain("a; b");
    expect(parseBuffer(encode(csv)).records[0].title).toBe("=HYPERLINK(1)");
  });
});
