/**
 * Safe term highlighting: text is split into plain segments that React renders as text nodes
 * (escaped by React), never as HTML, so a title containing "<script>" stays text.
 */
export type SegmentKind = "plain" | "include" | "exclude";
export type Segment = { text: string; kind: SegmentKind };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A term matches case-insensitively at word starts; a trailing `*` is a wildcard for the rest of
 * the word ("random*" matches "randomised"), as in database search syntax. Longer terms are tried
 * first so "bone loss" wins over "bone"; where an include and an exclude term match the same
 * span, the longer match wins, and a tie goes to the exclusion term (the cautious colour).
 */
function termPattern(term: string): string | null {
  const t = term.trim();
  if (!t) return null;
  const wildcard = t.endsWith("*");
  const core = escapeRegExp(wildcard ? t.slice(0, -1) : t).replace(/\s+/g, "\\s+");
  if (!core) return null;
  return wildcard ? `${core}[\\p{L}\\p{N}]*` : `${core}(?![\\p{L}\\p{N}])`;
}

export function highlightText(text: string, include: readonly string[], exclude: readonly string[]): Segment[] {
  const terms = [
    ...exclude.map((t) => ({ t, kind: "exclude" as const })),
    ...include.map((t) => ({ t, kind: "include" as const })),
  ]
    .map(({ t, kind }) => ({ pattern: termPattern(t), kind, length: t.length }))
    .filter((x): x is { pattern: string; kind: "include" | "exclude"; length: number } => x.pattern !== null);
  if (!text || terms.length === 0) return text ? [{ text, kind: "plain" }] : [];
  // One pass: at each position take the longest match among all terms.
  const regexes = terms.map((x) => ({ re: new RegExp(`(?<![\\p{L}\\p{N}])${x.pattern}`, "giu"), kind: x.kind }));
  const segments: Segment[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    let best: { end: number; kind: "include" | "exclude" } | null = null;
    for (const { re, kind } of regexes) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m.index === i && m[0].length > 0 && (!best || i + m[0].length > best.end)) best = { end: i + m[0].length, kind };
    }
    if (!best) {
      i++;
      continue;
    }
    if (plainStart < i) segments.push({ text: text.slice(plainStart, i), kind: "plain" });
    segments.push({ text: text.slice(i, best.end), kind: best.kind });
    i = best.end;
    plainStart = i;
  }
  if (plainStart < text.length) segments.push({ text: text.slice(plainStart), kind: "plain" });
  return segments;
}
