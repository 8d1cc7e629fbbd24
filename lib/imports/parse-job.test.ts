import { describe, expect, it } from "vitest";
import { generateRis } from "../../bench/import-files";
import { parseBuffer } from "@/lib/formats/parse";
import { recordValues } from "@/lib/records/row-values";
import { runParseJob, type ParsedBatch } from "./parse-job";

const enc = (text: string) => new TextEncoder().encode(text);

function run(bytes: Uint8Array, job: Parameters<typeof runParseJob>[1]) {
  const batches: ParsedBatch[] = [];
  const steps = runParseJob(bytes, job);
  for (;;) {
    const step = steps.next();
    if (step.done) return { batches, summary: step.value };
    batches.push(step.value);
  }
}

describe("runParseJob", () => {
  it("hands out positions, row values and the first records, and returns parseBuffer's count and warnings", () => {
    const bytes = enc(generateRis(25));
    const direct = parseBuffer(bytes);
    const { batches, summary } = run(bytes, { options: {}, rows: true, keep: 3, batchSize: 10 });
    expect(batches.map((b) => [b.position, b.count])).toEqual([[0, 10], [10, 10], [20, 5]]);
    expect(batches.flatMap((b) => b.rows!)).toEqual(direct.records.map(recordValues));
    expect(batches.flatMap((b) => b.first ?? [])).toEqual(direct.records.slice(0, 3));
    expect(summary).toMatchObject({ format: "ris", encoding: "utf-8", recordCount: 25, warnings: direct.warnings, lengthWarnings: [] });
  });

  it("leaves the rows out of a preview and reports over-long fields apart from the parser's warnings", () => {
    const bytes = enc(`TY  - JOUR\nTI  - ${"Long title ".repeat(120)}\nER  - \n\nTY  - JOUR\nTI  - Short\nER  - \n`);
    const { batches, summary } = run(bytes, { options: {}, rows: false, keep: 5 });
    expect(batches[0].rows).toBeUndefined();
    expect(batches[0].first).toHaveLength(2);
    expect(summary.lengthWarnings).toEqual([expect.objectContaining({ message: expect.stringMatching(/^record 1: the title is 1,319 characters long/) })]);
  });
});
