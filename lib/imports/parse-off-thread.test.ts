import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateMedline } from "../../bench/import-files";
import { parseBuffer } from "@/lib/formats/parse";
import { ParseError, type BibRecord } from "@/lib/formats/record";
import { recordValues, type RowValues } from "@/lib/records/row-values";
import type { ParseJob } from "./parse-job";
import { parseInThisThread, parseOffThread } from "./parse-off-thread";
import { countTurns } from "@/lib/test/turns";

const BIB = path.resolve(__dirname, "../../../shared/fixtures/import/asysd/zotero_export.bib");
const enc = (text: string) => new TextEncoder().encode(text);
const everything: ParseJob = { options: {}, rows: true, keep: Infinity };

async function collect(bytes: Uint8Array, job: ParseJob = everything, parse = parseOffThread) {
  const records: BibRecord[] = [];
  const rows: RowValues[] = [];
  const positions: number[] = [];
  const summary = await parse(bytes, job, (batch) => {
    positions.push(batch.position);
    records.push(...(batch.first ?? []));
    rows.push(...(batch.rows ?? []));
  });
  return { summary, records, rows, positions };
}

function failureOf(run: () => unknown): Promise<Error> {
  return Promise.resolve().then(run).then(
    () => { throw new Error("expected a failure"); },
    (error: Error) => error,
  );
}

describe("parsing in the import worker", () => {
  it("gives parseBuffer's records, row values and warnings, a batch at a time, and takes the bytes", async () => {
    const text = generateMedline(450);
    const direct = parseBuffer(enc(text));
    const bytes = enc(text);
    const { summary, records, rows, positions } = await collect(bytes);
    expect(records).toEqual(direct.records);
    expect(rows).toEqual(direct.records.map(recordValues));
    expect(positions).toEqual([0, 100, 200, 300, 400]);
    expect(summary).toMatchObject({ format: "medline", encoding: "utf-8", recordCount: 450, warnings: direct.warnings });
    expect(bytes.length).toBe(0); // moved to the worker, not copied
  }, 60_000);

  it("copies bytes that share their buffer, leaving the rest of it alone", async () => {
    const pool = enc("PMID- 1\nTI  - First.\n\nPMID- 2\nTI  - Second.\n");
    const shared = pool.subarray(0, 21);
    const { summary } = await collect(shared);
    expect(summary.recordCount).toBe(1);
    expect(new TextDecoder().decode(pool)).toContain("Second.");
  }, 60_000);

  it.skipIf(!existsSync(BIB))("parses a large BibTeX file while this thread keeps turning", async () => {
    const bytes = new Uint8Array(readFileSync(BIB));
    const direct = parseBuffer(bytes, { fileName: BIB });
    const stop = countTurns();
    const { summary, records } = await collect(bytes, { options: { fileName: BIB }, rows: false, keep: Infinity });
    const turns = stop();
    expect(turns).toBeGreaterThan(5);
    expect(summary).toMatchObject({ format: "bibtex", recordCount: 1000, warnings: direct.warnings });
    expect(records).toEqual(direct.records);
  }, 180_000);

  it("gives parseBuffer's records for a file full of LaTeX, whose accents go to the library", async () => {
    const entry = (i: number) =>
      `@article{k${i},\n  title = {Caf{\\'e} M{\\"u}ller's $\\alpha$-cells \\emph{in vivo} ${i}},\n` +
      `  author = {M{\\"u}ller, J{\\"o}rg and {\\AA}str{\\"o}m, P.},\n  journal = {Tr{\\\`e}s}\n}\n`;
    const text = Array.from({ length: 60 }, (_, i) => entry(i)).join("\n");
    const direct = parseBuffer(enc(text), { format: "bibtex" });
    const { summary, records } = await collect(enc(text), { ...everything, options: { format: "bibtex" } });
    expect(summary).toMatchObject({ recordCount: 60, warnings: direct.warnings });
    expect(records).toEqual(direct.records);
    expect(records[0]).toMatchObject({ title: "Café Müller's α-cells in vivo 0", journal: "Très" });
  }, 120_000);

  it.each([
    ["an unclosed BibTeX entry", "@article{x,\n  title = {Unclosed\n", "bibtex"],
    ["a CSV quote never closed", 'Title,Authors\n"Fine",A\n"Broken,B\n', "csv"],
    ["malformed XML", "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n<PubmedArticle><MedlineCitation>\n</PubmedArticleSet>\n", "pubmed-xml"],
    ["a file with no records", "just words\n", "ris"],
  ] as const)("reports %s as parseBuffer does, line included", async (_, text, format) => {
    const direct = await failureOf(() => parseBuffer(enc(text), { format }));
    const viaWorker = await failureOf(() => collect(enc(text), { ...everything, options: { format } }));
    expect(direct).toBeInstanceOf(ParseError);
    expect(viaWorker).toBeInstanceOf(ParseError);
    expect(viaWorker.message).toBe(direct.message);
    expect((viaWorker as ParseError).line).toBe((direct as ParseError).line);
  }, 60_000);

  it("stops at the first batch the caller refuses, and the next import still parses", async () => {
    const batches: number[] = [];
    const refused = await failureOf(() =>
      parseOffThread(enc(generateMedline(1000)), everything, (batch) => {
        batches.push(batch.position);
        if (batch.position === 200) throw new Error("disk full");
      }),
    );
    expect(refused.message).toBe("disk full");
    expect(batches).toEqual([0, 100, 200]);
    const { summary } = await collect(enc(generateMedline(3)));
    expect(summary.recordCount).toBe(3);
  }, 60_000);

  it("does the same work in this thread where the worker file is missing", async () => {
    const text = generateMedline(150);
    const viaWorker = await collect(enc(text));
    const here = await collect(enc(text), everything, parseInThisThread);
    expect({ ...here.summary, parseMs: 0 }).toEqual({ ...viaWorker.summary, parseMs: 0 });
    expect(here.rows).toEqual(viaWorker.rows);
  }, 60_000);
});
