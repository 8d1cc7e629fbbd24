/** Page ranges and years as real exports write them. */

export type PageRange = { pages?: string; startPage?: string; endPage?: string };

/**
 * Splits a page field into start and end, expanding abbreviated ends the way MEDLINE writes
 * them: "21-8" → 21 and "28"; "1535-41" → 1535 and "1541"; "S12-4" → "S12" and "S14".
 * `pages` stays exactly as given. Non-numeric ranges ("iii-iv", "e1234") are split, not expanded.
 * @example splitPages("21-8") // { pages: "21-8", startPage: "21", endPage: "28" }
 */
export function splitPages(input: string | undefined, endInput?: string): PageRange {
  const given = input?.trim() ?? "";
  const endGiven = endInput?.trim() ?? "";
  if (!given && !endGiven) return {};
  if (endGiven && !/\d\s*(?:-|[\u2010-\u2015])\s*\w/.test(given)) {
    // Separate start and end tags (RIS SP/EP, WoS BP/EP).
    const start = given.replace(/[\s\u2010-\u2015-]+$/, "");
    if (!start) return { pages: endGiven, endPage: endGiven };
    return { pages: `${start}-${endGiven}`, startPage: start, endPage: expandEnd(start, endGiven) };
  }
  // Only the first range counts: "1137-46, vii" or "227; author reply 228-9".
  const firstRange = given.split(/\s*[,;]\s*/)[0];
  const m = /^([^\s\u2010-\u2015-]+)\s*(?:-{1,2}|[\u2010-\u2015])\s*([^\s\u2010-\u2015-]+)$/.exec(firstRange);
  if (!m) return { pages: given, startPage: firstRange.split(/\s/)[0] || undefined };
  return { pages: given, startPage: m[1], endPage: expandEnd(m[1], m[2]) };
}

/** "1535" + "41" → "1541"; keeps a shared letter prefix ("S12" + "4" → "S14"). */
function expandEnd(start: string, end: string): string {
  const s = /^([A-Za-z]*)(\d+)$/.exec(start);
  const e = /^([A-Za-z]*)(\d+)$/.exec(end);
  if (!s || !e) return end;
  if (e[1] && e[1].toLowerCase() !== s[1].toLowerCase()) return end;
  const [sd, ed] = [s[2], e[2]];
  if (ed.length >= sd.length) return s[1] && !e[1] ? s[1] + ed : end;
  const expanded = sd.slice(0, sd.length - ed.length) + ed;
  return (e[1] || s[1]) + expanded;
}

/**
 * The publication year in a date field: "2022 May", "1999/08//undefined", "2014//", "AUG 2013".
 * Only years 1500–2099 are accepted so that volume numbers or IDs are not mistaken for years.
 */
export function extractYear(input: string | undefined): number | undefined {
  if (!input) return undefined;
  const m = /(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(input);
  return m ? Number(m[1]) : undefined;
}
