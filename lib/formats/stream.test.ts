import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateMedline, generateRis } from "../../bench/import-files";
import { loadBibtexParser } from "./bibtex";
import { decodeBytes } from "./detect";
import { parseMedline } from "./medline";
import { openBatches, parseBuffer } from "./parse";
import { ParseError, type BibRecord, type ParseResult } from "./record";
import { parseRis } from "./ris";
import { parseWos } from "./wos";

/**
 * openBatches must give exactly parseBuffer's records and warnings, and the
 * piecewise decoding of RIS, MEDLINE and WoS exactly what the whole-text parsers give, wherever
 * the chunk boundaries fall.
 */
const testdata = path.join(__dirname, "testdata");
const fixtures = path.join(process.env.SIEVE_FIXTURES ?? path.resolve(__dirname, "../../../shared/fixtures"), "import");

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listFiles(full);
    return name === "LICENSE" || name.endsWith(".md") ? [] : [full];
  });
}

const enc = (text: string) => new TextEncoder().encode(text);
const samples: [string, Uint8Array][] = [
  ...[...listFiles(testdata), ...listFiles(fixtures)].map((f): [string, Uint8Array] => [path.relative(__dirname, f), new Uint8Array(readFileSync(f))]),
  ["generated.ris", enc(generateRis(300))],
  ["generated.nbib", enc(generateMedline(300))],
  ["ris link after ER", enc("TY  - JOUR\nTI  - A\nER  - \nLink to the Ovid Full Text: https://x.y/1\nTY  - JOUR\nTI  - B\nER  - \nLink to x https://z\n")],
  ["ris no ER, stray, BOMs", enc("\uFEFFTY  - JOUR\nTI  - One\nTY  - JOUR\nER  - \nstray\n\uFEFFTY  - JOUR\r\nTI  - x\rAU  - a\r\n")],
  ["medline odd lines", enc("PMID- 1\nTI  - One\n      two\nPMID- 2\nstray\n\nxx\nPMID- 3\r\nTI  - Trois é ş\r\n")],
  ["wos continuations", enc("FN Web of Science\nVR 1.0\nPT J\nAU A\n   B\nTI x\n   y\nER\nEF\nPT J\nTI z\n")],
];

function collect(bytes: Uint8Array, batchSize: number, chunkBytes?: number): ParseResult & { sizes: number[] } {
  const { format, encoding, batches } = openBatches(bytes, { fileName: "x.ris" }, batchSize, chunkBytes);
  const records: BibRecord[] = [];
  const sizes: number[] = [];
  for (;;) {
    const step = batches.next();
    if (step.done) return { format, encoding, records, warnings: step.value, sizes };
    sizes.push(step.value.length);
    records.push(...step.value);
  }
}

const WHOLE_TEXT = { ris: parseRis, medline: parseMedline, wos: parseWos } as const;

describe("openBatches", () => {
  beforeAll(() => loadBibtexParser());

  it.each(samples)("%s: same records and warnings in any batch and chunk size", (_name, bytes) => {
    const whole = parseBuffer(bytes, { fileName: "x.ris" });
    const piecewise = whole.format in WHOLE_TEXT; // the other formats are parsed whole, then sliced
    const sizes = piecewise ? ([[1, 1], [3, 7], [50, 100], [1000, 4096], [2000, undefined]] as const) : ([[7, undefined]] as const);
    for (const [batchSize, chunkBytes] of sizes) {
      const got = collect(bytes, batchSize, chunkBytes);
      expect({ ...got, sizes: undefined }).toEqual({ ...whole, sizes: undefined });
      expect(got.sizes.every((n, i) => n === batchSize || i === got.sizes.length - 1)).toBe(true);
    }
    const parseText = WHOLE_TEXT[whole.format as keyof typeof WHOLE_TEXT];
    if (parseText) expect(parseText(decodeBytes(bytes).text).records).toEqual(whole.records);
    // The 1,000-record Zotero BibTeX file takes the BibTeX library 10–30 s to parse twice on a busy 2-core machine.
  }, 180_000);

  it("refuses empty, binary and record-less files as parseBuffer does", () => {
    expect(() => openBatches(new Uint8Array())).toThrow(new ParseError("the file is empty"));
    expect(() => openBatches(enc(" \n"))).toThrow(/only whitespace/);
    expect(() => openBatches(enc("TY  - JOUR\u0000"))).toThrow(/NUL bytes/);
    const { batches } = openBatches(enc("just words\n"), { format: "ris" });
    expect(() => batches.next()).toThrow(/no RIS records found/);
  });
});
