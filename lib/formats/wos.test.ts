import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuffer } from "./parse";

const bytes = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, "testdata", name)));

describe("Web of Science", () => {
  it("reads plain text (FN/VR … ER/EF) with list continuations", () => {
    const { format, records, warnings } = parseBuffer(bytes("wos.txt"));
    expect(format).toBe("wos");
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
    const [a, b] = records;
    expect(a.title).toBe("Interactions stabilizing the structure of the core light-harvesting complex (LH1) of photosynthetic bacteria");
    expect(a.authors.map((x) => [x.family, x.given, x.normalized])).toEqual([
      ["Parkes-Loach", "Pamela S.", "parkes loach ps"],
      ["Majeed", "Aisha P.", "majeed ap"],
    ]);
    expect(a.raw.AU).toEqual(["Parkes-Loach, PS", "Majeed, AP"]);
    expect(a.keywords).toEqual(["light harvesting", "bacteriochlorophyll", "CHEMICALLY SYNTHESIZED POLYPEPTIDES", "IN-VITRO RECONSTITUTION"]);
    expect(a).toMatchObject({ doi: "10.1021/bi049798f", pmid: "15170338", year: 2004, pages: "7003-7016", journalAbbrev: "Biochemistry", sourceDatabase: "Web of Science" });
    expect(b).toMatchObject({ pages: "e7017", authors: [{ family: "Cao", given: "WX", normalized: "cao wx" }] });
  });

  it("reads tab-delimited exports without treating quotes as CSV quoting", () => {
    const { format, records } = parseBuffer(bytes("wos-tab.txt"));
    expect(format).toBe("wos-tab");
    expect(records).toHaveLength(2);
    expect(records[0].title).toBe('"Quoted" title of a WoS record');
    expect(records[0].authors.map((a) => a.normalized)).toEqual(["parkes loach ps", "majeed ap"]);
    expect(records[1]).toMatchObject({ title: "Second record", startPage: "7017", endPage: "7027" });
  });
});
