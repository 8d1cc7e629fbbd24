import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember, makeRecords, makeVote } from "@/lib/screening/test-records";
import { bulkDecide, searchMyQueue } from "@/lib/screening/bulk";

describe("search and bulk decisions in one's own queue", () => {
  it("finds only records still waiting for my vote, decides them after the confirmed count, and audits the step", async () => {
    const { review, reviewer } = await makeReviewWithTeam();
    const other = await addMember(review.id, "Other", ["REVIEWER"]);
    const [a, b, c, d] = await makeRecords(review.id, ["Rats in vitro", "Mice IN VITRO assay", "Rats in vivo", "In vitro, decided already"]);
    await makeVote(review.id, d.id, reviewer.id, "INCLUDE");
    await makeVote(review.id, b.id, other.id, "INCLUDE");
    const found = await searchMyQueue(db, review.id, "TITLE_ABSTRACT", reviewer.id, "in vitro");
    expect(found.records.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(found.records.map((r) => r.id)).not.toContain(c.id);

    const reason = await db.exclusionReason.findFirstOrThrow({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
    const input = { stage: "TITLE_ABSTRACT" as const, q: "in vitro", decision: "EXCLUDE" as const, reasonId: reason.id };
    await expect(writeTransaction((tx) => bulkDecide(tx, reviewer.id, review.id, { ...input, expected: 3 }))).rejects.toThrow(/finds 2 records, not 3/);
    expect(await db.screeningDecision.count({ where: { reviewerId: reviewer.id } })).toBe(1);
    expect(await writeTransaction((tx) => bulkDecide(tx, reviewer.id, review.id, { ...input, expected: 2 }))).toBe(2);
    const mine = await db.screeningDecision.findMany({ where: { reviewerId: reviewer.id, recordId: { in: [a.id, b.id] } } });
    expect(mine.map((m) => [m.decision, m.reasonId])).toEqual([
      ["EXCLUDE", reason.id],
      ["EXCLUDE", reason.id],
    ]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, action: "bulk-decide" } });
    expect(audit.after).toMatchObject({ search: "in vitro", decision: "EXCLUDE" });
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "ScreeningDecision", action: "create", actorId: reviewer.id } })).toBe(2);
    expect((await searchMyQueue(db, review.id, "TITLE_ABSTRACT", reviewer.id, "in vitro")).records).toEqual([]);
  });
});
