import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { addMember, removeMember, setMemberRoles } from "@/lib/members/mutations";
import { makeReviewWithTeam, makeUser } from "@/lib/test/factories";

describe("membership rules", () => {
  it("adds an existing account with several roles and audits it", async () => {
    const { review, owner } = await makeReviewWithTeam();
    const colleague = await makeUser("Colleague");
    await writeTransaction((tx) => addMember(tx, owner.id, review.id, colleague.email, ["REVIEWER", "ADJUDICATOR"]));
    const roles = await db.membership.findMany({ where: { reviewId: review.id, userId: colleague.id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["ADJUDICATOR", "REVIEWER"]);
    const audit = await db.auditEvent.findFirst({ where: { reviewId: review.id, entity: "Membership", action: "add", entityId: colleague.id } });
    expect(audit?.actorId).toBe(owner.id);
  });

  it("refuses unknown e-mails and existing members", async () => {
    const { review, owner, reviewer } = await makeReviewWithTeam();
    await expect(writeTransaction((tx) => addMember(tx, owner.id, review.id, "ghost@example.org", ["REVIEWER"]))).rejects.toThrow(/sign up first/);
    await expect(writeTransaction((tx) => addMember(tx, owner.id, review.id, reviewer.email, ["REVIEWER"]))).rejects.toThrow(/already a member/);
  });

  it("never leaves a review without an owner", async () => {
    const { review, owner, reviewer } = await makeReviewWithTeam();
    await expect(writeTransaction((tx) => removeMember(tx, owner.id, review.id, owner.id))).rejects.toThrow(/at least one owner/);
    await expect(writeTransaction((tx) => setMemberRoles(tx, owner.id, review.id, owner.id, ["REVIEWER"]))).rejects.toThrow(/at least one owner/);
    await writeTransaction((tx) => setMemberRoles(tx, owner.id, review.id, reviewer.id, ["OWNER", "REVIEWER"]));
    await writeTransaction((tx) => removeMember(tx, reviewer.id, review.id, owner.id));
    expect(await db.membership.count({ where: { reviewId: review.id, userId: owner.id } })).toBe(0);
  });

  it("writes the audit event in the same transaction, so a failed change leaves no trace", async () => {
    const { review, owner } = await makeReviewWithTeam();
    const before = await db.auditEvent.count({ where: { reviewId: review.id } });
    await expect(writeTransaction((tx) => removeMember(tx, owner.id, review.id, owner.id))).rejects.toThrow();
    expect(await db.auditEvent.count({ where: { reviewId: review.id } })).toBe(before);
  });
});
