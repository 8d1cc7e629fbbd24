/**
 * The risk-of-bias traffic-light plot (robvis `rob_traffic_light` conventions): one row per
 * study, one column per item (headed D1, D2, … with a key below), an optional overall column,
 * coloured circles carrying the judgement's glyph. Study labels stay horizontal at a readable
 * 11 px however many studies there are (robvis's most reported problem is unreadable labels),
 * so long lists are split into pages with {@link trafficLightPages} instead of shrinking.
 */
import { escapeXml, textWidth, wrapText } from "./svg-text";
import { FONT_FAMILY, GLYPHS, glyphColour, judgementColour, LABELS, type PlotJudgement, type RobPalette } from "./rob-palette";

export type TrafficLightRow = { label: string; judgements: Record<string, PlotJudgement | undefined>; overall?: PlotJudgement };
export type TrafficLightItem = { id: string; label: string };
export type TrafficLightOptions = {
  rows: readonly TrafficLightRow[];
  items: readonly TrafficLightItem[];
  palette?: RobPalette;
  showOverall?: boolean;
  /** Judgement levels the tool uses, for the legend (e.g. LOW, UNCLEAR, HIGH). */
  levels?: readonly PlotJudgement[];
  title?: string;
};

const FONT = 11;
const ROW = 24;
const COL = 30;
const RADIUS = 10;
const PAD = 12;

export function trafficLightSvg(options: TrafficLightOptions): string {
  const { rows, items, palette = "cochrane", showOverall = false, title = "Risk of bias" } = options;
  const levels = options.levels ?? (["LOW", "UNCLEAR", "HIGH"] as PlotJudgement[]);
  const labelWidth = Math.min(260, Math.max(60, ...rows.map((r) => textWidth(r.label, FONT)))) + PAD;
  const columns = [...items.map((item, i) => ({ key: item.id, head: `D${i + 1}` })), ...(showOverall ? [{ key: "overall", head: "Overall" }] : [])];
  const gridLeft = PAD + labelWidth;
  const gridWidth = columns.length * COL + (showOverall ? 24 : 0);
  const top = PAD + 22 + 18;
  const gridBottom = top + rows.length * ROW;
  const keyLines = items.map((item, i) => `D${i + 1}: ${item.label}`);
  const keyWidth = Math.max(gridLeft + gridWidth, 420) - PAD;
  const keyText = keyLines.flatMap((line) => wrapText(line, keyWidth / 2 - 8, 10));
  const keyRows = Math.ceil(keyLines.length / 2);
  const legendTop = gridBottom + 16;
  const width = Math.max(gridLeft + gridWidth + PAD, 440);
  const height = legendTop + 14 * keyRows + 24 + PAD + (keyText.length > keyLines.length ? 14 : 0);
  const colX = (c: number) => gridLeft + c * COL + COL / 2 + (showOverall && c === columns.length - 1 ? 24 : 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT}" role="img" aria-labelledby="tl-title">`,
    `<title id="tl-title">${escapeXml(title)}: traffic-light plot of ${rows.length} ${rows.length === 1 ? "study" : "studies"}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 12}" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${PAD}" y="${top - 8}" font-weight="bold">Study</text>`,
  );
  columns.forEach((c, i) => out.push(`<text x="${colX(i)}" y="${top - 8}" text-anchor="middle" font-weight="bold">${escapeXml(c.head)}</text>`));
  rows.forEach((row, r) => {
    const cy = top + r * ROW + ROW / 2;
    if (r % 2 === 1) out.push(`<rect x="${PAD}" y="${top + r * ROW}" width="${gridLeft + gridWidth - PAD}" height="${ROW}" fill="#f3f4f6"/>`);
    out.push(`<text x="${PAD}" y="${cy + 4}">${escapeXml(clip(row.label, labelWidth - PAD))}</text>`);
    columns.forEach((c, i) => {
      const j = (c.key === "overall" ? row.overall : row.judgements[c.key]) ?? "NO_INFORMATION";
      const cx = colX(i);
      out.push(
        `<g data-cell="${escapeXml(`${row.label}|${c.key}`)}" data-judgement="${j}">`,
        `<circle cx="${cx}" cy="${cy}" r="${RADIUS}" fill="${judgementColour(j, palette)}" stroke="#333333" stroke-width="0.6"/>`,
        `<text x="${cx}" y="${cy + 4.5}" text-anchor="middle" font-size="13" font-weight="bold" fill="${glyphColour(j, palette)}">${escapeXml(GLYPHS[j])}</text>`,
        `<title>${escapeXml(`${row.label}, ${c.head}: ${LABELS[j]}`)}</title></g>`,
      );
    });
  });
  if (showOverall) out.push(`<line x1="${gridLeft + (columns.length - 1) * COL + 12}" y1="${top - 20}" x2="${gridLeft + (columns.length - 1) * COL + 12}" y2="${gridBottom}" stroke="#999999"/>`);
  keyLines.forEach((line, i) => {
    const x = PAD + (i % 2) * (keyWidth / 2);
    const y = legendTop + Math.floor(i / 2) * 14 + 10;
    out.push(`<text x="${x}" y="${y}" font-size="10">${escapeXml(clip(line, keyWidth / 2 - 8, 10))}</text>`);
  });
  const judgementsTop = legendTop + keyRows * 14 + 14;
  let x = PAD;
  out.push(`<text x="${x}" y="${judgementsTop + 4}" font-size="10" font-weight="bold">Judgement</text>`);
  x += 74;
  for (const j of [...levels, "NO_INFORMATION" as const]) {
    out.push(
      `<circle cx="${x + 7}" cy="${judgementsTop}" r="7" fill="${judgementColour(j, palette)}" stroke="#333333" stroke-width="0.6"/>`,
      `<text x="${x + 7}" y="${judgementsTop + 3.5}" text-anchor="middle" font-size="10" font-weight="bold" fill="${glyphColour(j, palette)}">${escapeXml(GLYPHS[j])}</text>`,
      `<text x="${x + 18}" y="${judgementsTop + 4}" font-size="10">${LABELS[j]}</text>`,
    );
    x += 30 + textWidth(LABELS[j], 10);
  }
  out.push("</svg>");
  return out.join("\n");
}

function clip(text: string, maxWidth: number, size = FONT): string {
  if (textWidth(text, size) <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}…`, size) > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}

/** The plot split into pages of at most `perPage` studies (default 40), each a complete SVG. */
export function trafficLightPages(options: TrafficLightOptions & { perPage?: number }): string[] {
  const perPage = Math.max(1, options.perPage ?? 40);
  const pages = Math.max(1, Math.ceil(options.rows.length / perPage));
  return Array.from({ length: pages }, (_, p) =>
    trafficLightSvg({
      ...options,
      rows: options.rows.slice(p * perPage, (p + 1) * perPage),
      title: pages > 1 ? `${options.title ?? "Risk of bias"} (page ${p + 1} of ${pages})` : options.title,
    }),
  );
}
