import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { acceptInvitation, createInvitation, findUsableInvitation, withdrawInvitation } from "@/lib/invitations/mutations";
import { createUser } from "@/lib/users/mutations";
import { makeReviewWithTeam } from "@/lib/test/factories";

async function signUpWith(token: string, email: string) {
  return writeTransaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, token, email);
    const user = await createUser(tx, { email, name: "Newcomer", password: "long-enough-password" });
    return { user, slug: await acceptInvitation(tx, invitation.id, user.id) };
  });
}

describe("invitations without e-mail", () => {
  it("an invited address joins the review with its roles on sign-up, audited, and the link works once", async () => {
    const { review, owner } = await makeReviewWithTeam();
    const invitation = await writeTransaction((tx) => createInvitation(tx, owner.id, review.id, "new@example.org", ["REVIEWER", "ADJUDICATOR"]));
    expect(invitation.token.length).toBeGreaterThanOrEqual(32);
    const { user, slug } = await signUpWith(invitation.token, "new@example.org");
    expect(slug).toBe(review.slug);
    const roles = await db.membership.findMany({ where: { reviewId: review.id, userId: user.id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["ADJUDICATOR", "REVIEWER"]);
    const audits = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: { in: ["Invitation", "Membership"] } }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["create", "join-by-invitation"]);
    expect(JSON.stringify(audits)).not.toContain(invitation.token);
    await expect(signUpWith(invitation.token, "new@example.org")).rejects.toThrow(/no longer valid/);
  });

  it("refuses another address, an expired link and a withdrawn one, creating no account", async () => {
    const { review, owner } = await makeReviewWithTeam();
    const a = await writeTransaction((tx) => createInvitation(tx, owner.id, review.id, "a@example.org", ["REVIEWER"]));
    await expect(signUpWith(a.token, "someone-else@example.org")).rejects.toThrow(/for a@example.org/);
    expect(await db.user.count({ where: { email: "someone-else@example.org" } })).toBe(0);
    const old = await writeTransaction((tx) => createInvitation(tx, owner.id, review.id, "b@example.org", ["REVIEWER"], new Date("2020-01-01")));
    await expect(signUpWith(old.token, "b@example.org")).rejects.toThrow(/expired/);
    await writeTransaction((tx) => withdrawInvitation(tx, owner.id, review.id, a.id));
    await expect(signUpWith(a.token, "a@example.org")).rejects.toThrow(/no longer valid/);
  });

  it("inviting an address again replaces the open invitation's link", async () => {
    const { review, owner } = await makeReviewWithTeam();
    const first = await writeTransaction((tx) => createInvitation(tx, owner.id, review.id, "twice@example.org", ["REVIEWER"]));
    const second = await writeTransaction((tx) => createInvitation(tx, owner.id, review.id, "twice@example.org", ["REVIEWER"]));
    expect(await db.invitation.count({ where: { reviewId: review.id } })).toBe(1);
    await expect(signUpWith(first.token, "twice@example.org")).rejects.toThrow(/no longer valid/);
    await expect(signUpWith(second.token, "twice@example.org")).resolves.toBeTruthy();
  });
});
