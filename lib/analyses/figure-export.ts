/**
 * Adapter (issue 13 brief): journal exports of a figure SVG with the interface helper C's
 * lib/charts/figure-export.ts was to offer, `exportFigure(svg, { format, dpi, widthMm })`, which
 * had not landed. SVG and PDF are vector (PDF through pdfkit, with DejaVu Sans embedded as a
 * subset so the journal's proof shows the same glyphs, including ² and −); PNG is
 * rendered by resvg to exactly widthMm at dpi; TIFF is that PNG re-encoded by sharp (LZW, with
 * the resolution tag set), sharp being the image library Next.js already installs.
 */
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";

export const EXPORT_FORMATS = ["svg", "pdf", "png", "tiff"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const DPIS = [300, 600, 1000] as const;
export const WIDTHS_MM = [85, 176] as const;

export const CONTENT_TYPES: Record<ExportFormat | "csv" | "zip", string> = {
  svg: "image/svg+xml; charset=utf-8", pdf: "application/pdf", png: "image/png", tiff: "image/tiff", csv: "text/csv; charset=utf-8", zip: "application/zip",
};

/** Pixels across for a print width at a resolution: 176 mm at 300 dpi = 2079 px. */
export const pixelWidth = (widthMm: number, dpi: number) => Math.round((widthMm / 25.4) * dpi);

function renderPng(svg: string, widthPx: number): Buffer {
  const renderer = new Resvg(svg, {
    fitTo: { mode: "width", value: widthPx },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return renderer.render().asPng();
}

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const FONTS = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

/** One-page vector PDF the size of the SVG (1 unit = 1 pt), text in embedded DejaVu Sans (Helvetica where the font is absent). */
export function svgToEmbeddedPdf(svg: string, title: string): Promise<Buffer> {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const width = size ? Number(size[1]) : 600;
  const height = size ? Number(size[2]) : 800;
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: title, Creator: "Sieve" } });
  const embedded = existsSync(FONTS.regular) && existsSync(FONTS.bold);
  if (embedded) {
    doc.registerFont("Figure", FONTS.regular);
    doc.registerFont("Figure-Bold", FONTS.bold);
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: true, ...(embedded ? { fontCallback: (_family: string, bold: boolean) => (bold ? "Figure-Bold" : "Figure") } : {}) });
  doc.end();
  return done;
}

export async function exportFigure(svg: string, options: { format: ExportFormat; dpi?: number; widthMm?: number; title?: string }): Promise<Buffer | string> {
  const { format, dpi = 300, widthMm = 176 } = options;
  if (format === "svg") return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
  if (format === "pdf") return svgToEmbeddedPdf(svg, options.title ?? "Sieve figure");
  const png = renderPng(svg, pixelWidth(widthMm, dpi));
  if (format === "png") return png;
  const sharp = (await import("sharp")).default;
  return sharp(png).withMetadata({ density: dpi }).tiff({ compression: "lzw", xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: "inch" }).toBuffer();
}
