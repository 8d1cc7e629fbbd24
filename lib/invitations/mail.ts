import { db, writeTransaction } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import type { MailConfig } from "@/lib/mail/config";
import { invitationMail } from "@/lib/mail/messages";
import { describeSendError, sendMail } from "@/lib/mail/send";
import { invitationPath } from "@/lib/invitations/schema";

export type InvitationMailResult = { sent: true } | { sent: false; error: string };

/**
 * E-mails an invitation's sign-up link. It runs after the invitation is committed and never
 * undoes it: when the mail server fails, the owner is told why and still has the link to pass
 * on. Either outcome is audited (without the token), so "did they get the e-mail?" has an answer.
 */
export async function mailInvitation(config: MailConfig, actorId: string, invitationId: string): Promise<InvitationMailResult> {
  const invitation = await db.invitation.findUniqueOrThrow({ where: { id: invitationId }, include: { review: { select: { title: true } } } });
  const inviter = await db.user.findUnique({ where: { id: invitation.invitedById }, select: { name: true } });
  const mail = invitationMail({
    to: invitation.email,
    reviewTitle: invitation.review.title,
    inviterName: inviter?.name ?? "The review's owner",
    link: `${config.publicUrl}${invitationPath(invitation.token)}`,
    expiresAt: invitation.expiresAt,
  });
  let result: InvitationMailResult;
  try {
    await sendMail(config, mail);
    result = { sent: true };
  } catch (error) {
    result = { sent: false, error: describeSendError(error) };
    console.error(`sieve: the invitation e-mail to ${invitation.email} was not sent: ${result.error}`);
  }
  await writeTransaction((tx) =>
    recordAudit(tx, { reviewId: invitation.reviewId, actorId, entity: "Invitation", entityId: invitation.id, action: result.sent ? "email" : "email-failed", after: { to: invitation.email, ...(result.sent ? {} : { error: result.error }) } }),
  );
  return result;
}
