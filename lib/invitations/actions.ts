"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { findOpenInvitation } from "@/lib/invitations/data";
import { reviewAction } from "@/lib/action";
import { withdrawInvitation } from "@/lib/invitations/mutations";
import { resendInvitationSchema, withdrawInvitationSchema } from "@/lib/invitations/schema";
import { mailInvitation } from "@/lib/invitations/mail";
import { mailConfig } from "@/lib/mail/config";
import { DomainError } from "@/lib/errors";

const withdraw = reviewAction("manage", withdrawInvitationSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => withdrawInvitation(tx, user.id, review.id, input.invitationId));
  revalidatePath(`/reviews/${review.slug}/members`);
  return null;
});
export async function withdrawInvitationAction(input: FormData) {
  return withdraw(input);
}

/** E-mails an open invitation's link again (after a mail failure, or a lost message). */
const resend = reviewAction("manage", resendInvitationSchema, async (input, { user, review }) => {
  const config = mailConfig();
  if (!config) throw new DomainError("E-mail is not set up on this server: pass the link on yourself.");
  const invitation = await findOpenInvitation(review.id, input.invitationId);
  if (!invitation) throw new DomainError("That invitation is not open any more.");
  const result = await mailInvitation(config, user.id, invitation.id);
  if (!result.sent) throw new DomainError(`The e-mail to ${invitation.email} could not be sent (${result.error}). The invitation is kept: pass the link on yourself.`);
  return null;
});
export async function resendInvitationAction(input: FormData) {
  return resend(input);
}
