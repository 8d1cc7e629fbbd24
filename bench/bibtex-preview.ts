/**
 * BibTeX preview of 1,000 records (../shared/fixtures/import/asysd/zotero_export.bib): how long it
 * takes, and the longest the event loop stalls meanwhile (what a second user's request would wait),
 * parsed on the request thread (parseBuffer) and off it (parseInBatches, the server's path).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseBuffer, parseInBatches } from "../lib/formats/parse";

const file = path.resolve(import.meta.dirname, "../../shared/fixtures/import/asysd/zotero_export.bib");
const bytes = new Uint8Array(readFileSync(file));

async function measure(label: string, run: () => unknown) {
  // A 10 ms ticker stands in for another user's request: the longest gap between ticks is how long it waits.
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 30)); // let the ticker see a stall that just ended
  clearInterval(ticker);
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s for 1,000 records; worst wait of a concurrent request ${worst.toFixed(0)} ms`);
}

await measure("on the request thread (before)", () => parseBuffer(bytes, { fileName: file }));
await measure("in a worker thread (server path)", () => parseInBatches(bytes, { fileName: file }, () => {}));
