import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { INVITATION_DAYS, invitationRolesSchema } from "@/lib/invitations/schema";

/**
 * Invites an e-mail address that has no account yet. Sieve may have no e-mail set up, so the
 * owner gets a sign-up link to pass on; whoever signs up with it and that address joins the
 * review. Inviting the same address again replaces the open invitation (and its link).
 */
export async function createInvitation(tx: Tx, actorId: string, reviewId: string, email: string, roles: Role[], now = new Date()) {
  await tx.invitation.deleteMany({ where: { reviewId, email, acceptedAt: null } });
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000);
  const invitation = await tx.invitation.create({ data: { reviewId, email, roles, token, invitedById: actorId, expiresAt }, select: { id: true, token: true, expiresAt: true } });
  // The token is a secret and stays out of the audit log.
  await recordAudit(tx, { reviewId, actorId, entity: "Invitation", entityId: invitation.id, action: "create", after: { email, roles } });
  return invitation;
}

export async function withdrawInvitation(tx: Tx, actorId: string, reviewId: string, invitationId: string) {
  const invitation = await tx.invitation.findFirst({ where: { id: invitationId, reviewId, acceptedAt: null } });
  if (!invitation) throw new DomainError("That invitation is not open any more.");
  await tx.invitation.delete({ where: { id: invitation.id } });
  await recordAudit(tx, { reviewId, actorId, entity: "Invitation", entityId: invitation.id, action: "withdraw", before: { email: invitation.email, roles: invitation.roles } });
}

/** Checks a sign-up's invitation token before the account is created (same transaction). */
export async function findUsableInvitation(tx: Tx, token: string, email: string, now = new Date()) {
  const invitation = await tx.invitation.findUnique({ where: { token } });
  if (!invitation || invitation.acceptedAt) throw new DomainError("This invitation link is no longer valid. Ask the review's owner for a new one.");
  if (invitation.expiresAt <= now) throw new DomainError("This invitation link has expired. Ask the review's owner for a new one.");
  if (invitation.email !== email) throw new DomainError(`This invitation is for ${invitation.email}. Sign up with that address.`, { email: [`The invitation is for ${invitation.email}.`] });
  return invitation;
}

/** The new account joins the invitation's review with its roles; returns the review's slug. */
export async function acceptInvitation(tx: Tx, invitationId: string, userId: string, now = new Date()) {
  const invitation = await tx.invitation.update({ where: { id: invitationId }, data: { acceptedAt: now, acceptedBy: userId } });
  const roles = invitationRolesSchema.parse(invitation.roles);
  for (const role of roles) {
    await tx.membership.upsert({
      where: { reviewId_userId_role: { reviewId: invitation.reviewId, userId, role } },
      create: { reviewId: invitation.reviewId, userId, role },
      update: {},
    });
  }
  await recordAudit(tx, { reviewId: invitation.reviewId, actorId: userId, entity: "Membership", entityId: userId, action: "join-by-invitation", after: { email: invitation.email, roles } });
  const review = await tx.review.findUniqueOrThrow({ where: { id: invitation.reviewId }, select: { slug: true } });
  return review.slug;
}
