import { Resvg } from "@resvg/resvg-js";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";

/**
 * Image and document exports of a chart SVG, for journals: PNG through resvg (a Rust renderer
 * whose native binary ships as an npm optional dependency) and vector PDF through pdfkit. Both
 * are I/O-free conversions of the string the chart function returns, so web, CLI and tests share them.
 */

/**
 * PNG at `scale` times the SVG's units. The default 3 gives ≥ 300 dpi when the figure is printed
 * at full page width (174 mm), which journals ask for line art with text.
 */
export function svgToPng(svg: string, scale = 3): Buffer {
  const renderer = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    // resvg draws text only with fonts it can load; Debian ships DejaVu, the fallback the chart names.
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return renderer.render().asPng();
}

/**
 * A one-page vector PDF the size of the SVG (one SVG unit = one point). Text is set in the PDF
 * standard font Helvetica, which every reader has, so nothing needs embedding.
 */
export function svgToPdf(svg: string, meta: { title?: string } = {}): Promise<Buffer> {
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const width = size ? Number(size[1]) : 600;
  const height = size ? Number(size[2]) : 800;
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: meta.title ?? "PRISMA 2020 flow diagram", Creator: "Sieve" } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  SVGtoPDF(doc, svg, 0, 0, { width, height, assumePt: true });
  doc.end();
  return done;
}
