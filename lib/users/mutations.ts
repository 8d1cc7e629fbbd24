import type { Tx } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clearAccountLock } from "@/lib/auth/rate-limit";
import { DomainError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/mutations";
import type { SignUpInput } from "@/lib/users/schema";

export async function createUser(tx: Tx, input: SignUpInput) {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new DomainError("An account with that e-mail already exists.", { email: ["An account with that e-mail already exists."] });
  const user = await tx.user.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
    select: { id: true, email: true, name: true },
  });
  await recordAudit(tx, { reviewId: null, actorId: user.id, entity: "User", entityId: user.id, action: "create", after: user });
  return user;
}

export async function changeName(tx: Tx, userId: string, name: string) {
  const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
  await tx.user.update({ where: { id: userId }, data: { name } });
  await recordAudit(tx, { reviewId: null, actorId: userId, entity: "User", entityId: userId, action: "rename", before, after: { name } });
}

/**
 * Every way of setting a password goes through here. Bumping sessionVersion ends every session
 * signed in before (lib/auth/session.ts), and a reset link e-mailed before must not undo the change.
 */
export async function setPassword(tx: Tx, userId: string, password: string): Promise<number> {
  const { sessionVersion } = await tx.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
  return sessionVersion;
}

/** The signed-in person's own change: the current password must be right. Ends every other session (see lib/auth/session.ts). */
export async function changePassword(tx: Tx, userId: string, currentPassword: string, newPassword: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new DomainError("Your current password is not right.", { currentPassword: ["This is not your current password."] });
  const sessionVersion = await setPassword(tx, userId, newPassword);
  await recordAudit(tx, { reviewId: null, actorId: userId, entity: "User", entityId: userId, action: "change-password" });
  return { sessionVersion };
}

/** The administrator's reset (CLI, no e-mail needed); also lifts a sign-in lock on the account and ends its sessions. */
export async function resetPassword(tx: Tx, email: string, password: string) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) throw new DomainError(`No account uses ${email}.`, { email: ["No account with this e-mail."] });
  await setPassword(tx, user.id, password);
  await clearAccountLock(tx, email);
  await recordAudit(tx, { reviewId: null, actorId: null, entity: "User", entityId: user.id, action: "reset-password" });
  return user;
}
