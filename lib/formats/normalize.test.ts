import { describe, expect, it } from "vitest";
import { foldText, formatAuthor, parseAuthorName, splitAuthorList } from "./authors";
import { doiFromUrl, extractPmcid, extractPmid, normalizeDoi, normalizeIssn } from "./identifiers";
import { extractYear, splitPages } from "./pages";

describe("normalizeDoi", () => {
  it.each([
    ["10.1000/ABC", "10.1000/abc"],
    ["https://doi.org/10.1000/ABC.", "10.1000/abc"],
    ["http://dx.doi.org/10.1177/2325967120950040", "10.1177/2325967120950040"],
    ["doi:10.1000/xyz;", "10.1000/xyz"],
    ["DOI: 10.1000/xyz,", "10.1000/xyz"],
    ["10.1111/jvim.16404 [doi]", "10.1111/jvim.16404"],
    ["doi.org/10.1016/0014-5793(81)80778-8", "10.1016/0014-5793(81)80778-8"],
    ["(10.1000/in-brackets)", "10.1000/in-brackets"],
    ["10.3390%2fani15010003", "10.3390/ani15010003"],
    ["10.1002/(SICI)1098-2795(199907)53:3<266::AID-MRD2>3.0.CO;2-6", "10.1002/(sici)1098-2795(199907)53:3<266::aid-mrd2>3.0.co;2-6"],
    ["see 10.1002/(SICI)1097-4636(199706)35:4<513::AID-JBM11>3.0.CO;2-P.", "10.1002/(sici)1097-4636(199706)35:4<513::aid-jbm11>3.0.co;2-p"],
    ["<https://doi.org/10.1000/angled>", "10.1000/angled"],
    ["\"10.1000/quoted\",", "10.1000/quoted"],
    ["10.1000/[bracketed]", "10.1000/[bracketed]"],
  ])("%s → %s", (input, expected) => expect(normalizeDoi(input)).toBe(expected));

  it("returns undefined for text that holds no DOI", () => {
    expect(normalizeDoi("DOI 1")).toBeUndefined();
    expect(normalizeDoi("")).toBeUndefined();
  });

  it("reads DOIs from resolver URLs only", () => {
    expect(doiFromUrl("https://doi.org/10.1000/X")).toBe("10.1000/x");
    expect(doiFromUrl("https://onlinelibrary.wiley.com/doi/abs/10.1002/ebm2.15")).toBeUndefined();
  });
});

describe("identifiers", () => {
  it("extracts PMIDs, PMCIDs and ISSNs", () => {
    expect(extractPmid("35319117")).toBe("35319117");
    expect(extractPmid("PMID: 123456\nPMCID: PMC1")).toBe("123456");
    expect(extractPmid("WOS:000221807500019")).toBeUndefined();
    expect(extractPmcid("PMC9151483")).toBe("PMC9151483");
    expect(extractPmcid("pmc 9151483")).toBe("PMC9151483");
    expect(normalizeIssn("20762615 (ISSN)")).toBe("2076-2615");
    expect(normalizeIssn("0964-6906 (Print)0964-6906")).toBe("0964-6906");
    expect(normalizeIssn("1526-632x (Electronic)")).toBe("1526-632X");
    expect(normalizeIssn("978-3-16-148410-0")).toBeUndefined();
  });
});

describe("parseAuthorName", () => {
  it.each([
    ["Smith, John A.", "Smith", "John A.", "smith ja"],
    ["Shannon,Claude E.", "Shannon", "Claude E.", "shannon ce"],
    ["Smith JA", "Smith", "JA", "smith ja"],
    ["Gan L. M.", "Gan", "L. M.", "gan lm"],
    ["John A. Smith", "Smith", "John A.", "smith ja"],
    ["Ludwig van Beethoven", "van Beethoven", "Ludwig", "van beethoven l"],
    ["Müller-Lüdenscheidt, Jean-Pierre", "Müller-Lüdenscheidt", "Jean-Pierre", "muller ludenscheidt jp"],
    ["O'Brien, Seán", "O'Brien", "Seán", "obrien s"],
    ["Häggström, J", "Häggström", "J", "haggstrom j"],
    ["World Health Organization,", "World Health Organization", "", "world health organization"],
    ["Author 1", "Author 1", "", "author 1"],
    ["Smith, John, Jr.", "Smith", "John, Jr.", "smith j"],
  ])("%s", (input, family, given, normalized) => {
    expect(parseAuthorName(input)).toEqual({ family, given, normalized });
  });

  it("formats authors so that they parse back", () => {
    for (const name of ["Smith, John A.", "World Health Organization,", "Plato"]) {
      const a = parseAuthorName(name);
      expect(parseAuthorName(formatAuthor(a))).toEqual(a);
    }
  });

  it("folds diacritics and special letters", () => {
    expect(foldText("Søren Łukasz Straße Œuvre")).toBe("soren lukasz strasse oeuvre");
  });

  it("splits author lists from CSV cells", () => {
    expect(splitAuthorList("Rotter, Carina; Whittaker, Danielle")).toEqual(["Rotter, Carina", "Whittaker, Danielle"]);
    expect(splitAuthorList("Smith J., Jones A.B.")).toEqual(["Smith J.", "Jones A.B."]);
    expect(splitAuthorList("Smith, J., Jones, A.B.")).toEqual(["Smith, J.", "Jones, A.B."]);
    expect(splitAuthorList("Adeli K.Lewis G. F.")).toEqual(["Adeli K.", "Lewis G. F."]);
    expect(splitAuthorList("A//B")).toEqual(["A", "B"]);
  });
});

describe("splitPages", () => {
  it.each([
    ["21-8", "21", "28"],
    ["1535-41", "1535", "1541"],
    ["134--137", "134", "137"],
    ["134–137", "134", "137"],
    ["S12-4", "S12", "S14"],
    ["S62-67", "S62", "S67"],
    ["1137-46, vii", "1137", "1146"],
    ["iii-iv", "iii", "iv"],
  ])("%s → %s, %s", (pages, startPage, endPage) => {
    expect(splitPages(pages)).toEqual({ pages, startPage, endPage });
  });

  it("keeps single pages and article numbers as the start", () => {
    expect(splitPages("e0815")).toEqual({ pages: "e0815", startPage: "e0815" });
    expect(splitPages(undefined)).toEqual({});
  });

  it("joins separate start and end tags", () => {
    expect(splitPages("379", "423")).toEqual({ pages: "379-423", startPage: "379", endPage: "423" });
    expect(splitPages("101", "8")).toEqual({ pages: "101-8", startPage: "101", endPage: "108" });
  });
});

describe("extractYear", () => {
  it.each([
    ["2022 May", 2022],
    ["1999/08//undefined", 1999],
    ["2014//", 2014],
    ["AUG 2013", 2013],
    ["2006 Sep-Oct", 2006],
  ])("%s → %i", (input, year) => expect(extractYear(input)).toBe(year));

  it("ignores numbers that are not years", () => {
    expect(extractYear("12345")).toBeUndefined();
    expect(extractYear("vol 3")).toBeUndefined();
  });
});
