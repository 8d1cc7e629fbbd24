import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { afterFailure, isLocked, LOCKOUT_MS, MAX_ADDRESS_FAILURES, MAX_FAILURES, WINDOW_MS } from "@/lib/auth/rate-limit";
import { authorizeCredentials, BAD_CREDENTIALS, TOO_MANY_ATTEMPTS } from "@/lib/auth/options";
import { createUser } from "@/lib/users/mutations";

describe("throttle policy", () => {
  const t0 = new Date("2026-01-01T00:00:00Z");

  it("locks a key after MAX_FAILURES failures inside one window", () => {
    let state = null;
    for (let i = 0; i < MAX_FAILURES - 1; i++) state = afterFailure(state, t0);
    expect(isLocked(state, t0)).toBe(false);
    state = afterFailure(state, t0);
    expect(isLocked(state, t0)).toBe(true);
    expect(isLocked(state, new Date(t0.getTime() + LOCKOUT_MS + 1))).toBe(false);
  });

  it("starts a new window once the old one has passed", () => {
    let state = null;
    for (let i = 0; i < MAX_FAILURES - 1; i++) state = afterFailure(state, t0);
    state = afterFailure(state, new Date(t0.getTime() + WINDOW_MS + 1));
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });
});

describe("sign-in with the real database", () => {
  it("rate limits per account, even from many addresses, and the right password cannot bypass the lock", async () => {
    await createUser(db, { email: "victim@example.org", name: "Victim", password: "the-real-password" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await expect(authorizeCredentials({ email: "victim@example.org", password: "guess" }, `10.0.0.${i}`)).rejects.toThrow(BAD_CREDENTIALS);
    }
    await expect(authorizeCredentials({ email: "victim@example.org", password: "guess" }, "10.0.0.99")).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await expect(authorizeCredentials({ email: "victim@example.org", password: "the-real-password" }, "10.9.9.9")).rejects.toThrow(TOO_MANY_ATTEMPTS);
  });

  it("warns before the lock: 2 attempts left, then 1", async () => {
    await createUser(db, { email: "warned@example.org", name: "W", password: "warned-password" });
    const attempt = () => authorizeCredentials({ email: "warned@example.org", password: "typo" }, "198.51.100.1");
    await expect(attempt()).rejects.toThrow(/^Wrong e-mail or password\.$/);
    await expect(attempt()).rejects.toThrow(/^Wrong e-mail or password\.$/);
    await expect(attempt()).rejects.toThrow("2 attempts left");
    await expect(attempt()).rejects.toThrow("1 attempt left");
    await expect(attempt()).rejects.toThrow(TOO_MANY_ATTEMPTS);
  });

  it("one person's typos behind a shared address do not lock out a colleague", async () => {
    await createUser(db, { email: "typist@example.org", name: "Typist", password: "typist-password" });
    await createUser(db, { email: "colleague@example.org", name: "Colleague", password: "colleague-password" });
    for (let i = 0; i < MAX_FAILURES + 1; i++) await expect(authorizeCredentials({ email: "typist@example.org", password: "typo" }, "192.0.2.7")).rejects.toThrow();
    await expect(authorizeCredentials({ email: "colleague@example.org", password: "colleague-password" }, "192.0.2.7")).resolves.toMatchObject({ email: "colleague@example.org" });
  });

  it("a loose per-address limit across accounts refuses wrong passwords, never an unlocked account's right one", async () => {
    await createUser(db, { email: "other@example.org", name: "Other", password: "other-password" });
    for (let i = 0; i < MAX_ADDRESS_FAILURES; i++) {
      await expect(authorizeCredentials({ email: `nobody${i}@example.org`, password: "guess" }, "192.0.2.50")).rejects.toThrow(BAD_CREDENTIALS);
    }
    await expect(authorizeCredentials({ email: "nobody-else@example.org", password: "guess" }, "192.0.2.50")).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await expect(authorizeCredentials({ email: "other@example.org", password: "other-password" }, "192.0.2.50")).resolves.toMatchObject({ email: "other@example.org" });
  });

  it("a successful sign-in clears the account's earlier failures", async () => {
    await createUser(db, { email: "forgetful@example.org", name: "F", password: "forgetful-password" });
    for (let i = 0; i < MAX_FAILURES - 1; i++) await expect(authorizeCredentials({ email: "forgetful@example.org", password: "x" }, null)).rejects.toThrow();
    await authorizeCredentials({ email: "Forgetful@Example.org", password: "forgetful-password" }, null);
    await expect(authorizeCredentials({ email: "forgetful@example.org", password: "x" }, null)).rejects.toThrow(BAD_CREDENTIALS);
    await expect(authorizeCredentials({ email: "forgetful@example.org", password: "forgetful-password" }, null)).resolves.toBeTruthy();
  });
});
