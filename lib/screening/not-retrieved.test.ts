import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { makeRecords, makeResolution } from "@/lib/screening/test-records";
import { countStage, nextRecordIds } from "@/lib/screening/queue";
import { screenRecord } from "@/lib/screening/mutations";
import { markNotRetrieved, reopenRetrieval } from "@/lib/screening/study-mutations";

describe('"not retrieved" ends a record\'s full-text stage', () => {
  it("leaves the queue, counts as done, refuses votes, and can be reopened (audited)", async () => {
    const { review, owner, reviewer } = await makeReviewWithTeam();
    const records = await makeRecords(review.id, ["Found", "Lost"]);
    for (const r of records) await makeResolution(review.id, r.id, "INCLUDE");
    const lost = records[1];
    const queue = () => nextRecordIds(db, { reviewId: review.id, stage: "FULL_TEXT", reviewerId: reviewer.id, required: 2, exclude: [], limit: 10 });
    expect((await queue()).sort()).toEqual(records.map((r) => r.id).sort());
    expect(await countStage(review.id, "FULL_TEXT", 2)).toEqual({ total: 2, complete: 0 });

    await writeTransaction((tx) => markNotRetrieved(tx, owner.id, review.id, lost.id, "Library has no access"));
    expect(await queue()).toEqual([records[0].id]);
    expect(await countStage(review.id, "FULL_TEXT", 2)).toEqual({ total: 2, complete: 1 });
    await expect(
      writeTransaction((tx) => screenRecord(tx, reviewer.id, review.id, { stage: "FULL_TEXT", recordId: lost.id, decision: "INCLUDE", reasonId: null, note: "" })),
    ).rejects.toThrow(/not screened at this stage/);

    await writeTransaction((tx) => reopenRetrieval(tx, owner.id, review.id, lost.id));
    expect((await queue()).sort()).toEqual(records.map((r) => r.id).sort());
    expect(await countStage(review.id, "FULL_TEXT", 2)).toEqual({ total: 2, complete: 0 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, entity: "FullText", action: "reopen" } });
    expect(audit.before).toMatchObject({ status: "NOT_RETRIEVED", recordId: lost.id });
    await expect(writeTransaction((tx) => reopenRetrieval(tx, owner.id, review.id, lost.id))).rejects.toThrow(/not marked as not retrieved/);
  });
});
