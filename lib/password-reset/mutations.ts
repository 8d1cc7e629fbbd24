import type { Tx } from "@/lib/db";
import { afterFailure, clearAccountLock, isLocked } from "@/lib/auth/rate-limit";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { setPassword } from "@/lib/users/mutations";
import { MAX_RESETS_PER_ACCOUNT, MAX_RESETS_PER_ADDRESS, RESET_MINUTES } from "@/lib/password-reset/schema";
import { createResetToken, hashResetToken } from "@/lib/password-reset/tokens";

export const INVALID_LINK = "This reset link is no longer valid (it was used, or a newer one was sent). Ask for a new one.";
export const EXPIRED_LINK = "This reset link has expired. Ask for a new one.";

const accountKey = (email: string) => `reset-email:${email}`;
const addressKey = (address: string) => `reset-ip:${address}`;

/**
 * Counts one request against the address typed (whether or not an account uses it) and the
 * client's address, in the sign-in throttle's table and with its window. Returns false when
 * either is over its limit: then nothing is sent, and the page still answers the same.
 */
async function allowRequest(tx: Tx, email: string, address: string | null, now: Date): Promise<boolean> {
  const keys = [
    { key: accountKey(email), max: MAX_RESETS_PER_ACCOUNT },
    ...(address ? [{ key: addressKey(address), max: MAX_RESETS_PER_ADDRESS }] : []),
  ];
  const rows = await tx.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  if (rows.some((row) => isLocked(row, now))) return false;
  for (const { key, max } of keys) {
    const next = afterFailure(rows.find((row) => row.key === key) ?? null, now, max);
    await tx.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  }
  return true;
}

export type IssuedReset = { token: string; email: string; name: string; expiresAt: Date };

/**
 * A reset link for the account using `email`, or null (no such account, or rate-limited). Only
 * the newest link works: earlier unused ones are dropped. The token leaves this function once,
 * to be e-mailed; the table keeps its hash.
 */
export async function requestPasswordReset(tx: Tx, email: string, address: string | null, now = new Date()): Promise<IssuedReset | null> {
  if (!(await allowRequest(tx, email, address, now))) return null;
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) return null;
  await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
  const { token, tokenHash } = createResetToken();
  const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000);
  await tx.passwordReset.create({ data: { userId: user.id, tokenHash, expiresAt, createdAt: now } });
  await recordAudit(tx, { reviewId: null, actorId: null, entity: "User", entityId: user.id, action: "request-password-reset", after: { expiresAt } });
  return { token, email: user.email, name: user.name, expiresAt };
}

/** Sets the new password through a reset link and spends the link; also lifts a sign-in lock on the account and ends its sessions. */
export async function completePasswordReset(tx: Tx, token: string, newPassword: string, now = new Date()) {
  const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashResetToken(token) }, include: { user: { select: { id: true, email: true } } } });
  if (!reset || reset.usedAt) throw new DomainError(INVALID_LINK);
  if (reset.expiresAt <= now) throw new DomainError(EXPIRED_LINK);
  // Spend the link first, conditionally, so two submissions racing with one link cannot both win.
  const spent = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
  if (spent.count !== 1) throw new DomainError(INVALID_LINK);
  await setPassword(tx, reset.userId, newPassword);
  await clearAccountLock(tx, reset.user.email);
  await recordAudit(tx, { reviewId: null, actorId: reset.userId, entity: "User", entityId: reset.userId, action: "reset-password-by-email" });
  return { email: reset.user.email };
}
