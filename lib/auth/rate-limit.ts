import type { Tx } from "@/lib/db";

/** Failures allowed per key inside one window before that key is locked out. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

/** Pure policy: is this key locked out at `now`? */
export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now);
}

/** Pure policy: the state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, now: Date): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStart.getTime() > WINDOW_MS;
  const failures = windowExpired ? 1 : state.failures + 1;
  const windowStart = windowExpired ? now : state.windowStart;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
  return { failures, windowStart, lockedUntil };
}

export function throttleKeys(email: string, address: string | null): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (address) keys.push(`ip:${address}`);
  return keys;
}

export async function anyLocked(db: Tx, keys: string[], now = new Date()): Promise<boolean> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  return rows.some((row) => isLocked(row, now));
}

export async function recordFailure(db: Tx, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const current = await db.loginThrottle.findUnique({ where: { key } });
    const next = afterFailure(current, now);
    await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
  }
}

/** A successful sign-in clears the account's counter, not the address's: one good password must not unlock guessing at others. */
export async function clearAccountFailures(db: Tx, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: `email:${email.trim().toLowerCase()}` } });
}
