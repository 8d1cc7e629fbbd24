// svg-to-pdfkit ships no types; this is the part of its API Sieve uses.
declare module "svg-to-pdfkit" {
  type Options = { width?: number; height?: number; preserveAspectRatio?: string; assumePt?: boolean; fontCallback?: (family: string, bold: boolean, italic: boolean) => string };
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x?: number, y?: number, options?: Options): void;
}
