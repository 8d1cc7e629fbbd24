import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/users/schema";

/** A reset link works this long after it is sent. */
export const RESET_MINUTES = 60;
/** Reset e-mails per account, and requests per client address, within one rate-limit window (15 minutes). */
export const MAX_RESETS_PER_ACCOUNT = 3;
export const MAX_RESETS_PER_ADDRESS = 20;

/** The same answer whether or not an account uses the address, so the form cannot be used to find out. */
export const RESET_REQUESTED =
  "If an account uses that address, an e-mail with a link to choose a new password is on its way. The link works once, within an hour; only the newest link works. Nothing arrived? Check spam, or ask your Sieve administrator.";
export const NO_MAIL =
  "This Sieve server has no e-mail set up, so it cannot send reset links. Ask your Sieve administrator to reset your password (they run `sieve user reset-password`).";

export const requestResetSchema = z.object({ email: emailSchema });

export const completeResetSchema = z
  .object({
    token: z.string().min(1, "This reset link is incomplete.").max(200),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

export const resetPath = (token: string) => `/reset-password?token=${encodeURIComponent(token)}`;
