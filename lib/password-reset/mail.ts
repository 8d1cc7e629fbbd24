import type { MailConfig } from "@/lib/mail/config";
import { passwordResetMail } from "@/lib/mail/messages";
import { describeSendError, sendMail } from "@/lib/mail/send";
import type { IssuedReset } from "@/lib/password-reset/mutations";
import { RESET_MINUTES, resetPath } from "@/lib/password-reset/schema";

/**
 * E-mails a reset link. A failure is logged (never the token) rather than shown: the page gives
 * everyone the same answer, so it cannot say that this address has an account.
 */
export async function mailPasswordReset(config: MailConfig, issued: IssuedReset): Promise<boolean> {
  try {
    await sendMail(config, passwordResetMail({ to: issued.email, name: issued.name, link: `${config.publicUrl}${resetPath(issued.token)}`, minutes: RESET_MINUTES }));
    return true;
  } catch (error) {
    console.error(`sieve: the password-reset e-mail to ${issued.email} was not sent: ${describeSendError(error)}`);
    return false;
  }
}
