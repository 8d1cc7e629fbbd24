import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import type { BibRecord } from "@/lib/formats/record";
import { createSearch, importParsedFiles, undoImport } from "@/lib/imports/mutations";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { bulkDecide, decidePair, runDeduplication, setPrimary, undoMerge } from "./mutations";
import { article, unrelatedTrial as unrelated } from "./test-fixtures";

type Team = Awaited<ReturnType<typeof makeReviewWithTeam>>;

async function importInto(t: Team, database: string, records: BibRecord[]) {
  return writeTransaction(async (tx) => {
    const search = await createSearch(tx, t.owner.id, t.review.id, { kind: "DATABASE", database, platform: "", searchString: "" });
    await importParsedFiles(tx, t.owner.id, t.review.id, search.id, [{ fileName: `${database}.ris`, result: { format: "ris", encoding: "utf-8", records, warnings: [] } }]);
    return search.id;
  });
}

const run = (t: Team) => writeTransaction((tx) => runDeduplication(tx, t.owner.id, t.review.id));
const byTitle = (t: Team, title: string) => db.record.findMany({ where: { reviewId: t.review.id, title }, orderBy: { position: "asc" } });
const perSearch = async (t: Team, searchId: string) => db.record.count({ where: { reviewId: t.review.id, import: { searchId } } });

// The same paper as exported by another database: no abstract, but an ISSN the first copy lacks.
const embaseCopy: BibRecord = { ...article, abstract: undefined, issn: "1071-9164", journal: "J Card Fail", pages: "221-8" };
const pubmedCopy: BibRecord = { ...article, issn: undefined };
// Same title and authors in another journal and volume without identifiers: a person must look.
const lookalike: BibRecord = { ...article, doi: undefined, pmid: undefined, journal: "European Journal of Heart Failure", journalAbbrev: undefined, volume: "21", pages: undefined };

describe("runDeduplication", () => {
  it("merges certain duplicates, keeps every record and its source, fills the primary, and audits it", async () => {
    const t = await makeReviewWithTeam();
    const pubmed = await importInto(t, "PubMed", [pubmedCopy, unrelated]);
    const embase = await importInto(t, "Embase", [embaseCopy]);
    const summary = await run(t);

    expect(summary).toMatchObject({ records: 3, newRecords: 3, possiblePairs: [] });
    expect(summary.groups).toHaveLength(1);
    const [primary, duplicate] = await byTitle(t, article.title);
    expect(summary.groups[0]).toMatchObject({ primary: primary.id, created: true });
    expect(summary.groups[0].members.sort()).toEqual([primary.id, duplicate.id].sort());
    // Nothing deleted; PRISMA counts per database unchanged; one record removed as a duplicate.
    expect(await perSearch(t, pubmed)).toBe(2);
    expect(await perSearch(t, embase)).toBe(1);
    expect(primary).toMatchObject({ isDuplicate: false, duplicateGroupId: duplicate.duplicateGroupId, issn: "1071-9164", abstract: article.abstract });
    expect(duplicate).toMatchObject({ isDuplicate: true, issn: "1071-9164", abstract: "" });
    const group = await db.duplicateGroup.findUniqueOrThrow({ where: { id: primary.duplicateGroupId! } });
    expect(group).toMatchObject({ origin: "AUTOMATIC", primaryRecordId: primary.id });
    expect(group.filled).toEqual([{ recordId: primary.id, field: "issn", from: duplicate.id, previous: "", value: "1071-9164" }]);

    const events = await db.auditEvent.findMany({ where: { reviewId: t.review.id, entity: { in: ["DuplicateGroup", "Deduplication"] } } });
    expect(events.map((e) => `${e.entity}:${e.action}`).sort()).toEqual(["Deduplication:run", "DuplicateGroup:merge"]);
    expect(events.find((e) => e.action === "merge")).toMatchObject({ entityId: group.id, actorId: t.owner.id });
    expect(await db.record.count({ where: { reviewId: t.review.id, dedupCheckedAt: null } })).toBe(0);
  });

  it("undo restores the filled fields and every member, and a re-run does not merge them again", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [pubmedCopy]);
    await importInto(t, "Embase", [embaseCopy]);
    const { groups } = await run(t);
    await writeTransaction((tx) => undoMerge(tx, t.owner.id, t.review.id, groups[0].id));

    const rows = await byTitle(t, article.title);
    for (const r of rows) expect(r).toMatchObject({ isDuplicate: false, duplicateGroupId: null });
    expect(rows[0].issn).toBe("");
    expect(await db.duplicateGroup.count({ where: { reviewId: t.review.id } })).toBe(0);
    expect(await db.duplicatePair.findMany({ where: { reviewId: t.review.id } })).toEqual([expect.objectContaining({ status: "DIFFERENT", decidedById: t.owner.id })]);
    expect(await db.auditEvent.count({ where: { reviewId: t.review.id, entity: "DuplicateGroup", action: "undo" } })).toBe(1);

    // A third copy arrives: it may join one of the two, never both, and the question a person
    // already answered (are those two the same?) is not asked again.
    await importInto(t, "Scopus", [{ ...article }]);
    const again = await run(t);
    expect(again.groups).toHaveLength(1);
    expect(again.groups[0].members).toHaveLength(2);
    expect(again.possiblePairs).toHaveLength(0);
  });

  it("a DIFFERENT decision survives re-runs, and a re-run queues only pairs with new records", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [{ ...article, doi: undefined, pmid: undefined }, unrelated]);
    await importInto(t, "Embase", [lookalike]);
    const first = await run(t);
    expect(first.groups).toHaveLength(0);
    expect(first.possiblePairs).toHaveLength(1);
    await writeTransaction((tx) => decidePair(tx, t.owner.id, t.review.id, first.possiblePairs[0].id, "DIFFERENT"));

    // Nothing new: nothing compared, nothing queued.
    expect(await run(t)).toMatchObject({ newRecords: 0, groups: [], possiblePairs: [] });

    // A new import with a near copy of the unrelated trial and an exact copy of the look-alike.
    await importInto(t, "Scopus", [{ ...unrelated, doi: undefined, pages: "1001-10", journal: "Hypertens" }, { ...lookalike }]);
    const third = await run(t);
    expect(third.newRecords).toBe(2);
    const decided = await db.duplicatePair.findUniqueOrThrow({ where: { id: first.possiblePairs[0].id } });
    expect(decided.status).toBe("DIFFERENT");
    const pairs = await db.duplicatePair.findMany({ where: { reviewId: t.review.id } });
    const newIds = new Set((await db.record.findMany({ where: { reviewId: t.review.id, import: { search: { database: "Scopus" } } } })).map((r) => r.id));
    for (const p of pairs.filter((p) => p.id !== decided.id)) expect(newIds.has(p.recordAId) || newIds.has(p.recordBId)).toBe(true);
    // The records decided different are never in one group.
    const [a, b] = await Promise.all([db.record.findUniqueOrThrow({ where: { id: decided.recordAId } }), db.record.findUniqueOrThrow({ where: { id: decided.recordBId } })]);
    expect(a.duplicateGroupId === null || a.duplicateGroupId !== b.duplicateGroupId).toBe(true);
  });
});

describe("undoing an import", () => {
  it("dissolves the groups it touched and the next run regroups the records that remain", async () => {
    const t = await makeReviewWithTeam();
    const pubmed = await importInto(t, "PubMed", [pubmedCopy]);
    await importInto(t, "Embase", [embaseCopy]);
    await importInto(t, "Scopus", [{ ...embaseCopy, issn: undefined }]);
    const first = await run(t);
    expect(first.groups[0].members).toHaveLength(3);
    const imported = await db.import.findFirstOrThrow({ where: { searchId: pubmed } });
    await writeTransaction((tx) => undoImport(tx, t.owner.id, t.review.id, imported.id));

    const left = await byTitle(t, article.title);
    expect(left).toHaveLength(2);
    for (const r of left) expect(r).toMatchObject({ duplicateGroupId: null, isDuplicate: false, dedupCheckedAt: null });
    const again = await run(t);
    expect(again.groups).toHaveLength(1);
    expect(again.groups[0].members.sort()).toEqual(left.map((r) => r.id).sort());
    expect(await db.record.count({ where: { reviewId: t.review.id, isDuplicate: true } })).toBe(1);
  });
});

describe("decisions", () => {
  it("SAME makes a manual group; setPrimary moves the filled fields with the primary role", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [{ ...article, doi: undefined, pmid: undefined }]);
    await importInto(t, "Embase", [{ ...lookalike, issue: undefined, abstract: undefined, issn: "1388-9842" }]);
    const { possiblePairs } = await run(t);
    const decided = await writeTransaction((tx) => decidePair(tx, t.owner.id, t.review.id, possiblePairs[0].id, "SAME"));
    const group = await db.duplicateGroup.findUniqueOrThrow({ where: { id: decided.groupId! }, include: { records: true } });
    expect(group.origin).toBe("MANUAL");
    expect(group.records.filter((r) => r.isDuplicate)).toHaveLength(1);
    expect(await db.duplicatePair.findUniqueOrThrow({ where: { id: possiblePairs[0].id } })).toMatchObject({ status: "SAME", decidedById: t.owner.id });
    await expect(writeTransaction((tx) => decidePair(tx, t.owner.id, t.review.id, possiblePairs[0].id, "DIFFERENT"))).rejects.toThrow(/already decided/);

    const oldPrimary = group.records.find((r) => r.id === group.primaryRecordId)!;
    const other = group.records.find((r) => r.id !== group.primaryRecordId)!;
    expect(oldPrimary.issn).toBe("1388-9842");
    await writeTransaction((tx) => setPrimary(tx, t.owner.id, t.review.id, group.id, other.id));
    const [before, after] = await Promise.all([db.record.findUniqueOrThrow({ where: { id: oldPrimary.id } }), db.record.findUniqueOrThrow({ where: { id: other.id } })]);
    expect(before).toMatchObject({ issn: "", isDuplicate: true });
    expect(after).toMatchObject({ isDuplicate: false, abstract: article.abstract, issn: "1388-9842" });
  });

  it("bulkDecide accepts a score band and leaves the rest queued", async () => {
    const t = await makeReviewWithTeam();
    await importInto(t, "PubMed", [{ ...article, doi: undefined, pmid: undefined }, unrelated]);
    await importInto(t, "Embase", [lookalike, { ...unrelated, doi: undefined, title: "Salt intake and blood pressure in rural villages: a cluster randomised trial" }]);
    const { possiblePairs } = await run(t);
    expect(possiblePairs.length).toBe(2);
    const [high, low] = [...possiblePairs].sort((x, y) => y.score - x.score);
    expect(high.score).toBeGreaterThan(low.score); // 0.971 (title 0.87) vs 0.9 (capped: another volume)
    const min = (high.score + low.score) / 2;
    const result = await writeTransaction((tx) => bulkDecide(tx, t.owner.id, t.review.id, { minScore: min, maxScore: 1, decision: "SAME" }));
    expect(result.decided).toBe(1);
    expect(await db.duplicatePair.findUniqueOrThrow({ where: { id: low.id } })).toMatchObject({ status: "POSSIBLE" });
    expect(await db.record.count({ where: { reviewId: t.review.id, isDuplicate: true } })).toBe(1);
  });
});
