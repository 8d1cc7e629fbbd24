import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadBibtexParser } from "../formats/bibtex";
import { parseBuffer } from "../formats/parse";
import type { BibRecord } from "../formats/record";
import { findDuplicates, findDuplicatesInFeatures, findDuplicatesInFeaturesYielding } from "./detect";
import { featureExtractor } from "./features";
import { countTurns } from "@/lib/test/turns";

/**
 * One Zotero library exported twice (RIS and BibTeX, ../shared/fixtures/import/asysd): every record
 * must merge with its twin automatically, including conference papers whose container differs
 * (RIS T2 = proceedings title, BibTeX booktitle = the organising institution from C3).
 */
const dir = path.resolve(__dirname, "../../../shared/fixtures/import/asysd");
const available = existsSync(path.join(dir, "zotero_export.ris")) && existsSync(path.join(dir, "zotero_export.bib"));

describe.skipIf(!available)("Zotero RIS + BibTeX exports of one library", () => {
  let ris: BibRecord[] = [];
  let bib: BibRecord[] = [];
  beforeAll(async () => {
    await loadBibtexParser();
    const read = (name: string) => parseBuffer(new Uint8Array(readFileSync(path.join(dir, name))), { fileName: name }).records;
    ris = read("zotero_export.ris");
    bib = read("zotero_export.bib");
  }, 120_000);

  it("merge completely: each RIS record is grouped with its BibTeX twin, no twin left for a person", () => {
    const { groups, possiblePairs } = findDuplicates(ris, bib);
    const partner = new Map<number, number[]>();
    for (const g of groups) for (const m of g.members) partner.set(m, g.members);
    const unmerged = ris.map((r, i) => ({ i, title: r.title })).filter(({ i }) => !partner.get(i)?.includes(ris.length + i));
    expect(unmerged).toEqual([]);
    // The library itself holds a few look-alike records that are rightly queued; no twin may be.
    expect(possiblePairs.filter((p) => Math.abs(p.b - p.a) === ris.length && Math.min(p.a, p.b) < ris.length)).toEqual([]);
  }, 120_000);

  it("merges the two conference papers whose container differs between the exports", () => {
    const conference = ris.map((r, i) => i).filter((i) => ris[i].publicationType === "CONF" && !ris[i].doi);
    expect(conference.length).toBe(2);
    for (const i of conference) {
      const { groups } = findDuplicates([ris[i], bib[i]]);
      expect(groups.map((g) => g.members), ris[i].title).toEqual([[0, 1]]);
    }
  });
});

describe.skipIf(!available)("detection on a server", () => {
  it("gives findDuplicatesInFeatures's result while letting the event loop turn", async () => {
    await loadBibtexParser();
    const read = (name: string) => parseBuffer(new Uint8Array(readFileSync(path.join(dir, name))), { fileName: name }).records;
    const records = [...read("zotero_export.ris"), ...read("zotero_export.bib")];
    const features = records.map(featureExtractor());
    const direct = findDuplicatesInFeatures(features, 0);
    const stop = countTurns();
    const yielding = await findDuplicatesInFeaturesYielding(features, 0, {}, 0);
    const turns = stop();
    expect(yielding).toEqual(direct);
    expect(direct.groups.length).toBeGreaterThan(900);
    expect(turns).toBeGreaterThan(100);
  }, 120_000);
});
