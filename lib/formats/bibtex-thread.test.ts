import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BibRecord } from "./record";
import { parseBuffer, parseInBatches } from "./parse";

const BIB = path.resolve(__dirname, "../../../shared/fixtures/import/asysd/zotero_export.bib");

describe.skipIf(!existsSync(BIB))("BibTeX parsing off the request thread", () => {
  it("gives parseBuffer's records while the event loop keeps running", async () => {
    const bytes = new Uint8Array(readFileSync(BIB));
    // Counts turns of the event loop (not time): in one blocking parse there would be none.
    let turns = 0;
    let running = true;
    const turn = () => {
      turns++;
      if (running) setImmediate(turn);
    };
    setImmediate(turn);
    const records: BibRecord[] = [];
    const summary = await parseInBatches(bytes, { fileName: BIB }, (batch) => void records.push(...batch));
    running = false;
    // The parse runs in the worker while this thread turns freely (a parse here would allow none).
    expect(turns).toBeGreaterThan(5);
    const direct = parseBuffer(bytes, { fileName: BIB });
    expect(summary).toMatchObject({ format: "bibtex", recordCount: 1000, warnings: direct.warnings });
    expect(records).toEqual(direct.records);
  }, 180_000);

  it("gives parseBuffer's records for a file full of LaTeX, whose accents go to the library", async () => {
    const entry = (i: number) =>
      `@article{k${i},\n  title = {Caf{\\'e} M{\\"u}ller's $\\alpha$-cells \\emph{in vivo} ${i}},\n` +
      `  author = {M{\\"u}ller, J{\\"o}rg and {\\AA}str{\\"o}m, P.},\n  journal = {Tr{\\\`e}s}\n}\n`;
    const bytes = new TextEncoder().encode(Array.from({ length: 60 }, (_, i) => entry(i)).join("\n"));
    const records: BibRecord[] = [];
    const summary = await parseInBatches(bytes, { format: "bibtex" }, (batch) => void records.push(...batch));
    const direct = parseBuffer(bytes, { format: "bibtex" });
    expect(summary).toMatchObject({ recordCount: 60, warnings: direct.warnings });
    expect(records).toEqual(direct.records);
    expect(records[0]).toMatchObject({ title: "Café Müller's α-cells in vivo 0", journal: "Très" });
  }, 120_000);

  it("reports a broken BibTeX file as parseBuffer does", async () => {
    const bytes = new TextEncoder().encode("@article{x,\n  title = {Unclosed\n");
    const viaWorker = await parseInBatches(bytes, { format: "bibtex" }, () => {}).then(() => "ok", (e: Error) => e.message);
    const direct = (() => { try { parseBuffer(bytes, { format: "bibtex" }); return "ok"; } catch (e) { return (e as Error).message; } })();
    expect(viaWorker).toBe(direct);
  }, 60_000);
});
