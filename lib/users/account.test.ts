import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { authorizeCredentials, TOO_MANY_ATTEMPTS } from "@/lib/auth/options";
import { MAX_FAILURES } from "@/lib/auth/rate-limit";
import { verifyPassword } from "@/lib/auth/password";
import { changeName, changePassword, createUser, resetPassword } from "@/lib/users/mutations";
import { changePasswordSchema } from "@/lib/users/schema";

describe("account self-service", () => {
  it("changes one's name, audited", async () => {
    const user = await createUser(db, { email: "rename@example.org", name: "Old Name", password: "long-enough-password" });
    await writeTransaction((tx) => changeName(tx, user.id, "New Name"));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("New Name");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "User", entityId: user.id, action: "rename" } });
    expect(audit.before).toEqual({ name: "Old Name" });
  });

  it("changes the password only with the current one", async () => {
    const user = await createUser(db, { email: "pw@example.org", name: "P", password: "old-password-1" });
    await expect(writeTransaction((tx) => changePassword(tx, user.id, "wrong-password", "new-password-1"))).rejects.toThrow(/current password/);
    await writeTransaction((tx) => changePassword(tx, user.id, "old-password-1", "new-password-1"));
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("new-password-1", passwordHash)).toBe(true);
    expect(await verifyPassword("old-password-1", passwordHash)).toBe(false);
  });

  it("refuses a mistyped confirmation and a short new password", () => {
    const mismatch = changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "long-enough-1", confirmPassword: "long-enough-2" });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0].path).toEqual(["confirmPassword"]);
    expect(changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "short", confirmPassword: "short" }).success).toBe(false);
  });

  it("an administrator's reset sets the password and lifts the sign-in lock", async () => {
    await createUser(db, { email: "locked@example.org", name: "L", password: "forgotten-password" });
    for (let i = 0; i < MAX_FAILURES; i++) await expect(authorizeCredentials({ email: "locked@example.org", password: "guess" }, null)).rejects.toThrow();
    await expect(authorizeCredentials({ email: "locked@example.org", password: "brand-new-password" }, null)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    await writeTransaction((tx) => resetPassword(tx, "locked@example.org", "brand-new-password"));
    await expect(authorizeCredentials({ email: "locked@example.org", password: "brand-new-password" }, null)).resolves.toMatchObject({ email: "locked@example.org" });
    await expect(writeTransaction((tx) => resetPassword(tx, "nobody@example.org", "brand-new-password"))).rejects.toThrow(/No account uses nobody@example.org/);
  });
});
