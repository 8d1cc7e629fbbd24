import "server-only";
import { db } from "@/lib/db";
import { invitationRolesSchema } from "@/lib/invitations/schema";

/** Open invitations of a review, for its owners (the links are shown so they can be passed on again). */
export async function listOpenInvitations(reviewId: string, now = new Date()) {
  const rows = await db.invitation.findMany({ where: { reviewId, acceptedAt: null }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => ({ id: row.id, email: row.email, roles: invitationRolesSchema.parse(row.roles), token: row.token, expiresAt: row.expiresAt, expired: row.expiresAt <= now }));
}

/** What the sign-up page says about an invitation link; null when it is not usable. */
export async function describeInvitation(token: string, now = new Date()) {
  const row = await db.invitation.findUnique({ where: { token }, include: { review: { select: { title: true } } } });
  if (!row || row.acceptedAt || row.expiresAt <= now) return null;
  return { email: row.email, reviewTitle: row.review.title, roles: invitationRolesSchema.parse(row.roles) };
}

/** An invitation of this review that can still be used (not accepted, not expired). */
export async function findOpenInvitation(reviewId: string, invitationId: string, now = new Date()) {
  return db.invitation.findFirst({ where: { id: invitationId, reviewId, acceptedAt: null, expiresAt: { gt: now } }, select: { id: true, email: true } });
}
