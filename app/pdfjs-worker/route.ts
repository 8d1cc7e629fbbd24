import { readFile } from "node:fs/promises";
import path from "node:path";

// PDF.js renders in a web worker whose script must be served as a file; serving it from the
// installed package keeps it the same version as the library the pages bundle.
let cached: Buffer | null = null;

export async function GET() {
  cached ??= await readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "node_modules/pdfjs-dist/build/pdf.worker.min.mjs"));
  return new Response(new Uint8Array(cached), { headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=86400" } });
}
