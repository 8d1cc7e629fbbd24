import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BibRecord } from "./record";
import { parseBuffer, parseInBatches } from "./parse";

const BIB = path.resolve(__dirname, "../../../shared/fixtures/import/asysd/zotero_export.bib");

describe.skipIf(!existsSync(BIB))("BibTeX parsing off the request thread", () => {
  it("gives parseBuffer's records while the event loop keeps running", async () => {
    const bytes = new Uint8Array(readFileSync(BIB));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    const records: BibRecord[] = [];
    const summary = await parseInBatches(bytes, { fileName: BIB }, (batch) => void records.push(...batch));
    clearInterval(timer);
    // Parsed on this thread, the interval could not fire until the parse (seconds) was over.
    expect(ticks).toBeGreaterThan(5);
    const direct = parseBuffer(bytes, { fileName: BIB });
    expect(summary).toMatchObject({ format: "bibtex", recordCount: 1000, warnings: direct.warnings });
    expect(records).toEqual(direct.records);
  }, 180_000);

  it("reports a broken BibTeX file as parseBuffer does", async () => {
    const bytes = new TextEncoder().encode("@article{x,\n  title = {Unclosed\n");
    const viaWorker = await parseInBatches(bytes, { format: "bibtex" }, () => {}).then(() => "ok", (e: Error) => e.message);
    const direct = (() => { try { parseBuffer(bytes, { format: "bibtex" }); return "ok"; } catch (e) { return (e as Error).message; } })();
    expect(viaWorker).toBe(direct);
  }, 60_000);
});
