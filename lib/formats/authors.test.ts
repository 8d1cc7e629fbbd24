import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateMedline, generateRis } from "../../bench/import-files";
import { foldText, normalizeAuthorName } from "./authors";
import { parseBuffer } from "./parse";

/**
 * The initials as normalizeAuthorName computed them with one regular expression per part, before
 * pure-ASCII names took a hand-written path: the reference the fast path must equal.
 */
function referenceInitials(given: string): string {
  const suffixes = new Set(["jr", "sr", "ii", "iii", "iv", "2nd", "3rd"]);
  let out = "";
  for (const part of given.split(/[\s.,-]+/)) {
    if (!part) continue;
    if (suffixes.has(part.toLowerCase().replace(/\.$/, ""))) continue;
    if (/^\p{Lu}{1,4}$/u.test(part) && part.length <= 3) out += foldText(part).replace(/ /g, "");
    else out += foldText(part).charAt(0);
  }
  return out;
}
const reference = (family: string, given: string) => {
  const initials = referenceInitials(given);
  return initials ? `${foldText(family)} ${initials}`.trim() : foldText(family);
};

const fixtures = path.join(process.env.SIEVE_FIXTURES ?? path.resolve(__dirname, "../../../shared/fixtures"), "import");
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : name === "LICENSE" || name.endsWith(".md") ? [] : [full];
  });
}

describe("normalizeAuthorName", () => {
  it("gives the reference initials for every given name in the real exports and the generated sets", () => {
    const givens = new Set<string>();
    const sources = [...listFiles(fixtures).map((f) => readFileSync(f)), new TextEncoder().encode(generateMedline(300)), new TextEncoder().encode(generateRis(300))];
    for (const bytes of sources) {
      try {
        for (const record of parseBuffer(bytes).records) for (const a of record.authors) givens.add(a.given);
      } catch {
        // files that are meant to be refused (the broken-file fixtures) hold no names
      }
    }
    expect(givens.size).toBeGreaterThan(100);
    for (const given of givens) expect([given, normalizeAuthorName("Smith", given)]).toEqual([given, reference("Smith", given)]);
  });

  it("gives the reference initials for awkward ASCII given names", () => {
    const cases = ["", " ", "J", "JA", "JAB", "JABC", "Ja", "j", "j.a.", "J.-P.", "Jean-Pierre A.", "JR", "Jr.", "jr", "II", "III", "IV", "V", "2nd", "3RD",
      "A., Jr", "O'Neil", "'t Hooft", "`Abd", "9th", "4", "_x", "@x", "...", "A\tB\nC\rD\vE\fF", "Mary-Kate O.", "J. R. R.", "Ab1", "1AB", "JA   B", "[A]"];
    for (const given of cases) expect([given, normalizeAuthorName("Smith", given)]).toEqual([given, reference("Smith", given)]);
  });

  it("gives the reference initials for random ASCII strings", () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "AJKZajkz09 .,-'`_@[]\t\n\x01\x1fiIvVrRsSnNdD";
    for (let n = 0; n < 20_000; n++) {
      let given = "";
      for (let k = Math.floor(random() * 12); k > 0; k--) given += alphabet[Math.floor(random() * alphabet.length)];
      expect([given, normalizeAuthorName("Smith", given)]).toEqual([given, reference("Smith", given)]);
    }
  });
});
