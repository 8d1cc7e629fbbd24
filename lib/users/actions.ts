"use server";
import { writeTransaction } from "@/lib/db";
import { publicAction } from "@/lib/action";
import { createUser } from "@/lib/users/mutations";
import { signUpSchema } from "@/lib/users/schema";

/** Public: the one action that needs no session. The client signs in with the same credentials afterwards. */
const signUpPublic = publicAction(signUpSchema, async (input) => {
  const user = await writeTransaction((tx) => createUser(tx, input));
  return { email: user.email };
});
export async function signUp(input: FormData) {
  return signUpPublic(input);
}
