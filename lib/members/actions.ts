"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { addMember, removeMember, setMemberRoles } from "@/lib/members/mutations";
import { createInvitation } from "@/lib/invitations/mutations";
import { invitationPath } from "@/lib/invitations/schema";
import { addMemberSchema, removeMemberSchema, setRolesSchema } from "@/lib/members/schema";

/** Adds an existing account, or invites an address without one and returns the sign-up link's path. */
const add = reviewAction("manage", addMemberSchema, async (input, { user, review }) => {
  const result = await writeTransaction(async (tx) => {
    const account = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (!account) {
      const invitation = await createInvitation(tx, user.id, review.id, input.email, input.roles);
      return { invited: true as const, email: input.email, path: invitationPath(invitation.token) };
    }
    const added = await addMember(tx, user.id, review.id, input.email, input.roles);
    return { invited: false as const, name: added.name };
  });
  revalidatePath(`/reviews/${review.slug}/members`);
  return result;
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
