import { medlineValueStart } from "./medline";
import type { ImportFormat, ParseWarning } from "./record";
import { risValueStart } from "./ris";

/**
 * Encoding and format detection, by content only (file names lie: rispy's example_wos.ris is
 * Web of Science plain text).
 */

export type DecodedText = { text: string; encoding: string; warnings: ParseWarning[] };

/**
 * Decodes an export without mangling characters: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM,
 * or the null bytes every ASCII character carries), and Latin-1 (decoded with the Windows-1252
 * table, its superset) when the bytes are not valid UTF-8.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const warnings: ParseWarning[] = [];
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeStrict(bytes, "utf-8", warnings);
  if (b0 === 0xff && b1 === 0xfe) return decodeStrict(bytes, "utf-16le", warnings);
  if (b0 === 0xfe && b1 === 0xff) return decodeStrict(bytes, "utf-16be", warnings);
  const utf16 = guessUtf16(bytes);
  if (utf16) return decodeStrict(bytes, utf16, warnings);
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", warnings };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    warnings.push({ message: `not valid UTF-8 (first at byte ${offset}); decoded as Latin-1 (Windows-1252)` });
    return { text: decodeWindows1252(bytes), encoding: "latin1", warnings };
  }
}

// Windows-1252 puts printable characters (€ ‘ ’ “ ” – — œ …) where ISO-8859-1 has C1 controls.
// Node's TextDecoder("windows-1252") decodes as plain ISO-8859-1, so those bytes are mapped here.
const CP1252_C1 = "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Latin-1 text as Windows-1252, its superset that real "Latin-1" files are written in. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

function decodeStrict(bytes: Uint8Array, encoding: string, warnings: ParseWarning[]): DecodedText {
  // TextDecoder strips the byte-order mark itself (ignoreBOM defaults to false).
  try {
    return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding, warnings };
  } catch {
    const offset = encoding === "utf-8" ? firstInvalidUtf8(bytes) : undefined;
    warnings.push({
      message: `invalid ${encoding.toUpperCase()} byte sequence${offset === undefined ? "" : ` at byte ${offset}`}; replaced with U+FFFD`,
    });
    return { text: new TextDecoder(encoding).decode(bytes), encoding, warnings };
  }
}

/** UTF-16 without a BOM: ASCII text then has a zero in every other byte. */
export function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return undefined;
}

/** Byte offset of the first byte that breaks UTF-8, for the warning. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}

const WOS_TAB_HEADERS = ["PT", "AU", "TI", "SO"];

/**
 * The format of a decoded export, from its first lines; undefined when nothing matches.
 * MEDLINE and RIS share "TI  - " lines, so the deciding lines are "TY  - " (RIS) and four-letter
 * tags such as "PMID- " or "FAU - " (MEDLINE).
 */
export function detectFormat(text: string): ImportFormat | undefined {
  const sample = text.slice(0, 65536).replace(/^\uFEFF/, "");
  const head = sample.trimStart();
  if (head.startsWith("<")) {
    if (/<(?:PubmedArticleSet|PubmedArticle|PubmedBookArticle)[\s>]|<!DOCTYPE PubmedArticleSet/.test(head)) return "pubmed-xml";
    if (/<records>|<record>/.test(head)) return "endnote-xml";
    return undefined;
  }
  const lines = head.split(/\r\n|\r|\n/, 400);
  const firstLine = lines[0];
  if (firstLine.includes("\t")) {
    const cells = firstLine.split("\t").map((c) => c.trim().replace(/^"|"$/g, ""));
    if (WOS_TAB_HEADERS.every((h) => cells.includes(h))) return "wos-tab";
  }
  let risTags = 0;
  for (const line of lines) {
    if (/^\s*@[A-Za-z]+\s*[{(]/.test(line)) return "bibtex";
    if (/^(?:FN|VR) \S/.test(line) || /^PT [A-Z]\s*$/.test(line)) return "wos";
    const m = medlineValueStart(line);
    if (m !== -1 && line.charCodeAt(2) !== 32) return "medline"; // a 3–4 letter tag: PMID, FAU, OWN…
    if (risValueStart(line) !== -1) {
      if (line.startsWith("TY")) return "ris";
      risTags++;
    }
  }
  if (risTags >= 3) return "ris";
  // CSV/TSV: a header row and a later row that both use the same delimiter.
  for (const delimiter of ["\t", ",", ";"]) {
    if (!firstLine.includes(delimiter)) continue;
    if (lines.slice(1, 20).some((l) => l.includes(delimiter))) return "csv";
    // A header row alone (then refused as holding no records) must look like column names.
    if (lines.filter((l) => l.trim()).length === 1 && firstLine.split(delimiter).every((c) => c.trim().length <= 40 && !c.includes("."))) return "csv";
  }
  return undefined;
}

/** Human-readable name of a format, for messages. */
export const FORMAT_NAMES: Record<ImportFormat, string> = {
  ris: "RIS",
  medline: "MEDLINE/PubMed",
  "pubmed-xml": "PubMed XML",
  wos: "Web of Science plain text",
  "wos-tab": "Web of Science tab-delimited",
  bibtex: "BibTeX",
  "endnote-xml": "EndNote XML",
  csv: "CSV/TSV",
};
