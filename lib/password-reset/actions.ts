"use server";
import { headers } from "next/headers";
import { after } from "next/server";
import { writeTransaction } from "@/lib/db";
import { publicAction } from "@/lib/action";
import { clientAddress } from "@/lib/auth/options";
import { DomainError } from "@/lib/errors";
import { mailConfig } from "@/lib/mail/config";
import { mailPasswordReset } from "@/lib/password-reset/mail";
import { completePasswordReset, requestPasswordReset } from "@/lib/password-reset/mutations";
import { completeResetSchema, NO_MAIL, requestResetSchema } from "@/lib/password-reset/schema";

/**
 * Public (the person is signed out). The e-mail goes out after the response, so an address with
 * an account answers as fast as one without: the reply's timing does not tell them apart either.
 */
const request = publicAction(requestResetSchema, async ({ email }) => {
  const config = mailConfig();
  if (!config) throw new DomainError(NO_MAIL);
  const address = clientAddress(Object.fromEntries((await headers()).entries()));
  const issued = await writeTransaction((tx) => requestPasswordReset(tx, email, address));
  if (issued) after(() => mailPasswordReset(config, issued));
  return null;
});
export async function requestPasswordResetAction(input: FormData) {
  return request(input);
}

const complete = publicAction(completeResetSchema, async ({ token, newPassword }) => {
  return writeTransaction((tx) => completePasswordReset(tx, token, newPassword));
});
export async function completePasswordResetAction(input: FormData) {
  return complete(input);
}
