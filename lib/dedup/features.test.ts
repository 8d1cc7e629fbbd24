import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuffer } from "../formats/parse";
import { extractFeatures, featureExtractor } from "./features";
import { scorePair } from "./similarity";
import { article, record, unrelatedTrial } from "./test-fixtures";

const dir = path.resolve(__dirname, "../../../shared/fixtures/import/asysd");
const ris = path.join(dir, "zotero_export.ris");

describe("featureExtractor (words shared through a pool)", () => {
  it("gives exactly the features extractFeatures gives, with equal words and journal lists shared", () => {
    const records = [article, { ...article, journal: "J Card Fail" }, unrelatedTrial, record({ title: "Part II: the the same words" }), record({})];
    const extract = featureExtractor();
    const pooled = records.map(extract);
    expect(pooled).toEqual(records.map(extractFeatures));
    expect(pooled[0].titleTokens).toEqual([...new Set(pooled[0].title.split(" "))].sort());
    expect(pooled[3].titleTokens).toEqual(["ii", "part", "same", "the", "words"]);
    // One copy of the journal list and of each family name across records.
    expect(pooled[1].journals[1]).toBe(pooled[0].journals[1]);
    expect(pooled[1].families).not.toBe(pooled[0].families);
    expect(pooled[1].families[0]).toBe(pooled[0].families[0]);
  });

  it.skipIf(!existsSync(ris))("scores every pair of a real export the same as unpooled features", () => {
    const records = parseBuffer(new Uint8Array(readFileSync(ris)), { fileName: "zotero_export.ris" }).records;
    const pooled = records.map(featureExtractor());
    const plain = records.map(extractFeatures);
    expect(pooled).toEqual(plain);
    for (let i = 1; i < records.length; i++) expect(scorePair(pooled[i - 1], pooled[i])).toEqual(scorePair(plain[i - 1], plain[i]));
  });
});
