import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBibtexParser } from "./bibtex";
import { parseBuffer } from "./parse";
import { ParseError } from "./record";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

beforeAll(() => loadBibtexParser());

describe("parseBibtex", () => {
  it("decodes LaTeX accents, braces, @string and BibLaTeX fields", () => {
    const { format, records, warnings } = parseBuffer(bytes("accents.bib"));
    expect(format).toBe("bibtex");
    expect(warnings).toEqual([]);
    const [a, b] = records;
    expect(a.title).toBe("Café Müller and the Cocker Spaniel: in vivo results");
    expect(a.authors).toEqual([
      { family: "Müller", given: "Jörg", normalized: "muller j" },
      { family: "van der Berg", given: "Jan", normalized: "van der berg j" },
      { family: "World Health Organization", given: "", normalized: "world health organization" },
    ]);
    expect(a).toMatchObject({ journal: "Journal of Veterinary Internal Medicine", year: 2020, volume: "34", issue: "2", pages: "21-8", endPage: "28" });
    expect(a.doi).toBe("10.1111/jvim.15700");
    expect(a.keywords).toEqual(["dogs", "heart"]);
    expect(a.abstract).toBe("First line second line with 50% and &.");
    expect(b).toMatchObject({ title: "A BibLaTeX entry", journal: "Veterinary Record", year: 2021, pmid: "33712345" });
    expect(b.raw["@key"]).toEqual(["biblatex_2021"]);
  });

  it("keeps readable entries and warns, with the line, about a broken one", () => {
    const text = "@article{a, title={Good}}\n\n@article{b, title={Unclosed}\n";
    const { records, warnings } = parseBuffer(new TextEncoder().encode(text));
    expect(records[0].title).toBe("Good");
    expect(warnings[0].line).toBeGreaterThanOrEqual(3);
  });

  it("refuses a file with no readable entry", () => {
    expect(() => parseBuffer(new TextEncoder().encode("@article{"), { format: "bibtex" })).toThrow(ParseError);
  });

  it("keeps raw < and > in text as written (the library's OT1 reading makes p<0.05 into p¡0.05), also beside LaTeX", () => {
    const text = "@article{a, title={Bone loss at p<0.05 and >10 weeks}, abstract={Caf{\\'e} rats, p < 0.001}, doi={10.1002/(SICI)1098-2795(199907)53:3<266::AID-MRD2>3.0.CO;2-6}}\n";
    const [a] = parseBuffer(new TextEncoder().encode(text), { format: "bibtex" }).records;
    expect(a.title).toBe("Bone loss at p<0.05 and >10 weeks");
    expect(a.abstract).toBe("Café rats, p < 0.001");
    expect(a.doi).toBe("10.1002/(sici)1098-2795(199907)53:3<266::aid-mrd2>3.0.co;2-6");
  });

  it("reads a CRLF file like its LF twin: a wrapped author list stays two people", () => {
    const lf = "@article{a,\n  author = {Smith, J.\n and Doe, K.},\n  title = {Wrapped},\n  note = {one\n two}\n}\n";
    const [fromLf] = parseBuffer(new TextEncoder().encode(lf), { format: "bibtex" }).records;
    const [fromCrlf] = parseBuffer(new TextEncoder().encode(lf.replace(/\n/g, "\r\n")), { format: "bibtex" }).records;
    expect(fromCrlf.authors.map((x) => [x.family, x.given])).toEqual([["Smith", "J."], ["Doe", "K."]]);
    expect({ ...fromCrlf, raw: undefined }).toEqual({ ...fromLf, raw: undefined });
  });
});
