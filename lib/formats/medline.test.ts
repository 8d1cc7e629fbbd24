import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMedline } from "./medline";
import { parseBuffer } from "./parse";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

describe("parseMedline", () => {
  it("reads a PubMed .nbib export", () => {
    const { format, records, warnings } = parseBuffer(bytes("pubmed.nbib"));
    expect(format).toBe("medline");
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
    const [a, b] = records;
    expect(a.pmid).toBe("35319117");
    expect(a.title).toBe("Myoclonus in older Cavalier King Charles Spaniels: a retrospective case series of thirty-nine dogs.");
    // Structured abstracts stay whole, in one field.
    expect(a.abstract).toMatch(/^BACKGROUND: Myoclonus .* OBJECTIVES: .* CONCLUSIONS AND CLINICAL IMPORTANCE: Myoclonus occurs in older CKCS\.$/);
    expect(a.authors.map((x) => [x.family, x.given, x.normalized])).toEqual([
      ["Rotter", "Carina", "rotter c"],
      ["Whittaker", "Danielle", "whittaker d"],
      ["Rusbridge", "Clare", "rusbridge c"],
      ["CKCS Study Group", "", "ckcs study group"],
    ]);
    expect(a).toMatchObject({ year: 2022, journal: "Journal of veterinary internal medicine", journalAbbrev: "J Vet Intern Med", volume: "36", issue: "3" });
    expect(a).toMatchObject({ pages: "1032-8", startPage: "1032", endPage: "1038", doi: "10.1111/jvim.16404", pmcid: "PMC9151483", issn: "1939-1676" });
    expect(a.mesh).toEqual(["Animals", "*Dog Diseases/diagnostic imaging", "Dogs", "*Myoclonus/veterinary"]);
    expect(a.keywords).toEqual(["involuntary movement", "levetiracetam"]);
    expect(a.raw.PT).toEqual(["Journal Article", "Research Support, Non-U.S. Gov't"]);
    expect(a.raw.IS).toEqual(["1939-1676 (Electronic)", "0891-6640 (Linking)"]);
    expect(b.doi).toBe("10.1016/j.cvsm.2006.08.002"); // from AID when there is no LID
    expect(b.authors[1]).toEqual({ family: "Núñez", given: "José Ángel", normalized: "nunez ja" });
    expect(b).toMatchObject({ pages: "1137-46, vii", startPage: "1137", endPage: "1146" });
  });

  it("reads a single record with no blank line at the end", () => {
    const { records } = parseBuffer(bytes("pubmed-single.txt"));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ pmid: "123456", doi: "10.1000/single", year: 1999 });
  });

  it("starts a new record at a second PMID even without a blank line", () => {
    const { records } = parseMedline("PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n");
    expect(records.map((r) => r.pmid)).toEqual(["1", "2"]);
  });

  it("warns, with the line, about lines that are neither tags nor continuations", () => {
    const { records, warnings } = parseMedline("PMID- 1\nTI  - One\nstray text\n");
    expect(records[0].title).toBe("One stray text");
    expect(warnings[0].line).toBe(3);
  });
});
