/**
 * Loads a figure into a canvas: a page of a stored PDF rendered with PDF.js (pdfjs-dist, Mozilla's
 * well-kept renderer), or an image. Coordinates everywhere are this canvas's pixels.
 */
export const PDF_RENDER_SCALE = 2;

type PdfDocument = { numPages: number; getPage(n: number): Promise<PdfPage> };
type PdfPage = {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: { canvas: HTMLCanvasElement; viewport: { width: number; height: number } }): { promise: Promise<void> };
};

const documents = new Map<string, Promise<PdfDocument>>();

async function openPdf(url: string): Promise<PdfDocument> {
  let doc = documents.get(url);
  if (!doc) {
    doc = (async () => {
      const pdfjs = await import("pdfjs-dist");
      pdfjs.GlobalWorkerOptions.workerSrc = "/pdfjs-worker";
      return (await pdfjs.getDocument({ url, withCredentials: true }).promise) as unknown as PdfDocument;
    })();
    documents.set(url, doc);
  }
  return doc;
}

export async function pdfPageCount(url: string): Promise<number> {
  return (await openPdf(url)).numPages;
}

export async function renderPdfPage(url: string, pageNumber: number): Promise<HTMLCanvasElement> {
  const page = await (await openPdf(url)).getPage(pageNumber);
  const viewport = page.getViewport({ scale: PDF_RENDER_SCALE });
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(viewport.width);
  canvas.height = Math.ceil(viewport.height);
  await page.render({ canvas, viewport }).promise;
  return canvas;
}

export async function renderImage(url: string): Promise<HTMLCanvasElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  canvas.getContext("2d")!.drawImage(image, 0, 0);
  return canvas;
}
