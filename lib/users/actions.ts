"use server";
import { writeTransaction } from "@/lib/db";
import { publicAction, userAction } from "@/lib/action";
import { changeName, changePassword, createUser } from "@/lib/users/mutations";
import { acceptInvitation, findUsableInvitation } from "@/lib/invitations/mutations";
import { changeNameSchema, changePasswordSchema, signUpWithInviteSchema } from "@/lib/users/schema";
import { revalidatePath } from "next/cache";
import { keepThisSession } from "@/lib/auth/session";

/**
 * Public: the one action that needs no session. The client signs in with the same credentials
 * afterwards. With an invitation's token the new account joins that review in the same transaction.
 */
const signUpPublic = publicAction(signUpWithInviteSchema, async ({ invite, ...input }) => {
  return writeTransaction(async (tx) => {
    const invitation = invite ? await findUsableInvitation(tx, invite, input.email) : null;
    const user = await createUser(tx, input);
    return { email: user.email, reviewSlug: invitation ? await acceptInvitation(tx, invitation.id, user.id) : null };
  });
});
export async function signUp(input: FormData) {
  return signUpPublic(input);
}

const rename = userAction(changeNameSchema, async (input, user) => {
  await writeTransaction((tx) => changeName(tx, user.id, input.name));
  revalidatePath("/", "layout");
  return null;
});
export async function changeNameAction(input: FormData) {
  return rename(input);
}

const password = userAction(changePasswordSchema, async (input, user) => {
  const { sessionVersion } = await writeTransaction((tx) => changePassword(tx, user.id, input.currentPassword, input.newPassword));
  await keepThisSession(sessionVersion);
  return null;
});
export async function changePasswordAction(input: FormData) {
  return password(input);
}
