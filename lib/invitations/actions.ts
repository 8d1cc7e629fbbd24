"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { withdrawInvitation } from "@/lib/invitations/mutations";
import { withdrawInvitationSchema } from "@/lib/invitations/schema";

const withdraw = reviewAction("manage", withdrawInvitationSchema, async (input, { user, review }) => {
  await writeTransaction((tx) => withdrawInvitation(tx, user.id, review.id, input.invitationId));
  revalidatePath(`/reviews/${review.slug}/members`);
  return null;
});
export async function withdrawInvitationAction(input: FormData) {
  return withdraw(input);
}
