import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { writeRis } from "@/lib/formats/write-ris";
import { createSearch, importFileBytes } from "@/lib/imports/mutations";
import { exportPieces, exportStream, type ExportFormat } from "@/lib/records/export-pages";
import { recordFilterSchema } from "@/lib/records/schema";
import { toBibRecord } from "@/lib/records/to-bib-record";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { countTurns } from "@/lib/test/turns";

const FIXTURE = "../shared/fixtures/import/asysd/zotero_export.ris"; // a real Zotero export of 1,000 records

async function reviewWithZoteroLibrary() {
  const { owner, review } = await makeReviewWithTeam();
  const search = await writeTransaction((tx) => createSearch(tx, owner.id, review.id, { kind: "DATABASE", database: "Zotero library", platform: "", searchString: "" }));
  await writeTransaction((tx) => importFileBytes(tx, owner.id, review.id, search.id, { fileName: "zotero_export.ris", bytes: readFileSync(FIXTURE), format: "auto" }));
  const records = await db.record.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
  const [reason] = await db.exclusionReason.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
  const resolve = (recordId: string, stage: string, outcome: string, reasonId: string | null = null) =>
    db.screeningResolution.create({ data: { reviewId: review.id, recordId, stage, outcome, reasonId, method: "AGREEMENT" } });
  await resolve(records[3].id, "TITLE_ABSTRACT", "EXCLUDE", reason.id);
  await resolve(records[4].id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(records[4].id, "FULL_TEXT", "EXCLUDE", reason.id);
  await resolve(records[5].id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(records[5].id, "FULL_TEXT", "INCLUDE");
  return { review, records, reason };
}

async function exported(reviewId: string, format: ExportFormat, query: Record<string, string> = {}, pageSize?: number) {
  let text = "";
  for await (const piece of exportPieces(reviewId, recordFilterSchema.parse(query), format, pageSize)) text += piece;
  return text;
}

describe("exportPieces", () => {
  it("writes, page by page, exactly the file the whole-set writer writes, in the list's order", async () => {
    const { review, records } = await reviewWithZoteroLibrary();
    expect(records).toHaveLength(1000);
    expect(await exported(review.id, "ris", {}, 7)).toBe(writeRis(records.map(toBibRecord)));

    const byTitle = await db.record.findMany({ where: { reviewId: review.id }, orderBy: [{ title: "desc" }, { position: "asc" }, { id: "asc" }] });
    expect(await exported(review.id, "ris", { sort: "title", dir: "desc" }, 13)).toBe(writeRis(byTitle.map(toBibRecord)));
    expect(await exported(review.id, "csv", { sort: "title", dir: "desc" }, 13)).toBe(await exported(review.id, "csv", { sort: "title", dir: "desc" }, 500));
  });

  it("writes one header, then each record's settled outcomes and reason, never a vote", async () => {
    const { review, records, reason } = await reviewWithZoteroLibrary();
    const csv = await exported(review.id, "csv", {}, 3);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1000);
    expect(rows.map((r) => r.sieve_id)).toEqual(records.map((r) => r.id));
    expect(rows[3]).toMatchObject({ search: "Zotero library", title_abstract: "EXCLUDE", full_text: "", exclusion_reason: reason.label });
    expect(rows[4]).toMatchObject({ title_abstract: "INCLUDE", full_text: "EXCLUDE", exclusion_reason: reason.label });
    expect(rows[5]).toMatchObject({ title_abstract: "INCLUDE", full_text: "INCLUDE", exclusion_reason: "" });
    expect(rows[6]).toMatchObject({ title_abstract: "", full_text: "", exclusion_reason: "", duplicate: "" });
    expect(csv.match(/sieve_id/g)).toHaveLength(1);

    const included = await exported(review.id, "csv", { set: "included-ft" });
    expect(Papa.parse<Record<string, string>>(included.slice(1), { header: true, skipEmptyLines: true }).data.map((r) => r.sieve_id)).toEqual([records[5].id]);
    expect(await exported(review.id, "ris", { set: "excluded-ft", q: "no such words anywhere" })).toBe("");
  });

  it("gives other requests a turn between pages instead of holding the server for the whole file", async () => {
    const { review } = await reviewWithZoteroLibrary();
    const stop = countTurns();
    await exported(review.id, "ris", {}, 100);
    expect(stop()).toBeGreaterThanOrEqual(9);
  });

  it("streams as UTF-8 bytes, and stops reading pages when the download is cancelled", async () => {
    const { review } = await reviewWithZoteroLibrary();
    const whole = await exported(review.id, "ris");
    expect(await new Response(exportStream(exportPieces(review.id, recordFilterSchema.parse({}), "ris"))).text()).toBe(whole);

    let pages = 0;
    async function* counted() {
      for await (const piece of exportPieces(review.id, recordFilterSchema.parse({}), "ris", 100)) {
        pages++;
        yield piece;
      }
    }
    const reader = exportStream(counted()).getReader();
    await reader.read();
    await reader.cancel();
    expect(pages).toBeLessThan(3);
  });
});
