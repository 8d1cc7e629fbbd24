import "server-only";
import { db } from "@/lib/db";
import { hashResetToken } from "@/lib/password-reset/tokens";

/** Whether the reset page should offer its form for this link. */
export async function resetLinkState(token: string, now = new Date()): Promise<"usable" | "expired" | "invalid"> {
  if (!token) return "invalid";
  const reset = await db.passwordReset.findUnique({ where: { tokenHash: hashResetToken(token) }, select: { usedAt: true, expiresAt: true } });
  if (!reset || reset.usedAt) return "invalid";
  return reset.expiresAt <= now ? "expired" : "usable";
}
