/**
 * The CLI round trip on a real database: `sieve study add`, two reviewers' `sieve extraction
 * import` of the reported-form fixture, a consensus, and `sieve extraction export --consensus`
 * whose CSV `sieve meta` analyses exactly as it analyses the original file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember } from "@/lib/screening/test-records";
import { saveConsensus } from "@/lib/extraction/mutations";
import { prepareOutcomeRows } from "@/lib/stats/outcome-layout";
import { runMetaAnalysis } from "@/lib/stats/analysis";
import { studyCommand } from "./study";
import { extractionCommand } from "./extraction";

const fixture = path.resolve("lib/stats/testdata/reported-form.csv");
const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-extraction-cli-"));

async function run(command: typeof studyCommand, args: string[]) {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    expect(await command.run(args)).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

const readCsv = (file: string) => {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: "greedy" });
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
};

afterEach(() => vi.restoreAllMocks());

describe("sieve study / extraction", () => {
  it("imports two reviewers' rows, and the consensus export feeds the analysis unchanged", async () => {
    const t = await makeReviewWithTeam();
    const second = await addMember(t.review.id, "Second", ["REVIEWER"]);
    const slug = t.review.slug;
    const { rows } = readCsv(fixture);
    for (const label of [...new Set(rows.map((r) => r.study))]) expect(await run(studyCommand, ["add", "--review", slug, "--label", label, "--as", t.owner.email])).toMatch(/^Added study/);

    const first = await run(extractionCommand, ["import", "--review", slug, "--as", t.reviewer.email, "--submit", fixture]);
    expect(first).toContain('Added outcome "MAR" (continuous)');
    expect(first).toContain('Added outcome "Ct.Th" (continuous)');
    expect(first).toContain("Stored 10 studies");
    expect(await run(extractionCommand, ["import", "--review", slug, "--as", second.email, "--submit", fixture])).not.toContain("Added outcome");

    const studies = await db.study.findMany({ where: { reviewId: t.review.id } });
    for (const s of studies) await writeTransaction((tx) => saveConsensus(tx, { id: t.owner.id, reviewId: t.review.id }, { studyId: s.id, decisions: {}, finalize: true }));

    const out = path.join(dir, "consensus.csv");
    expect(await run(extractionCommand, ["export", "--review", slug, "--consensus", "--out", out, "--xlsx", path.join(dir, "c.xlsx"), "--characteristics", path.join(dir, "chars.csv")])).toMatch(/Wrote 12 outcome rows/);
    const exported = readCsv(out);
    expect(exported.header).toEqual(expect.arrayContaining(["study", "experiment", "comparison", "group1", "group2", "shared_control", "outcome", "timepoint", "m1i", "sd1i", "se1i", "ci1lb", "median1i", "n2i", "species", "dose"]));
    expect(readFileSync(path.join(dir, "c.xlsx")).subarray(0, 2).toString()).toBe("PK");

    const original = readCsv(fixture);
    for (const [outcome, method] of [["MAR", "REML"], ["Ct.Th", "DL"]] as const) {
      const analyse = (table: { header: string[]; rows: Record<string, string>[] }) => {
        const prepared = prepareOutcomeRows(table.header, table.rows, { measure: "SMD", outcome, timepoint: "4 weeks" });
        const result = runMetaAnalysis(prepared.studies, { measure: "SMD", method, test: "z", smdVariant: "metafor", subgroup: false, moderator: false, egger: false, begg: false, trimfill: false, leave1out: false }, prepared.dropped);
        return { k: result.k, estimate: result.estimate, dropped: prepared.dropped.map((d) => d.reason), conversions: prepared.conversions.map((c) => c.method) };
      };
      const fromExport = analyse(exported);
      const fromOriginal = analyse(original);
      expect(fromExport.k).toBe(fromOriginal.k);
      expect(fromExport.estimate).toBeCloseTo(fromOriginal.estimate, 10);
      expect(fromExport.dropped).toEqual(fromOriginal.dropped);
      expect(fromExport.conversions.sort()).toEqual(fromOriginal.conversions.sort());
    }

    const raw = path.join(dir, "raw.csv");
    await expect(extractionCommand.run(["export", "--review", slug, "--raw", "--out", raw, "--as", t.reviewer.email])).rejects.toThrow(/does not have the role/);
  });

  it("names the row of an unknown study label and of an impossible number, and imports nothing", async () => {
    const t = await makeReviewWithTeam();
    const slug = t.review.slug;
    await run(studyCommand, ["add", "--review", slug, "--label", "Abe 2019", "--as", t.owner.email]);
    const file = path.join(dir, "bad.csv");
    writeFileSync(file, "study,outcome,m1i,sd1i,n1i,m2i,sd2i,n2i\nAbe 2019,MAR,1,0.5,6,1,0.4,6\nNobody 2001,MAR,1,1,6,1,1,6\n");
    await expect(extractionCommand.run(["import", "--review", slug, "--as", t.reviewer.email, file])).rejects.toThrow(/row 3: no study labelled "Nobody 2001"/);
    writeFileSync(file, "study,outcome,m1i,sd1i,n1i,m2i,sd2i,n2i\nAbe 2019,MAR,1,-0.5,6,1,0.4,6\n");
    await expect(extractionCommand.run(["import", "--review", slug, "--as", t.reviewer.email, file])).rejects.toThrow(/row 2 \(sd\): SD must be greater than 0\..*Nothing was imported/);
    expect(await db.extractionEntry.count({ where: { reviewId: t.review.id } })).toBe(0);
    expect(await db.outcome.count({ where: { reviewId: t.review.id } })).toBe(0);
  });
});
