/**
 * Journal exports of a chart SVG (issue 13): SVG; vector PDF with the font embedded (pdfkit +
 * svg-to-pdfkit, text stays selectable text); PNG rendered by resvg to exactly the print width
 * at the chosen resolution, with the resolution recorded in a pHYs chunk; TIFF (LZW) re-encoded
 * from that PNG by sharp with its resolution tags set. Pure conversions: web, CLI and tests share them.
 */
import { existsSync } from "node:fs";
import { crc32 } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";

export const FIGURE_FORMATS = ["svg", "pdf", "png", "tiff"] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];
export const FIGURE_DPIS = [300, 600, 1000] as const;
export type FigureDpi = (typeof FIGURE_DPIS)[number];
/** Single-column and double-column widths most journals print at. */
export const FIGURE_WIDTHS_MM = [85, 176] as const;
export type FigureWidthMm = (typeof FIGURE_WIDTHS_MM)[number];

export const FIGURE_CONTENT_TYPES: Record<FigureFormat, string> = {
  svg: "image/svg+xml; charset=utf-8", pdf: "application/pdf", png: "image/png", tiff: "image/tiff",
};

export type FigureExportOptions = { format: FigureFormat; dpi?: FigureDpi; widthMm?: FigureWidthMm; title?: string };

/** Pixels across for a print width: 176 mm at 600 dpi = round(600 · 176 / 25.4) = 4157 px. */
export const figurePixelWidth = (widthMm: number, dpi: number) => Math.round((dpi * widthMm) / 25.4);

// Debian's DejaVu, the fallback family every chart names; the PDF embeds it (subset) when present.
const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const PDF_FONTS = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

function svgSize(svg: string): { width: number; height: number } {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (!size) throw new Error("The figure SVG has no width and height attributes.");
  return { width: Number(size[1]), height: Number(size[2]) };
}

/** Inserts a pHYs chunk (pixels per metre) after IHDR so image editors read the print resolution. */
function withPngDpi(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8); // unit: metre
  const type = Buffer.from("pHYs", "ascii");
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0, 8 + data.length);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8); // signature + IHDR chunk
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

function renderPng(svg: string, widthPx: number): Buffer {
  const renderer = new Resvg(svg, {
    fitTo: { mode: "width", value: widthPx },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return renderer.render().asPng();
}

/** One-page vector PDF the size of the SVG (1 unit = 1 pt); text set in embedded DejaVu Sans. */
export function figureToPdf(svg: string, title = "Sieve figure"): Promise<Buffer> {
  const { width, height } = svgSize(svg);
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: title, Creator: "Sieve" } });
  const embedded = existsSync(PDF_FONTS.regular) && existsSync(PDF_FONTS.bold);
  if (embedded) {
    doc.registerFont("FigureSans", PDF_FONTS.regular);
    doc.registerFont("FigureSans-Bold", PDF_FONTS.bold);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  SVGtoPDF(doc, svg, 0, 0, {
    width, height, assumePt: true,
    // Without embedding, fall back to the PDF standard Helvetica (no ², −, ≥ glyphs).
    fontCallback: (_family: string, bold: boolean) => (embedded ? (bold ? "FigureSans-Bold" : "FigureSans") : bold ? "Helvetica-Bold" : "Helvetica"),
  });
  doc.end();
  return done;
}

/**
 * The figure in a journal format. PNG and TIFF are `figurePixelWidth(widthMm, dpi)` pixels wide
 * (height in proportion) and carry `dpi` as their resolution, so they print at exactly widthMm.
 * @example await exportFigure(svg, { format: "tiff", dpi: 600, widthMm: 85 })
 */
export async function exportFigure(svg: string, options: FigureExportOptions): Promise<Buffer> {
  const { format, dpi = 300, widthMm = 176 } = options;
  if (format === "svg") return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, "utf8");
  if (format === "pdf") return figureToPdf(svg, options.title);
  if (!FIGURE_DPIS.includes(dpi) || !FIGURE_WIDTHS_MM.includes(widthMm)) throw new Error(`Resolution must be one of ${FIGURE_DPIS.join(", ")} dpi and width one of ${FIGURE_WIDTHS_MM.join(", ")} mm.`);
  const png = renderPng(svg, figurePixelWidth(widthMm, dpi));
  if (format === "png") return withPngDpi(png, dpi);
  const sharp = (await import("sharp")).default;
  // sharp takes resolution in pixels per mm and writes it in the unit asked for.
  return sharp(png).withMetadata({ density: dpi }).tiff({ compression: "lzw", xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: "inch" }).toBuffer();
}

const csvCell = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The numbers behind a figure as CSV (RFC 4180; header from `columns` or the first row's keys). */
export function figureCsv(rows: Record<string, string | number | null | undefined>[], columns?: string[]): string {
  const header = columns ?? Object.keys(rows[0] ?? {});
  return [header.map(csvCell).join(","), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(","))].join("\r\n") + "\r\n";
}
