import type { Author } from "./record";
import { collapseSpaces, toNfc } from "./record-builder";

/**
 * Author names as exports write them: "Smith, John A." (RIS, BibTeX, EndNote), "Smith JA"
 * (MEDLINE AU), "John A. Smith" (some CSVs), "World Health Organization," (EndNote corporate).
 */

const PARTICLES = new Set(["van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "ter", "ten", "st", "st.", "bin", "al", "el"]);
// Group authors written without a comma must not be split into "given family".
const CORPORATE =
  /\b(?:organi[sz]ation|group|society|association|committee|consortium|institute|council|collaboration|collaborative|network|team|agency|department|university|cent(?:er|re)|foundation|trust|ministry|board|commission|investigators|panel|authority|working|study|program(?:me)?|federation|academy|college|hospital|service)s?\b/i;
const SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv", "2nd", "3rd"]);

/** Builds an Author from family and given names as given, adding the normalised form. */
export function makeAuthor(family: string, given: string): Author {
  const f = toNfc(collapseSpaces(family));
  const g = toNfc(collapseSpaces(given));
  return { family: f, given: g, normalized: normalizeAuthorName(f, g) };
}

/**
 * Splits one author string into family and given names.
 * @example parseAuthorName("Smith JA") // { family: "Smith", given: "JA", normalized: "smith ja" }
 */
export function parseAuthorName(input: string): Author {
  const name = collapseSpaces(input);
  const comma = name.indexOf(",");
  if (comma !== -1) return makeAuthor(name.slice(0, comma), name.slice(comma + 1).replace(/^\s*,?/, ""));
  const tokens = name.split(" ");
  if (tokens.length < 2 || CORPORATE.test(name)) return makeAuthor(name, "");
  // MEDLINE / Vancouver style: family name then initials ("Smith JA", "Gan L. M.", "van der Berg J.").
  let firstInitial = tokens.length;
  while (firstInitial > 1 && /^(?:\p{Lu}\.?-?){1,4}$/u.test(tokens[firstInitial - 1]) && !/^(?:II|III|IV)$/.test(tokens[firstInitial - 1])) {
    firstInitial--;
  }
  if (firstInitial < tokens.length) return makeAuthor(tokens.slice(0, firstInitial).join(" "), tokens.slice(firstInitial).join(" "));
  // "Given Family" only when every token looks like a name word; otherwise keep it whole
  // (corporate names, placeholders such as "Author 1").
  if (!tokens.every((t) => /^[\p{L}][\p{L}\p{M}'’.-]*$/u.test(t))) return makeAuthor(name, "");
  let split = tokens.length - 1;
  while (split > 1 && PARTICLES.has(tokens[split - 1].toLowerCase())) split--;
  return makeAuthor(tokens.slice(split).join(" "), tokens.slice(0, split).join(" "));
}

/**
 * The matching key "family initials": lower-case, no diacritics, hyphens and apostrophes folded.
 * @example normalizeAuthorName("Müller-Lüdenscheidt", "Jean-Pierre A.") // "muller ludenscheidt jpa"
 */
export function normalizeAuthorName(family: string, given: string): string {
  const fam = foldText(family);
  const initials = initialsOf(given);
  return initials ? `${fam} ${initials}`.trim() : fam;
}

function initialsOf(given: string): string {
  if (!/[^\u0000-\u007f]/.test(given)) return asciiInitialsOf(given);
  let out = "";
  for (const part of given.split(/[\s.,-]+/)) {
    if (!part) continue;
    const lower = part.toLowerCase().replace(/\.$/, "");
    if (SUFFIXES.has(lower)) continue;
    // "JA" (MEDLINE initials) is two initials; "John" or "Jo" is one.
    if (/^\p{Lu}{1,4}$/u.test(part) && part.length <= 3) out += foldText(part).replace(/ /g, "");
    else out += foldText(part).charAt(0);
  }
  return out;
}

/** Whitespace, ".", "," or "-": what separates the parts of a given name. */
const isNameSeparator = (c: number) => c === 32 || c === 46 || c === 44 || c === 45 || (c >= 9 && c <= 13);

/**
 * initialsOf for pure-ASCII given names (nearly every name in a large export), without its
 * per-part regular expressions and foldText calls: author names were a third of MEDLINE parsing.
 * The same result: a part of one to three capitals is that many initials, a suffix none, any
 * other part its first letter or digit.
 */
function asciiInitialsOf(given: string): string {
  let out = "";
  for (let i = 0; i < given.length; i++) {
    if (isNameSeparator(given.charCodeAt(i))) continue;
    const start = i;
    while (i < given.length && !isNameSeparator(given.charCodeAt(i))) i++;
    if (i - start <= 3) {
      const lower = given.slice(start, i).toLowerCase();
      if (SUFFIXES.has(lower)) continue;
      if (/^[A-Z]+$/.test(given.slice(start, i))) {
        out += lower;
        continue;
      }
    }
    for (let k = start; k < i; k++) {
      const c = given.charCodeAt(k) | 32; // A-Z to a-z; a-z and digits unchanged
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57 && c === given.charCodeAt(k))) {
        out += String.fromCharCode(c);
        break;
      }
    }
  }
  return out;
}

const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** Lower-case ASCII-ish text for matching: diacritics removed, punctuation folded to spaces. */
export function foldText(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text)) return text.toLowerCase().replace(/['`]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c)
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Splits a list of authors from one cell: "A; B" (Zotero, Scopus), "A//B" (EndNote tab),
 * "A and B" (BibTeX-like), or "Smith J., Jones A.B." (Embase) / "Smith, J., Jones, A." (old Scopus).
 */
export function splitAuthorList(cell: string | undefined): string[] {
  if (!cell) return [];
  const text = cell.trim();
  if (!text) return [];
  let parts: string[];
  if (text.includes(";")) parts = text.split(";");
  else if (text.includes("//")) parts = text.split("//");
  else if (/\n/.test(text)) parts = text.split("\n");
  else if (/ and /.test(text)) parts = text.split(/ and /);
  // No separator at all (ASySD's set: "Adeli K.Lewis G. F."): split where initials meet a name.
  else if (/\.\p{Lu}\p{Ll}/u.test(text)) parts = text.split(/(?<=\.)(?=\p{Lu}\p{Ll})/u);
  else if (/^[^,]+,\s*(?:\p{Lu}\.-?\s*)+(?:,|$)/u.test(text)) parts = text.split(/(?<=\.)\s*,\s*/);
  else if (/\p{Lu}\.,\s/u.test(text)) parts = text.split(/(?<=\.),\s*/);
  else parts = [text];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * One author as "Family, Given". A name without given names gets a trailing comma when it has
 * spaces ("World Health Organization,"), EndNote's convention for corporate authors, so that
 * readers (and parseAuthorName) do not split it into given and family names.
 */
export function formatAuthor(author: Pick<Author, "family" | "given">): string {
  if (author.given) return `${author.family}, ${author.given}`;
  return author.family.includes(" ") ? `${author.family},` : author.family;
}
