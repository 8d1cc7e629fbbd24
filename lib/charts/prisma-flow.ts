import { hasManualCounts } from "@/lib/flow/compose";
import type { BoxCount, Flow, FlowItem } from "@/lib/flow/model";
import { escapeXml, formatCount, wrapText } from "./svg-text";

/**
 * The PRISMA 2020 flow diagram as a standalone SVG string, laid out as the template (Page et al.
 * 2021, BMJ 372:n71, Figure 1; the PRISMA2020 R package): side labels Identification / Screening /
 * Included, title boxes over each column, the databases-and-registers column with its exclusion
 * boxes on the right, and the optional previous-studies and other-methods columns.
 *
 * Numbers typed by hand carry a dagger and a footnote, so a reader can tell them from counts
 * derived from the records (in manual mode every number is typed, and the footnote says so).
 * Sized for a full-width journal figure: 12-unit text on boxes 220 units wide.
 */
export type PrismaFlowOptions = {
  /** Wrap boxes and lines in links to the records they count (the web page), or not (exports). */
  links?: boolean;
  title?: string;
};

type Line = { text: string; indent?: boolean; bold?: boolean; manual?: boolean; href?: string };
type Box = { field: string; x: number; y: number; w: number; h: number; lines: Line[]; href?: string; fill: string; wrapped: Line[] };

const FONT = 12;
const LINE = 15;
const PAD = 8;
const W = 220;
const PREV_W = 190;
const ARROW_GAP = 40;
const COL_GAP = 30;
const BAR_W = 26;
const BAR_GAP = 12;
const MARGIN = 12;
const ROW_GAP = 30;
const DAGGER = "\u2020";
const FONT_FAMILY = "Arial, Helvetica, 'DejaVu Sans', sans-serif";
const COLORS = { box: "#ffffff", stroke: "#000000", newTitle: "#ffd966", greyTitle: "#d9d9d9", bar: "#c5d9f1" };

export function renderPrismaFlow(flow: Flow, options: PrismaFlowOptions = {}): string {
  const mark = flow.mode === "data";
  // No-break spaces keep "(n = 1,241)" on one line when a box wraps.
  const n = (c: BoxCount) => `(n\u00a0=\u00a0${formatCount(c.n)}${mark && c.source === "manual" ? DAGGER : ""})`;
  const count = (label: string, c: BoxCount, indent = false): Line => ({ text: `${label} ${n(c)}`, indent, manual: mark && c.source === "manual", href: c.href });
  const items = (list: FlowItem[], manual: boolean): Line[] =>
    list.map((i) => ({ text: `${i.label} (n\u00a0=\u00a0${formatCount(i.n)}${mark && manual ? DAGGER : ""})`, indent: true, manual: mark && manual, href: i.href }));
  const { counts: c, lists, show } = flow;

  // Columns, left to right.
  let x = MARGIN + BAR_W + BAR_GAP;
  const xPrev = x;
  if (show.previous) x += PREV_W + COL_GAP;
  const xMain = x;
  const xMainSide = xMain + W + ARROW_GAP;
  const xOther = xMainSide + W + COL_GAP;
  const xOtherSide = xOther + W + ARROW_GAP;
  const width = (show.other ? xOtherSide + W : xMainSide + W) + MARGIN;

  const box = (field: string, bx: number, w: number, lines: Line[], href?: string, fill = COLORS.box): Box => {
    const wrapped = lines.flatMap((l) => wrapText(l.text, w - 2 * PAD - (l.indent ? 10 : 0), FONT).map((text) => ({ ...l, text })));
    return { field, x: bx, y: 0, w, h: 2 * PAD + wrapped.length * LINE, lines, href, fill, wrapped };
  };
  const dbList = lists.database_specific_results.items;
  const regList = lists.register_specific_results.items;
  const manualList = (f: keyof Flow["lists"]) => lists[f].source === "manual";
  const excludedLines = (f: "dbr_excluded" | "other_excluded") =>
    lists[f].items.length
      ? [{ text: "Reports excluded:" }, ...items(lists[f].items, manualList(f))]
      : [{ text: `Reports excluded (n\u00a0=\u00a00${mark && manualList(f) ? DAGGER : ""})` }];
  const titleW = 2 * W + ARROW_GAP;

  const rows: { key: string; boxes: Box[] }[] = [
    {
      key: "title",
      boxes: [
        ...(show.previous ? [box("prevstud", xPrev, PREV_W, [{ text: "Previous studies", bold: true }], undefined, COLORS.greyTitle)] : []),
        box("newstud", xMain, titleW, [{ text: "Identification of new studies via databases and registers", bold: true }], undefined, COLORS.newTitle),
        ...(show.other ? [box("othstud", xOther, titleW, [{ text: "Identification of new studies via other methods", bold: true }], undefined, COLORS.greyTitle)] : []),
      ],
    },
    {
      key: "identification",
      boxes: [
        ...(show.previous
          ? [box("previous_studies", xPrev, PREV_W, [count("Studies included in previous version of review", c.previous_studies), { text: "" }, count("Reports of studies included in previous version of review", c.previous_reports)])]
          : []),
        box(
          "database_results",
          xMain,
          W,
          [
            { text: "Records identified from:" },
            count("Databases", c.database_results, true),
            ...items(dbList, manualList("database_specific_results")).map((l) => ({ ...l, text: `\u2013 ${l.text}` })),
            count("Registers", c.register_results, true),
            ...items(regList, manualList("register_specific_results")).map((l) => ({ ...l, text: `\u2013 ${l.text}` })),
          ],
          c.database_results.href,
        ),
        box("duplicates", xMainSide, W, [
          { text: "Records removed before screening:" },
          count("Duplicate records", c.duplicates, true),
          count("Records marked as ineligible by automation tools", c.excluded_automatic, true),
          count("Records removed for other reasons", c.excluded_other, true),
        ]),
        ...(show.other
          ? [
              box("website_results", xOther, W, [
                { text: "Records identified from:" },
                count("Websites", c.website_results, true),
                count("Organisations", c.organisation_results, true),
                count("Citation searching", c.citations_results, true),
              ]),
            ]
          : []),
      ],
    },
    {
      key: "screened",
      boxes: [box("records_screened", xMain, W, [count("Records screened", c.records_screened)], c.records_screened.href), box("records_excluded", xMainSide, W, [count("Records excluded", c.records_excluded)], c.records_excluded.href)],
    },
    {
      key: "sought",
      boxes: [
        box("dbr_sought_reports", xMain, W, [count("Reports sought for retrieval", c.dbr_sought_reports)], c.dbr_sought_reports.href),
        box("dbr_notretrieved_reports", xMainSide, W, [count("Reports not retrieved", c.dbr_notretrieved_reports)], c.dbr_notretrieved_reports.href),
        ...(show.other
          ? [
              box("other_sought_reports", xOther, W, [count("Reports sought for retrieval", c.other_sought_reports)], c.other_sought_reports.href),
              box("other_notretrieved_reports", xOtherSide, W, [count("Reports not retrieved", c.other_notretrieved_reports)], c.other_notretrieved_reports.href),
            ]
          : []),
      ],
    },
    {
      key: "assessed",
      boxes: [
        box("dbr_assessed", xMain, W, [count("Reports assessed for eligibility", c.dbr_assessed)], c.dbr_assessed.href),
        box("dbr_excluded", xMainSide, W, excludedLines("dbr_excluded")),
        ...(show.other
          ? [box("other_assessed", xOther, W, [count("Reports assessed for eligibility", c.other_assessed)], c.other_assessed.href), box("other_excluded", xOtherSide, W, excludedLines("other_excluded"))]
          : []),
      ],
    },
    {
      key: "new",
      boxes: [box("new_studies", xMain, W, [count("New studies included in review", c.new_studies), count("Reports of new included studies", c.new_reports)], c.new_studies.href)],
    },
    ...(show.previous
      ? [{ key: "total", boxes: [box("total_studies", xMain, W, [count("Total studies included in review", c.total_studies), count("Reports of total included studies", c.total_reports)], c.total_studies.href)] }]
      : []),
    ...(show.metaAnalysis
      ? [{ key: "ma", boxes: [box("total_studies_ma", xMain, W, [count("Studies included in meta-analysis", c.total_studies_ma), count("Reports of studies included in meta-analysis", c.total_reports_ma)])] }]
      : []),
  ];

  // Rows top to bottom; boxes centred vertically in their row so side arrows run level.
  let y = MARGIN + (options.title ? 26 : 0);
  const rowSpan: Record<string, { top: number; bottom: number; mid: number }> = {};
  for (const row of rows) {
    const h = Math.max(...row.boxes.map((b) => b.h));
    for (const b of row.boxes) b.y = y + (h - b.h) / 2;
    rowSpan[row.key] = { top: y, bottom: y + h, mid: y + h / 2 };
    y += h + (row.key === "title" ? ROW_GAP * 0.6 : ROW_GAP);
  }
  const footnote = footnoteLines(flow, mark).flatMap((t) => wrapText(t, width - 2 * MARGIN, FONT - 1));
  const height = y - ROW_GAP + MARGIN + (footnote.length ? footnote.length * LINE + 8 : 0);
  const at = (field: string) => rows.flatMap((r) => r.boxes).find((b) => b.field === field);

  const arrows: string[] = [];
  const down = (from?: Box, to?: Box) => from && to && arrows.push(arrow([[from.x + from.w / 2, from.y + from.h], [to.x + to.w / 2, to.y]]));
  const right = (from?: Box, to?: Box) => from && to && arrows.push(arrow([[from.x + from.w, rowMid(from)], [to.x, rowMid(from)]]));
  const rowMid = (b: Box) => b.y + b.h / 2;
  const mainChain = ["database_results", "records_screened", "dbr_sought_reports", "dbr_assessed", "new_studies", "total_studies", "total_studies_ma"].filter((f) => at(f));
  mainChain.slice(1).forEach((f, i) => down(at(mainChain[i]), at(f)));
  right(at("database_results"), at("duplicates"));
  right(at("records_screened"), at("records_excluded"));
  right(at("dbr_sought_reports"), at("dbr_notretrieved_reports"));
  right(at("dbr_assessed"), at("dbr_excluded"));
  if (show.other) {
    down(at("website_results"), at("other_sought_reports"));
    down(at("other_sought_reports"), at("other_assessed"));
    right(at("other_sought_reports"), at("other_notretrieved_reports"));
    right(at("other_assessed"), at("other_excluded"));
    const from = at("other_assessed")!;
    const to = at("new_studies")!;
    arrows.push(arrow([[from.x + from.w / 2, from.y + from.h], [from.x + from.w / 2, rowMid(to)], [to.x + to.w, rowMid(to)]]));
  }
  if (show.previous) {
    const from = at("previous_studies")!;
    const to = at("total_studies")!;
    arrows.push(arrow([[from.x + from.w / 2, from.y + from.h], [from.x + from.w / 2, rowMid(to)], [to.x, rowMid(to)]]));
  }

  const bars = [
    { label: "Identification", top: rowSpan.identification.top, bottom: rowSpan.identification.bottom },
    { label: "Screening", top: rowSpan.screened.top, bottom: rowSpan.assessed.bottom },
    { label: "Included", top: rowSpan.new.top, bottom: rowSpan[rows[rows.length - 1].key].bottom },
  ];
  // With links inside, role="img" would hide them from assistive technology.
  const links = options.links ?? false;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" font-size="${FONT}" role="${links ? "group" : "img"}" aria-labelledby="prisma-flow-title">`,
    `<title id="prisma-flow-title">${escapeXml(options.title ?? "PRISMA 2020 flow diagram")}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    options.title ? `<text x="${MARGIN}" y="${MARGIN + 14}" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>` : "",
    ...bars.map(sideBar),
    ...rows.flatMap((r) => r.boxes).map((b) => renderBox(b, links)),
    ...arrows,
    ...footnote.map((text, i) => `<text x="${MARGIN}" y="${height - MARGIN - (footnote.length - 1 - i) * LINE}" font-size="${FONT - 1}" data-role="footnote">${escapeXml(text)}</text>`),
    "</svg>",
  ];
  return parts.filter(Boolean).join("\n") + "\n";
}

function footnoteLines(flow: Flow, mark: boolean): string[] {
  if (!mark) return ["All numbers entered by hand (manual mode), not counted from records in Sieve."];
  return hasManualCounts(flow) ? [`${DAGGER} Entered by hand by a review owner; all other numbers are counted from the review's records.`] : [];
}

function sideBar({ label, top, bottom }: { label: string; top: number; bottom: number }): string {
  const cx = MARGIN + BAR_W / 2;
  const cy = (top + bottom) / 2;
  return [
    `<g data-role="side-label">`,
    `<rect x="${MARGIN}" y="${top}" width="${BAR_W}" height="${bottom - top}" rx="4" fill="${COLORS.bar}" stroke="${COLORS.stroke}" stroke-width="0.75"/>`,
    `<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" text-anchor="middle" dominant-baseline="central" font-weight="bold">${escapeXml(label)}</text>`,
    `</g>`,
  ].join("");
}

function renderBox(b: Box, links: boolean): string {
  const centred = b.fill !== COLORS.box;
  const rect = `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${centred ? 6 : 0}" fill="${b.fill}" stroke="${COLORS.stroke}" stroke-width="1"/>`;
  const texts = b.wrapped.map((l, i) => {
    const ty = b.y + PAD + (i + 0.78) * LINE;
    const tx = centred ? b.x + b.w / 2 : b.x + PAD + (l.indent ? 10 : 0);
    const attrs = [`x="${tx}"`, `y="${ty}"`, centred ? `text-anchor="middle"` : "", l.bold ? `font-weight="bold"` : "", l.manual ? `font-style="italic" data-manual="true"` : ""].filter(Boolean).join(" ");
    const text = `<text ${attrs}>${escapeXml(l.text)}</text>`;
    const href = l.href ?? b.href;
    return links && href ? `<a href="${escapeXml(href)}">${text}</a>` : text;
  });
  const body = links && b.href ? `<a href="${escapeXml(b.href)}">${rect}</a>` : rect;
  return `<g data-field="${b.field}">${body}${texts.join("")}</g>`;
}

/** A polyline ending in a filled arrowhead (drawn as a polygon, not a marker, so every renderer shows it). */
function arrow(points: [number, number][]): string {
  const [x2, y2] = points[points.length - 1];
  const [x1, y1] = points[points.length - 2];
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = (da: number) => `${round(x2 - 8 * Math.cos(angle + da))},${round(y2 - 8 * Math.sin(angle + da))}`;
  const line = points.map(([px, py], i) => (i === points.length - 1 ? [px - 6 * Math.cos(angle), py - 6 * Math.sin(angle)] : [px, py]));
  return `<g data-role="arrow"><polyline points="${line.map(([px, py]) => `${round(px)},${round(py)}`).join(" ")}" fill="none" stroke="${COLORS.stroke}" stroke-width="1.2"/><polygon points="${round(x2)},${round(y2)} ${head(0.4)} ${head(-0.4)}" fill="${COLORS.stroke}"/></g>`;
}

const round = (v: number) => Math.round(v * 10) / 10;
