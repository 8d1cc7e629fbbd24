import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { db, writeTransaction } from "@/lib/db";
import { authorizeCredentials, TOO_MANY_ATTEMPTS } from "@/lib/auth/options";
import { MAX_FAILURES } from "@/lib/auth/rate-limit";
import { mailConfigFrom, type MailConfig } from "@/lib/mail/config";
import { mailPasswordReset } from "@/lib/password-reset/mail";
import { completePasswordReset, EXPIRED_LINK, INVALID_LINK, requestPasswordReset } from "@/lib/password-reset/mutations";
import { resetLinkState } from "@/lib/password-reset/data";
import { completeResetSchema, MAX_RESETS_PER_ACCOUNT, MAX_RESETS_PER_ADDRESS } from "@/lib/password-reset/schema";
import { changePassword, createUser, resetPassword } from "@/lib/users/mutations";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/test/smtp-server";

let smtp: TestSmtpServer;
let config: MailConfig;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  config = mailConfigFrom({ SMTP_URL: smtp.url, SMTP_FROM: "Sieve <sieve@example.org>", NEXTAUTH_URL: "https://sieve.example.org" })!;
});
afterAll(() => smtp.close());

const signIn = (email: string, password: string) => authorizeCredentials({ email, password }, null);

/** Requests a reset as the page does, then reads the link out of the e-mail the SMTP server received. */
async function resetLinkFromMail(email: string, address: string | null = "10.0.0.1") {
  const before = smtp.received.length;
  const issued = await writeTransaction((tx) => requestPasswordReset(tx, email, address));
  if (!issued) return null;
  expect(await mailPasswordReset(config, issued)).toBe(true);
  const mail = smtp.received.slice(before).find((m) => m.to.includes(email));
  const link = mail?.text.match(/https:\/\/sieve\.example\.org\/reset-password\?token=\S+/)?.[0];
  expect(link).toBeTruthy();
  return { mail: mail!, link: link!, token: decodeURIComponent(new URL(link!).searchParams.get("token")!) };
}

describe("password reset by e-mail", () => {
  it("the e-mailed link sets a new password once; the old password stops working", async () => {
    const user = await createUser(db, { email: "forgot@example.org", name: "Forgetful", password: "old-password-1" });
    const { mail, token } = (await resetLinkFromMail("forgot@example.org"))!;
    expect(mail.subject).toBe("Reset your Sieve password");
    expect(mail.text).toContain("Hello Forgetful");
    expect(await resetLinkState(token)).toBe("usable");
    await writeTransaction((tx) => completePasswordReset(tx, token, "brand-new-password"));
    await expect(signIn("forgot@example.org", "old-password-1")).rejects.toThrow();
    await expect(signIn("forgot@example.org", "brand-new-password")).resolves.toMatchObject({ email: "forgot@example.org" });
    expect(await resetLinkState(token)).toBe("invalid");
    await expect(writeTransaction((tx) => completePasswordReset(tx, token, "another-password"))).rejects.toThrow(INVALID_LINK);
    const audits = await db.auditEvent.findMany({ where: { entity: "User", entityId: user.id, action: { in: ["request-password-reset", "reset-password-by-email"] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["request-password-reset", "reset-password-by-email"]);
    expect(JSON.stringify(audits)).not.toContain(token);
  });

  it("stores only the token's SHA-256", async () => {
    await createUser(db, { email: "hash@example.org", name: "H", password: "old-password-1" });
    const { token } = (await resetLinkFromMail("hash@example.org"))!;
    const rows = await db.passwordReset.findMany({ where: { user: { email: "hash@example.org" } } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("an expired link is refused and leaves the password as it was", async () => {
    await createUser(db, { email: "late@example.org", name: "L", password: "old-password-1" });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    const issued = (await writeTransaction((tx) => requestPasswordReset(tx, "late@example.org", null, twoHoursAgo)))!;
    expect(await resetLinkState(issued.token)).toBe("expired");
    await expect(writeTransaction((tx) => completePasswordReset(tx, issued.token, "brand-new-password"))).rejects.toThrow(EXPIRED_LINK);
    await expect(signIn("late@example.org", "old-password-1")).resolves.toBeTruthy();
  });

  it("only the newest link works", async () => {
    await createUser(db, { email: "twice@example.org", name: "T", password: "old-password-1" });
    const first = (await resetLinkFromMail("twice@example.org", "10.0.0.2"))!;
    const second = (await resetLinkFromMail("twice@example.org", "10.0.0.2"))!;
    await expect(writeTransaction((tx) => completePasswordReset(tx, first.token, "brand-new-password"))).rejects.toThrow(INVALID_LINK);
    await writeTransaction((tx) => completePasswordReset(tx, second.token, "brand-new-password"));
  });

  it("an address without an account gets no e-mail and leaves the same traces as one with", async () => {
    await createUser(db, { email: "real@example.org", name: "R", password: "old-password-1" });
    const before = smtp.received.length;
    expect(await writeTransaction((tx) => requestPasswordReset(tx, "ghost@example.org", "10.0.0.3"))).toBeNull();
    expect(await writeTransaction((tx) => requestPasswordReset(tx, "real@example.org", "10.0.0.3"))).not.toBeNull();
    expect(smtp.received.length).toBe(before);
    // Both requests count against the address typed, so the limit cannot tell them apart either.
    const keys = (await db.loginThrottle.findMany({ where: { key: { startsWith: "reset-email:" } } })).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["reset-email:ghost@example.org", "reset-email:real@example.org"]));
  });

  it(`sends at most ${MAX_RESETS_PER_ACCOUNT} links per account and takes ${MAX_RESETS_PER_ADDRESS} requests per address in 15 minutes`, async () => {
    await createUser(db, { email: "spam@example.org", name: "S", password: "old-password-1" });
    const results = [];
    for (let i = 0; i <= MAX_RESETS_PER_ACCOUNT; i++) results.push(await writeTransaction((tx) => requestPasswordReset(tx, "spam@example.org", `10.1.0.${i}`)));
    expect(results.map(Boolean)).toEqual([...Array(MAX_RESETS_PER_ACCOUNT).fill(true), false]);
    // Another person's request from a shared address is not held up by this account's limit.
    await createUser(db, { email: "colleague@example.org", name: "C", password: "old-password-1" });
    expect(await writeTransaction((tx) => requestPasswordReset(tx, "colleague@example.org", "10.1.0.0"))).not.toBeNull();
    // One address asking for many accounts is cut off at its own limit.
    for (let i = 0; i < MAX_RESETS_PER_ADDRESS; i++) await writeTransaction((tx) => requestPasswordReset(tx, `probe-${i}@example.org`, "10.2.0.1"));
    expect(await writeTransaction((tx) => requestPasswordReset(tx, "colleague@example.org", "10.2.0.1"))).toBeNull();
  });

  it("changing the password, or an administrator's reset, spends links sent before", async () => {
    const user = await createUser(db, { email: "changed@example.org", name: "C", password: "old-password-1" });
    const first = (await writeTransaction((tx) => requestPasswordReset(tx, "changed@example.org", null)))!;
    await writeTransaction((tx) => changePassword(tx, user.id, "old-password-1", "changed-password-1"));
    await expect(writeTransaction((tx) => completePasswordReset(tx, first.token, "brand-new-password"))).rejects.toThrow(INVALID_LINK);
    const second = (await writeTransaction((tx) => requestPasswordReset(tx, "changed@example.org", null)))!;
    await writeTransaction((tx) => resetPassword(tx, "changed@example.org", "admin-set-password"));
    await expect(writeTransaction((tx) => completePasswordReset(tx, second.token, "brand-new-password"))).rejects.toThrow(INVALID_LINK);
    await expect(signIn("changed@example.org", "admin-set-password")).resolves.toBeTruthy();
  });

  it("each way of setting a password ends the sessions signed in before: sign-in carries the version that it bumps", async () => {
    const user = await createUser(db, { email: "sessions@example.org", name: "S", password: "old-password-1" });
    const version = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    await expect(signIn("sessions@example.org", "old-password-1")).resolves.toMatchObject({ sessionVersion: 0 });
    expect(await writeTransaction((tx) => changePassword(tx, user.id, "old-password-1", "changed-password-1"))).toEqual({ sessionVersion: 1 });
    await writeTransaction((tx) => resetPassword(tx, "sessions@example.org", "admin-set-password"));
    expect(await version()).toBe(2);
    const { token } = (await resetLinkFromMail("sessions@example.org"))!;
    await writeTransaction((tx) => completePasswordReset(tx, token, "brand-new-password"));
    expect(await version()).toBe(3);
    await expect(signIn("sessions@example.org", "brand-new-password")).resolves.toMatchObject({ sessionVersion: 3 });
  });

  it("a reset lifts a sign-in lock on the account", async () => {
    await createUser(db, { email: "locked-out@example.org", name: "L", password: "old-password-1" });
    for (let i = 0; i < MAX_FAILURES; i++) await expect(signIn("locked-out@example.org", "guess")).rejects.toThrow();
    const { token } = (await resetLinkFromMail("locked-out@example.org", "10.3.0.1"))!;
    await writeTransaction((tx) => completePasswordReset(tx, token, "brand-new-password"));
    await expect(signIn("locked-out@example.org", "brand-new-password")).resolves.toBeTruthy();
    await expect(signIn("locked-out@example.org", "guess")).rejects.not.toThrow(TOO_MANY_ATTEMPTS);
  });

  it("uses the same password rules as sign-up and account settings", () => {
    expect(completeResetSchema.safeParse({ token: "t", newPassword: "short", confirmPassword: "short" }).success).toBe(false);
    const mismatch = completeResetSchema.safeParse({ token: "t", newPassword: "long-enough-1", confirmPassword: "long-enough-2" });
    expect(mismatch.error?.issues[0].path).toEqual(["confirmPassword"]);
  });

  it("a mail server that refuses the message is logged, not thrown", async () => {
    const refusing = await startTestSmtpServer({ reject: true });
    try {
      const refusingConfig = mailConfigFrom({ SMTP_URL: refusing.url, SMTP_FROM: "s@example.org", NEXTAUTH_URL: "https://sieve.example.org" })!;
      await createUser(db, { email: "bounce@example.org", name: "B", password: "old-password-1" });
      const issued = (await writeTransaction((tx) => requestPasswordReset(tx, "bounce@example.org", null)))!;
      expect(await mailPasswordReset(refusingConfig, issued)).toBe(false);
    } finally {
      await refusing.close();
    }
  });
});
