/**
 * The risk-of-bias summary bar plot (robvis `rob_summary`): for each item a 100% stacked bar
 * of the share of studies judged low / unclear (some concerns) / high / no information, in
 * that order from the left. With `weights` each study counts by its weight in a chosen
 * meta-analysis instead of once, as robvis `weighted = TRUE` does.
 */
import { escapeXml, textWidth } from "./svg-text";
import { FONT_FAMILY, judgementColour, LABELS, type PlotJudgement, type RobPalette } from "./rob-palette";
import type { TrafficLightItem, TrafficLightRow } from "./traffic-light";

export type SummaryOptions = {
  rows: readonly TrafficLightRow[];
  items: readonly TrafficLightItem[];
  palette?: RobPalette;
  showOverall?: boolean;
  levels?: readonly PlotJudgement[];
  /** Study weight by row label (e.g. percentage weights of a meta-analysis); rows missing from it count 0. */
  weights?: Readonly<Record<string, number>>;
  title?: string;
};

const ORDER: PlotJudgement[] = ["LOW", "SOME_CONCERNS", "UNCLEAR", "HIGH", "CRITICAL", "NO_INFORMATION"];

/** Shares (0–1) per judgement for one item; a study without a judgement counts as no information. */
export function summaryShares(rows: readonly TrafficLightRow[], item: string, weights?: Readonly<Record<string, number>>): Partial<Record<PlotJudgement, number>> {
  const totals: Partial<Record<PlotJudgement, number>> = {};
  let sum = 0;
  for (const row of rows) {
    const w = weights ? (weights[row.label] ?? 0) : 1;
    if (!(w >= 0)) throw new Error(`Weight of ${row.label} must be a non-negative number.`);
    const j = (item === "overall" ? row.overall : row.judgements[item]) ?? "NO_INFORMATION";
    totals[j] = (totals[j] ?? 0) + w;
    sum += w;
  }
  if (sum === 0) return {};
  return Object.fromEntries(Object.entries(totals).map(([j, t]) => [j, t! / sum]));
}

const FONT = 11;
const BAR = 20;
const GAP = 8;
const PAD = 12;
const PLOT = 360;

export function robSummarySvg(options: SummaryOptions): string {
  const { rows, items, palette = "cochrane", showOverall = false, weights, title = "Risk of bias summary" } = options;
  const levels = options.levels ?? (["LOW", "UNCLEAR", "HIGH"] as PlotJudgement[]);
  const bars = [...items.map((i) => ({ key: i.id, label: i.label })), ...(showOverall ? [{ key: "overall", label: "Overall risk of bias" }] : [])];
  const labelWidth = Math.min(280, Math.max(...bars.map((b) => textWidth(b.label, FONT)))) + PAD;
  const left = PAD + labelWidth;
  const top = PAD + 24;
  const plotBottom = top + bars.length * (BAR + GAP);
  const width = left + PLOT + PAD * 2;
  const height = plotBottom + 30 + 28 + PAD;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT}" role="img" aria-labelledby="rs-title">`,
    `<title id="rs-title">${escapeXml(title)}${weights ? " (weighted)" : ""}: share of ${rows.length} studies per judgement and item</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="${PAD + 12}" font-size="13" font-weight="bold">${escapeXml(title)}${weights ? " (weighted)" : ""}</text>`,
  ];
  bars.forEach((bar, b) => {
    const y = top + b * (BAR + GAP);
    out.push(`<text x="${left - 8}" y="${y + BAR / 2 + 4}" text-anchor="end">${escapeXml(bar.label)}</text>`);
    const shares = summaryShares(rows, bar.key, weights);
    let x = left;
    for (const j of ORDER) {
      const share = shares[j] ?? 0;
      if (share <= 0) continue;
      const w = share * PLOT;
      out.push(
        `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${BAR}" fill="${judgementColour(j, palette)}" stroke="#333333" stroke-width="0.5" data-item="${escapeXml(bar.key)}" data-judgement="${j}" data-share="${share.toFixed(4)}"><title>${escapeXml(`${bar.label}: ${LABELS[j]} ${(100 * share).toFixed(0)}%`)}</title></rect>`,
      );
      x += w;
    }
  });
  for (let p = 0; p <= 100; p += 25) {
    const x = left + (p / 100) * PLOT;
    out.push(`<line x1="${x}" y1="${plotBottom - GAP}" x2="${x}" y2="${plotBottom - GAP + 4}" stroke="#333333"/>`, `<text x="${x}" y="${plotBottom + 8}" text-anchor="middle" font-size="10">${p}%</text>`);
  }
  out.push(`<line x1="${left}" y1="${plotBottom - GAP}" x2="${left + PLOT}" y2="${plotBottom - GAP}" stroke="#333333"/>`);
  let x = left;
  const legendY = plotBottom + 32;
  for (const j of [...levels, "NO_INFORMATION" as const]) {
    out.push(`<rect x="${x}" y="${legendY - 9}" width="12" height="12" fill="${judgementColour(j, palette)}" stroke="#333333" stroke-width="0.5"/>`, `<text x="${x + 16}" y="${legendY + 1}" font-size="10">${LABELS[j]}</text>`);
    x += 28 + textWidth(LABELS[j], 10);
  }
  out.push("</svg>");
  return out.join("\n");
}
