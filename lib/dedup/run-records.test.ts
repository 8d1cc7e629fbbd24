import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { loadBibtexParser } from "@/lib/formats/bibtex";
import { parseBuffer } from "@/lib/formats/parse";
import type { BibRecord } from "@/lib/formats/record";
import { createSearch, importParsedFiles } from "@/lib/imports/mutations";
import { toBibRecord } from "@/lib/records/to-bib-record";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { findDuplicates } from "./detect";
import { extractFeatures } from "./features";
import { runDeduplication } from "./mutations";
import { featuresOfRow, FEATURE_SELECT, loadRunRecords } from "./run-records";
import { article, author, record, unrelatedTrial } from "./test-fixtures";

type Team = Awaited<ReturnType<typeof makeReviewWithTeam>>;

async function importInto(t: Team, database: string, records: BibRecord[]) {
  await writeTransaction(async (tx) => {
    const search = await createSearch(tx, t.owner.id, t.review.id, { kind: "DATABASE", database, platform: "", searchString: "" });
    await importParsedFiles(tx, t.owner.id, t.review.id, search.id, [{ fileName: `${database}.ris`, result: { format: "ris", encoding: "utf-8", records, warnings: [] } }]);
  }, { timeout: 120_000 });
}

const wholeRows = (t: Team) => db.record.findMany({ where: { reviewId: t.review.id }, orderBy: { id: "asc" } });

describe("loadRunRecords", () => {
  const full = record({
    ...article, keywords: ["beta blockers"], mesh: ["Heart Failure"], issn: "1071-9164", language: "eng", publicationType: "Conference Paper",
    url: "https://example.org/a", sourceDatabase: "Embase", authors: [...article.authors, author("Anonymous", "")],
  });

  it("reads only the columns features need, yet gives the features of the whole row", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [full, unrelatedTrial, record({ title: "Erratum: Part II", pages: "e12" })]);
    const rows = await wholeRows(t);
    const narrow = await db.record.findMany({ where: { reviewId: t.review.id }, select: FEATURE_SELECT, orderBy: { id: "asc" } });
    expect(narrow.map((r) => featuresOfRow(r))).toEqual(rows.map((r) => extractFeatures(toBibRecord(r))));
  });

  it("pages through every record once, those compared before first, in id order within each", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [full, unrelatedTrial, { ...article, doi: undefined }]);
    await writeTransaction((tx) => runDeduplication(tx, t.owner.id, t.review.id));
    await importInto(t, "Embase", [{ ...unrelatedTrial, pages: "1001-10" }, record({ title: "Another trial entirely" })]);
    const rows = await wholeRows(t);
    const pages: number[] = [];
    const run = await writeTransaction((tx) => loadRunRecords(tx, t.review.id, (n) => pages.push(n), 2));
    expect(pages).toEqual([2, 4, 5]);
    const old = rows.filter((r) => r.dedupCheckedAt !== null).map((r) => r.id);
    expect(run.ids).toEqual([...old, ...rows.filter((r) => r.dedupCheckedAt === null).map((r) => r.id)]);
    expect(run.firstNew).toBe(3);
    expect(run.features).toEqual(run.ids.map((id) => extractFeatures(toBibRecord(rows.find((r) => r.id === id)!))));
    expect(run.grouping.filter((g) => g.duplicateGroupId).length).toBe(2);
  });
});

/**
 * One Zotero library exported as RIS and BibTeX (real files): a detection run that streams records
 * in pages and loads rows per merge batch must store what detection on whole rows finds.
 */
const dir = path.resolve(__dirname, "../../../shared/fixtures/import/asysd");
const available = existsSync(path.join(dir, "zotero_export.ris")) && existsSync(path.join(dir, "zotero_export.bib"));

describe.skipIf(!available)("a detection run in pages and batches", () => {
  let ris: BibRecord[] = [];
  let bib: BibRecord[] = [];
  beforeAll(async () => {
    await loadBibtexParser();
    const read = (name: string) => parseBuffer(new Uint8Array(readFileSync(path.join(dir, name))), { fileName: name }).records;
    // The first 400 of each export: enough for several pages and merge batches, and quick.
    ris = read("zotero_export.ris").slice(0, 400);
    bib = read("zotero_export.bib").slice(0, 400);
  }, 120_000);

  /** Everything a run decides, with record ids replaced by "database:position" so two reviews compare. */
  async function outcome(t: Team) {
    const rows = await db.record.findMany({ where: { reviewId: t.review.id }, select: { id: true, position: true, duplicateGroupId: true, isDuplicate: true, import: { select: { search: { select: { database: true } } } } } });
    const name = new Map(rows.map((r) => [r.id, `${r.import!.search.database}:${r.position}`]));
    const groups = await db.duplicateGroup.findMany({ where: { reviewId: t.review.id } });
    const pairs = await db.duplicatePair.findMany({ where: { reviewId: t.review.id } });
    const members = (groupId: string) => rows.filter((r) => r.duplicateGroupId === groupId).map((r) => name.get(r.id)!).sort();
    return {
      groups: groups
        .map((g) => ({ primary: name.get(g.primaryRecordId), members: members(g.id), score: g.score, reasons: g.reasons, filled: (g.filled as { recordId: string; field: string; from: string; value: unknown }[]).map((f) => ({ ...f, recordId: name.get(f.recordId), from: f.from.split(",").map((id) => name.get(id)).join(",") })) }))
        .sort((x, y) => (x.members[0] < y.members[0] ? -1 : 1)),
      pairs: pairs.map((p) => ({ a: name.get(p.recordAId), b: name.get(p.recordBId), score: p.score, reasons: p.reasons, status: p.status })).sort((x, y) => (`${x.a}${x.b}` < `${y.a}${y.b}` ? -1 : 1)),
      duplicates: rows.filter((r) => r.isDuplicate).length,
    };
  }

  it("stores the groups and queue that detection on whole rows finds, and pages change nothing on a re-run", async () => {
    const [paged, whole] = [await makeReviewWithTeam(), await makeReviewWithTeam()];
    for (const t of [paged, whole]) {
      await importInto(t, "RIS", ris);
      await importInto(t, "BibTeX", bib);
    }
    // What the run did before it streamed: detection over every whole row, in id order.
    const rows = await wholeRows(paged);
    const expected = findDuplicates(rows.map((r) => toBibRecord({ ...r, raw: {} })));
    const small = { loadChunk: 150, mergeBatch: 50 };
    const summary = await writeTransaction((tx) => runDeduplication(tx, paged.owner.id, paged.review.id, undefined, small), { timeout: 120_000 });
    expect(expected.groups.length).toBeGreaterThan(small.mergeBatch);
    const asIds = (members: number[]) => members.map((m) => rows[m].id).sort();
    expect(summary.groups.map((g) => ({ primary: g.primary, members: [...g.members].sort(), score: g.score, reasons: g.reasons })).sort((x, y) => (x.members[0] < y.members[0] ? -1 : 1)))
      .toEqual(expected.groups.map((g) => ({ primary: rows[g.primary].id, members: asIds(g.members), score: g.score, reasons: g.reasons })).sort((x, y) => (x.members[0] < y.members[0] ? -1 : 1)));
    expect(summary.possiblePairs.map((p) => [p.a, p.b].sort().join("|")).sort()).toEqual(expected.possiblePairs.map((p) => asIds([p.a, p.b]).join("|")).sort());

    await writeTransaction((tx) => runDeduplication(tx, whole.owner.id, whole.review.id), { timeout: 120_000 });
    expect(await outcome(paged)).toEqual(await outcome(whole));

    // A third export of the library extends the stored groups: their members' rows are loaded batch by batch.
    const third = ris.map((r) => ({ ...r, abstract: undefined, issn: r.issn ?? "0000-0000" }));
    for (const t of [paged, whole]) await importInto(t, "Scopus", third);
    await writeTransaction((tx) => runDeduplication(tx, paged.owner.id, paged.review.id, undefined, small), { timeout: 120_000 });
    await writeTransaction((tx) => runDeduplication(tx, whole.owner.id, whole.review.id), { timeout: 120_000 });
    const [a, b] = [await outcome(paged), await outcome(whole)];
    expect(a).toEqual(b);
    expect(a.groups.some((g) => g.members.some((m) => m.startsWith("Scopus:")) && g.filled.some((f) => f.field === "issn"))).toBe(true);
  }, 300_000);
});
