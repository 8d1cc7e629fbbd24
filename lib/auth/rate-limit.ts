import type { Tx } from "@/lib/db";

/**
 * Two counters per sign-in attempt. The account's is strict (a few guesses per window); the
 * address's is loose, because a lab often shares one address behind a proxy, and one person's
 * typos must not lock out colleagues. A correct password for an account that is not locked is
 * accepted even from a locked address: the account counter is what stops guessing at a password.
 */
export const MAX_ACCOUNT_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 100;
/** Failures allowed per account inside one window before it is locked out (kept for callers). */
export const MAX_FAILURES = MAX_ACCOUNT_FAILURES;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** From this many attempts left, a failed sign-in says how many remain. */
export const WARN_WHEN_LEFT = 2;

export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null };

/** Pure policy: is this key locked out at `now`? */
export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return Boolean(state?.lockedUntil && state.lockedUntil > now);
}

/** Pure policy: the state after one more failure at `now`, for a key allowing `max` failures. */
export function afterFailure(state: ThrottleState | null, now: Date, max = MAX_ACCOUNT_FAILURES): ThrottleState {
  const windowExpired = !state || now.getTime() - state.windowStart.getTime() > WINDOW_MS;
  const failures = windowExpired ? 1 : state.failures + 1;
  const windowStart = windowExpired ? now : state.windowStart;
  const lockedUntil = failures >= max ? new Date(now.getTime() + LOCKOUT_MS) : null;
  return { failures, windowStart, lockedUntil };
}

/** Pure policy: attempts an account has left before it locks (0 = locked now). */
export function attemptsLeft(state: ThrottleState | null, now: Date): number {
  if (!state || now.getTime() - state.windowStart.getTime() > WINDOW_MS) return MAX_ACCOUNT_FAILURES;
  return Math.max(0, MAX_ACCOUNT_FAILURES - state.failures);
}

export const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `ip:${address}`;

export type ThrottleCheck = { accountLocked: boolean; addressLocked: boolean };

export async function checkThrottle(db: Tx, email: string, address: string | null, now = new Date()): Promise<ThrottleCheck> {
  const keys = [accountKey(email), ...(address ? [addressKey(address)] : [])];
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
  const locked = (key: string) => rows.some((row) => row.key === key && isLocked(row, now));
  return { accountLocked: locked(accountKey(email)), addressLocked: address ? locked(addressKey(address)) : false };
}

/** Counts one failure against the account and the address; returns the account's attempts left. */
export async function recordFailure(db: Tx, email: string, address: string | null, now = new Date()): Promise<number> {
  const bump = async (key: string, max: number) => {
    const current = await db.loginThrottle.findUnique({ where: { key } });
    const next = afterFailure(current, now, max);
    await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
    return next;
  };
  if (address) await bump(addressKey(address), MAX_ADDRESS_FAILURES);
  return attemptsLeft(await bump(accountKey(email), MAX_ACCOUNT_FAILURES), now);
}

/** A successful sign-in clears the account's counter, not the address's: one good password must not unlock guessing at others. */
export async function clearAccountFailures(db: Tx, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}

/** An administrator's password reset also lifts the account's lock. */
export const clearAccountLock = clearAccountFailures;
