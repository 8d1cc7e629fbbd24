/**
 * Text helpers for SVG charts built as strings: escaping, a width estimate and word wrapping.
 * SVG has no text wrapping and a pure function cannot measure glyphs, so widths are estimated
 * from per-character classes sized for DejaVu Sans, the widest of the fonts the charts name
 * (Arial, Helvetica, DejaVu Sans): text that fits in DejaVu fits in the narrower ones too.
 */

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Approximate advance width in em of one character. */
function charWidth(ch: string): number {
  if (/[ilj.,:;'|!]/.test(ch)) return 0.3;
  if (/[ftrI()[\] \-]/.test(ch)) return 0.4;
  if (/[mwMW@]/.test(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.72;
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[a-z]/.test(ch)) return 0.61;
  return 0.75;
}

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch);
  return em * fontSize;
}

/**
 * Greedy word wrap to `maxWidth`; a single word longer than a line is broken between characters.
 * Only ordinary spaces break: a caller glues "(n = 12)" with no-break spaces to keep it whole,
 * and they come back as ordinary spaces in the output.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const words = text.split(/[ \t\r\n]+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  const push = (word: string) => {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
      return;
    }
    if (line) lines.push(line);
    line = "";
    if (textWidth(word, fontSize) <= maxWidth) {
      line = word;
      return;
    }
    let part = "";
    for (const ch of word) {
      if (part && textWidth(part + ch, fontSize) > maxWidth) {
        lines.push(part);
        part = "";
      }
      part += ch;
    }
    line = part;
  };
  words.forEach(push);
  if (line) lines.push(line);
  return lines.length ? lines.map((l) => l.replace(/\u00a0/g, " ")) : [""];
}

/** 1967 → "1,967": journals and the PRISMA template group thousands. */
export const formatCount = (n: number) => n.toLocaleString("en-US");
