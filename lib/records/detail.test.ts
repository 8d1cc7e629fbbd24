import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember, makeRecords } from "@/lib/screening/test-records";
import { screenRecord, resolveConflict } from "@/lib/screening/mutations";
import { getRecordDetail } from "@/lib/records/detail";
import { correctRecord } from "@/lib/records/corrections";
import { correctRecordSchema } from "@/lib/records/schema";
import { resolveAuditNames } from "@/lib/audit/names";

async function setup() {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const [rec, copy] = await makeRecords(team.review.id, ["Alendronate in rats", "Alendronate in rats (copy)"]);
  const reasons = await db.exclusionReason.findMany({ where: { reviewId: team.review.id }, orderBy: { position: "asc" } });
  return { ...team, second, rec, copy, reason: reasons[0] };
}

const vote = (reviewId: string, reviewerId: string, recordId: string, decision: "INCLUDE" | "EXCLUDE", reasonId = "", note = "") =>
  writeTransaction((tx) => screenRecord(tx, reviewerId, reviewId, { stage: "TITLE_ABSTRACT", recordId, decision, reasonId, note }));

describe("the record page's data", () => {
  it("hides a colleague's vote while blinded, then shows every vote, reason, note and who resolved it", async () => {
    const { review, owner, reviewer, second, adjudicator, rec, reason } = await setup();
    await vote(review.id, reviewer.id, rec.id, "EXCLUDE", reason.id, "rats were wild-type");
    const asSecond = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    expect(asSecond!.stages[0].votes).toEqual([]);
    expect(asSecond!.stages[0].hiddenVotes).toBe(1);
    expect(JSON.stringify(asSecond)).not.toContain("wild-type");

    await vote(review.id, second.id, rec.id, "INCLUDE");
    await writeTransaction((tx) => resolveConflict(tx, adjudicator.id, review.id, { stage: "TITLE_ABSTRACT", recordId: rec.id, outcome: "EXCLUDE", reasonId: reason.id, note: "protocol says rats" }));
    const after = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    const ta = after!.stages[0];
    expect(ta.votes.map((v) => [v.reviewer, v.decision, v.reason, v.note])).toEqual([
      ["Reviewer", "EXCLUDE", reason.label, "rats were wild-type"],
      ["Second", "INCLUDE", null, ""],
    ]);
    expect(ta.resolution).toMatchObject({ outcome: "EXCLUDE", method: "ADJUDICATION", reason: reason.label, note: "protocol says rats" });
    expect(ta.resolution!.by).toMatch(/^Adjudicator/);
    expect(after!.history).toBeNull(); // the audit trail is for owners

    const asOwner = await getRecordDetail(review.id, rec.id, { id: owner.id, roles: ["OWNER"] });
    expect(asOwner!.history!.map((e) => `${e.entity} ${e.action}`)).toEqual(["ScreeningDecision create", "ScreeningDecision create", "ScreeningResolution adjudicate"]);
  });

  it("lists every copy of the duplicate group with its source", async () => {
    const { review, owner, rec, copy } = await setup();
    const group = await db.duplicateGroup.create({ data: { reviewId: review.id, primaryRecordId: rec.id, origin: "MANUAL", score: 1, reasons: [] } });
    await db.record.update({ where: { id: rec.id }, data: { duplicateGroupId: group.id } });
    await db.record.update({ where: { id: copy.id }, data: { duplicateGroupId: group.id, isDuplicate: true } });
    const detail = await getRecordDetail(review.id, copy.id, { id: owner.id, roles: ["OWNER"] });
    expect(detail!.copies.map((c) => [c.id, c.isDuplicate])).toEqual([
      [rec.id, false],
      [copy.id, true],
    ]);
    expect(await getRecordDetail(review.id, "not-a-record", { id: owner.id, roles: ["OWNER"] })).toBeNull();
  });

  it("an owner's correction of title, DOI and year is audited with the old values", async () => {
    const { review, owner, rec } = await setup();
    const input = correctRecordSchema.parse({ slug: review.slug, recordId: rec.id, title: "Alendronate in ovariectomised rats", doi: "https://doi.org/10.1016/J.BONE.2019.01.001", year: "2019" });
    expect(await writeTransaction((tx) => correctRecord(tx, owner.id, review.id, input))).toBe(true);
    const saved = await db.record.findUniqueOrThrow({ where: { id: rec.id } });
    expect([saved.title, saved.doi, saved.year]).toEqual(["Alendronate in ovariectomised rats", "10.1016/j.bone.2019.01.001", 2019]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, entity: "Record", entityId: rec.id, action: "correct" } });
    expect(audit.before).toMatchObject({ title: "Alendronate in rats" });
    expect(correctRecordSchema.safeParse({ slug: "x", recordId: rec.id, title: "T", doi: "not a doi", year: "19" }).error?.issues.map((i) => i.path[0])).toEqual(["doi", "year"]);
    const detail = await getRecordDetail(review.id, rec.id, { id: owner.id, roles: ["OWNER"] });
    expect(detail!.history!.map((e) => e.action)).toContain("correct");
  });

  it("resolves the ids in audit events into titles, reason labels and names with links", async () => {
    const { review, reviewer, rec, reason } = await setup();
    await vote(review.id, reviewer.id, rec.id, "EXCLUDE", reason.id);
    const events = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: "ScreeningDecision" } });
    const names = await resolveAuditNames(review.id, review.slug, events);
    expect(names.get(rec.id)).toEqual({ label: "Alendronate in rats", href: `/reviews/${review.slug}/records/${rec.id}` });
    expect(names.get(reason.id)).toEqual({ label: reason.label });
    expect(names.get(reviewer.id)?.label).toMatch(/^Reviewer/);
  });
});

describe("record notes and labels", () => {
  it("keeps a colleague's note hidden while blinding hides their vote, then shows it", async () => {
    const { review, reviewer, second, rec } = await setup();
    const { saveRecordNote } = await import("@/lib/records/notes");
    await vote(review.id, reviewer.id, rec.id, "EXCLUDE");
    await writeTransaction((tx) => saveRecordNote(tx, reviewer.id, review.id, rec.id, "dose unclear", ["check later"]));
    const blinded = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    expect(blinded!.notes).toEqual([]);
    expect(blinded!.notesHidden).toBe(true);
    const own = await getRecordDetail(review.id, rec.id, { id: reviewer.id, roles: ["REVIEWER"] });
    expect(own!.notes.map((n) => [n.text, n.labels])).toEqual([["dose unclear", ["check later"]]]);
    await vote(review.id, second.id, rec.id, "EXCLUDE"); // agreement resolves it, and it goes no further
    const open = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    expect(open!.notes.map((n) => n.author)).toEqual(["Reviewer"].map((name) => expect.stringMatching(new RegExp(`^${name}`))));
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "RecordNote" } })).toBe(1);
  });

  it("keeps a note private while the record's stage is blinded and open, even before its author votes", async () => {
    const { review, reviewer, second, rec } = await setup();
    const { saveRecordNote } = await import("@/lib/records/notes");
    await writeTransaction((tx) => saveRecordNote(tx, reviewer.id, review.id, rec.id, "looks like an exclude", ["wild-type"]));
    const blinded = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    expect(blinded!.notes).toEqual([]);
    expect(blinded!.notesHidden).toBe(true);
    expect(JSON.stringify(blinded)).not.toContain("looks like an exclude");
    // Included at title/abstract, the record moves on to a blinded full-text stage: still private.
    await vote(review.id, reviewer.id, rec.id, "INCLUDE");
    await vote(review.id, second.id, rec.id, "INCLUDE");
    const atFullText = await getRecordDetail(review.id, rec.id, { id: second.id, roles: ["REVIEWER"] });
    expect(atFullText!.notesHidden).toBe(true);
    expect(atFullText!.notes).toEqual([]);
  });
});
