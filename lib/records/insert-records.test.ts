import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/database-url";
import { statSync } from "node:fs";
import { db, deferredCheckpoints, sqliteConnectionOf, writeTransaction } from "@/lib/db";
import { generateMedline } from "../../bench/import-files";
import { parseBuffer } from "@/lib/formats/parse";
import type { BibRecord } from "@/lib/formats/record";
import { createSearch, importFileBytes, importParsedFiles } from "@/lib/imports/mutations";
import { insertRecords } from "@/lib/records/mutations";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { countTurns } from "@/lib/test/turns";

const generated = parseBuffer(new TextEncoder().encode(generateMedline(30)), { fileName: "bench.nbib" }).records;

/** Every stored column but the ones that differ per insert, with SQLite's storage class of each. */
async function storedRows(reviewId: string) {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT *, typeof("position") AS tPosition, typeof("year") AS tYear, typeof("doi") AS tDoi, typeof("createdAt") AS tCreatedAt, "createdAt" || '' AS stamp
     FROM "Record" WHERE "reviewId" = ? ORDER BY "position"`,
    reviewId,
  );
  return rows.map(({ id, reviewId: _review, createdAt: _date, stamp, ...rest }) => {
    expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    return rest;
  });
}

async function newSearch() {
  const team = await makeReviewWithTeam();
  const search = await writeTransaction((tx) => createSearch(tx, team.owner.id, team.review.id, { kind: "DATABASE", database: "PubMed", platform: "", searchString: "" }));
  return { ...team, search };
}

describe("insertRecords", () => {
  it("writes on Prisma's own connection inside a write transaction, and only there", async () => {
    expect(sqliteConnectionOf(db)).toBeNull();
    await writeTransaction(async (tx) => {
      expect(sqliteConnectionOf(tx)?.inTransaction).toBe(true);
    });
  });

  it("stores exactly the rows Prisma's multi-row INSERT stores, and Prisma reads them back", async () => {
    const a = await makeReviewWithTeam();
    const b = await makeReviewWithTeam();
    await insertRecords(db, a.review.id, null, generated); // outside a transaction: through Prisma
    await writeTransaction((tx) => insertRecords(tx, b.review.id, null, generated)); // prepared statement
    const viaPrisma = await storedRows(a.review.id);
    expect(viaPrisma).toHaveLength(generated.length);
    expect(viaPrisma[0]).toMatchObject({ tPosition: "integer", tYear: "integer", tDoi: "text", tCreatedAt: "text" });
    expect(await storedRows(b.review.id)).toEqual(viaPrisma);

    const read = await db.record.findMany({ where: { reviewId: b.review.id }, orderBy: { position: "asc" } });
    expect(read[3].createdAt).toBeInstanceOf(Date);
    expect(read[3]).toMatchObject({ title: generated[3].title, authors: generated[3].authors, raw: generated[3].raw, mesh: generated[3].mesh, year: generated[3].year });
  });

  it("is invisible to another connection until the transaction commits", async () => {
    const { review } = await makeReviewWithTeam();
    const other = new Database(databaseUrl().slice("file:".length), { readonly: true });
    const count = () => (other.prepare(`SELECT count(*) AS n FROM "Record" WHERE "reviewId" = ?`).get(review.id) as { n: number }).n;
    try {
      await writeTransaction(async (tx) => {
        await insertRecords(tx, review.id, null, generated);
        expect(count()).toBe(0);
      });
      expect(count()).toBe(generated.length);
    } finally {
      other.close();
    }
  });

  it("leaves no records, no import and no audit row when a record fails to store part-way, and the connection goes on working", async () => {
    const { review, owner, search } = await newSearch();
    const records: BibRecord[] = Array.from({ length: 1200 }, (_, i) => ({ ...generated[i % generated.length] }));
    records[1100] = { ...records[1100], title: null as unknown as string }; // NOT NULL: the INSERT fails after 1,100 rows
    await expect(
      writeTransaction((tx) => importParsedFiles(tx, owner.id, review.id, search.id, [{ fileName: "a.nbib", result: { format: "medline", encoding: "utf-8", records, warnings: [] } }])),
    ).rejects.toThrow(/NOT NULL/);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await db.import.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Import" } })).toBe(0);

    const bytes = new TextEncoder().encode(generateMedline(30));
    const stored = await writeTransaction((tx) => importFileBytes(tx, owner.id, review.id, search.id, { fileName: "b.nbib", bytes, format: "auto" }));
    expect(stored.records).toBe(30);
    expect(await db.record.count({ where: { reviewId: review.id, importId: stored.id } })).toBe(30);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Import", entityId: stored.id } })).toBe(1);
  });

  it("rolls back the batches already stored when a later one fails, with the audit row", async () => {
    const { review, owner, search } = await newSearch();
    const bytes = new TextEncoder().encode(generateMedline(1200));
    await expect(
      writeTransaction(async (tx) => {
        await importFileBytes(tx, owner.id, review.id, search.id, { fileName: "c.nbib", bytes, format: "auto" });
        throw new Error("something after the import failed");
      }),
    ).rejects.toThrow(/after the import/);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await db.import.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Import" } })).toBe(0);
  });

  it("lets other requests run between batches of a large import (the store itself is synchronous)", async () => {
    const { review, owner, search } = await newSearch();
    const bytes = new TextEncoder().encode(generateMedline(2000));
    const stop = countTurns();
    await writeTransaction((tx) => importFileBytes(tx, owner.id, review.id, search.id, { fileName: "d.nbib", bytes, format: "auto" }));
    const turns = stop();
    // Twenty batches of 100: the event loop turns at least once between each.
    expect(turns).toBeGreaterThanOrEqual(20);
  });
});

describe("a bulk write transaction", () => {
  it("commits without checkpointing, then checkpoints off this thread and restores the automatic checkpoint", async () => {
    const { review, owner, search } = await newSearch();
    const file = databaseUrl().slice("file:".length);
    const frames = () => {
      // A PASSIVE checkpoint on a connection of our own reports [busy, frames in the log, frames checkpointed].
      const probe = new Database(file);
      try {
        return probe.pragma("wal_checkpoint(PASSIVE)") as { busy: number; log: number; checkpointed: number }[];
      } finally {
        probe.close();
      }
    };
    const bytes = new TextEncoder().encode(generateMedline(1500)); // ~10 MB of rows: well past 1,000 pages of WAL
    let inside = -1;
    const walBytes = () => statSync(`${file}-wal`).size;
    await writeTransaction(
      async (tx) => {
        inside = Number(sqliteConnectionOf(tx)!.pragma("wal_autocheckpoint", { simple: true })); // the adapter reads integers as BigInt
        await importFileBytes(tx, owner.id, review.id, search.id, { fileName: "bulk.nbib", bytes, format: "auto" });
      },
      { bulk: true },
    );
    expect(inside).toBe(0);
    // The COMMIT left the log whole (an automatic checkpoint would have copied it and started over).
    expect(walBytes()).toBeGreaterThan(8_000_000);
    await deferredCheckpoints();
    const [after] = frames();
    expect(after.log).toBe(after.checkpointed);
    await writeTransaction(async (tx) => {
      expect(Number(sqliteConnectionOf(tx)!.pragma("wal_autocheckpoint", { simple: true }))).toBe(1000);
    });
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(1500);
  }, 60_000);
});
