"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { addMember, removeMember, setMemberRoles } from "@/lib/members/mutations";
import { createInvitation } from "@/lib/invitations/mutations";
import { invitationPath } from "@/lib/invitations/schema";
import { mailInvitation } from "@/lib/invitations/mail";
import { mailConfig } from "@/lib/mail/config";
import { addMemberSchema, removeMemberSchema, setRolesSchema } from "@/lib/members/schema";

/**
 * Adds an existing account, or invites an address without one and returns the sign-up link's
 * path. With SMTP set up the link is also e-mailed, after the invitation is committed, so a mail
 * failure is reported beside a link that still works.
 */
const add = reviewAction("manage", addMemberSchema, async (input, { user, review }) => {
  const config = mailConfig();
  const result = await writeTransaction(async (tx) => {
    const account = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!account) {
      const invitation = await createInvitation(tx, user.id, review.id, input.email, input.roles);
      return { invited: true as const, id: invitation.id, email: input.email, path: invitationPath(invitation.token) };
    }
    const added = await addMember(tx, user.id, review.id, input.email, input.roles);
    return { invited: false as const, name: added.name };
  });
  revalidatePath(`/reviews/${review.slug}/members`);
  if (!result.invited) return result;
  const mail = config ? await mailInvitation(config, user.id, result.id) : null;
  return { invited: true as const, email: result.email, path: result.path, mail: mail === null ? ("off" as const) : mail.sent ? ("sent" as const) : ("failed" as const), mailError: mail && !mail.sent ? mail.error : undefined };
});
export async function addMemberAction(input: FormData) {
  return add(input);
}

const setRoles = reviewAction("manage", setRolesSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => setMemberRoles(tx, user.id, review.id, input.userId, input.roles));
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function setMemberRolesAction(input: FormData) {
  return setRoles(input);
}

const remove = reviewAction("manage", removeMemberSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => removeMember(tx, user.id, review.id, input.userId));
  revalidatePath(`/reviews/${review.slug}`, "layout");
  return null;
});
export async function removeMemberAction(input: FormData) {
  return remove(input);
}
