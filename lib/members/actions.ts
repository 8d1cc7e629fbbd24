"use server";
import { revalidatePath } from "next/cache";
import { writeTransaction } from "@/lib/db";
import { reviewAction } from "@/lib/action";
import { addMember, removeMember, setMemberRoles } from "@/lib/members/mutations";
import { addMemberSchema, removeMemberSchema, setRolesSchema } from "@/lib/members/schema";

const add = reviewAction("manage", addMemberSchema, async (input, { user, review }) => {
  const added = await writeTransaction((tx) => addMember(tx, user.id, review.id, input.email, input.roles));
  revalidatePath(`/reviews/${review.slug}/members`);
  return { name: added.name };
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
