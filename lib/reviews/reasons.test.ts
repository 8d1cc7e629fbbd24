import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { makeRecords } from "@/lib/screening/test-records";
import { screenRecord } from "@/lib/screening/mutations";
import { getStageReasons } from "@/lib/screening/data";
import { loadFlowSnapshot } from "@/lib/flow/data";
import { countFlow } from "@/lib/flow/count";
import { addReason, deleteReason, editReason, mergeReasons, moveReason, setReasonRetired } from "@/lib/reviews/reasons";
import { updateProtocol } from "@/lib/reviews/mutations";
import { updateProtocolSchema } from "@/lib/reviews/schema";

async function setup() {
  const team = await makeReviewWithTeam();
  const [rec] = await makeRecords(team.review.id, ["Alpha"]);
  const reasons = await db.exclusionReason.findMany({ where: { reviewId: team.review.id }, orderBy: { position: "asc" } });
  const byLabel = (label: string) => reasons.find((r) => r.label === label)!;
  return { ...team, rec, byLabel };
}

const exclude = (reviewerId: string, reviewId: string, recordId: string, reasonId: string) =>
  writeTransaction((tx) => screenRecord(tx, reviewerId, reviewId, { stage: "TITLE_ABSTRACT", recordId, decision: "EXCLUDE", reasonId, note: "" }));

describe("exclusion reasons edited in place", () => {
  it("renames a reason in use: the decision keeps it, PRISMA shows the new label, and the rename is audited", async () => {
    const { review, owner, reviewer, rec, byLabel } = await setup();
    const wrongPop = byLabel("Wrong population");
    await db.review.update({ where: { id: review.id }, data: { settings: { titleAbstract: { reviewersPerRecord: 1, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 1, blinded: true, allowMaybe: false } } } });
    // PRISMA lists reasons for reports excluded at full text.
    await writeTransaction((tx) => screenRecord(tx, reviewer.id, review.id, { stage: "TITLE_ABSTRACT", recordId: rec.id, decision: "INCLUDE", reasonId: "", note: "" }));
    await writeTransaction((tx) => screenRecord(tx, reviewer.id, review.id, { stage: "FULL_TEXT", recordId: rec.id, decision: "EXCLUDE", reasonId: wrongPop.id, note: "" }));
    expect(JSON.stringify(countFlow(await loadFlowSnapshot(review.id)))).toContain("Wrong population");
    await writeTransaction((tx) => editReason(tx, owner.id, review.id, wrongPop.id, "Not rodents", "BOTH"));
    expect((await db.screeningDecision.findFirstOrThrow({ where: { recordId: rec.id } })).reasonId).toBe(wrongPop.id);
    const flow = countFlow(await loadFlowSnapshot(review.id));
    expect(JSON.stringify(flow)).toContain("Not rodents");
    expect(JSON.stringify(flow)).not.toContain("Wrong population");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, entity: "ExclusionReason", action: "rename" } });
    expect(audit.before).toMatchObject({ label: "Wrong population" });
    expect(audit.after).toMatchObject({ label: "Not rodents" });
  });

  it("refuses a rename onto another reason's label", async () => {
    const { review, owner, byLabel } = await setup();
    await expect(writeTransaction((tx) => editReason(tx, owner.id, review.id, byLabel("Wrong population").id, "wrong INTERVENTION", "BOTH"))).rejects.toThrow(/merge/);
  });

  it("a retired reason is not offered for new decisions, stays on old ones, and can be restored", async () => {
    const { review, owner, reviewer, adjudicator, rec, byLabel } = await setup();
    const design = byLabel("Wrong study design");
    await exclude(reviewer.id, review.id, rec.id, design.id);
    await writeTransaction((tx) => setReasonRetired(tx, owner.id, review.id, design.id, true));
    expect((await getStageReasons(review.id, "TITLE_ABSTRACT")).map((r) => r.id)).not.toContain(design.id);
    expect((await db.screeningDecision.findFirstOrThrow({ where: { reviewerId: reviewer.id } })).reasonId).toBe(design.id);
    await db.membership.create({ data: { reviewId: review.id, userId: adjudicator.id, role: "REVIEWER" } });
    await expect(exclude(adjudicator.id, review.id, rec.id, design.id)).rejects.toThrow(/listed reasons/);
    await writeTransaction((tx) => setReasonRetired(tx, owner.id, review.id, design.id, false));
    expect((await getStageReasons(review.id, "TITLE_ABSTRACT")).map((r) => r.id)).toContain(design.id);
  });

  it("merges two reasons: every decision moves, the merged one disappears, the counts are audited", async () => {
    const { review, owner, reviewer, rec, byLabel } = await setup();
    const a = byLabel("Wrong comparator");
    const b = byLabel("Wrong intervention");
    await exclude(reviewer.id, review.id, rec.id, a.id);
    const moved = await writeTransaction((tx) => mergeReasons(tx, owner.id, review.id, a.id, b.id));
    expect(moved.decisions).toBe(1);
    expect((await db.screeningDecision.findFirstOrThrow({ where: { recordId: rec.id } })).reasonId).toBe(b.id);
    expect(await db.exclusionReason.findUnique({ where: { id: a.id } })).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, action: "merge" } });
    expect(audit.after).toMatchObject({ movedDecisions: 1, label: "Wrong intervention" });
  });

  it("reorders, adds and deletes only unused reasons", async () => {
    const { review, owner, reviewer, rec, byLabel } = await setup();
    const second = byLabel("Wrong intervention");
    await writeTransaction((tx) => moveReason(tx, owner.id, review.id, second.id, "up"));
    const order = (await db.exclusionReason.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } })).map((r) => r.label);
    expect(order.slice(0, 2)).toEqual(["Wrong intervention", "Wrong population"]);
    const added = await writeTransaction((tx) => addReason(tx, owner.id, review.id, "Animal not rodent", "TITLE_ABSTRACT"));
    await exclude(reviewer.id, review.id, rec.id, added.id);
    await expect(writeTransaction((tx) => deleteReason(tx, owner.id, review.id, added.id))).rejects.toThrow(/retire it or merge/);
    await writeTransaction((tx) => deleteReason(tx, owner.id, review.id, byLabel("Wrong outcomes").id));
    expect(await db.exclusionReason.count({ where: { reviewId: review.id, label: "Wrong outcomes" } })).toBe(0);
  });

  it("saving the protocol without reason lists leaves the reasons alone", async () => {
    const { review, owner } = await setup();
    const before = await db.exclusionReason.count({ where: { reviewId: review.id } });
    await writeTransaction((tx) => updateProtocol(tx, owner.id, review.id, updateProtocolSchema.parse({ slug: review.slug, title: "Renamed review" })));
    expect(await db.exclusionReason.count({ where: { reviewId: review.id } })).toBe(before);
  });
});
