import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";

async function rolesOf(tx: Tx, reviewId: string, userId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { reviewId, userId }, select: { role: true } });
  return rows.map((r) => r.role).sort();
}

async function assertAnotherOwner(tx: Tx, reviewId: string, userId: string) {
  const others = await tx.membership.count({ where: { reviewId, role: "OWNER", userId: { not: userId } } });
  if (others === 0) throw new DomainError("A review needs at least one owner: make someone else an owner first.");
}

async function writeRoles(tx: Tx, reviewId: string, userId: string, roles: Role[]) {
  await tx.membership.deleteMany({ where: { reviewId, userId, role: { notIn: roles } } });
  for (const role of roles) {
    await tx.membership.upsert({
      where: { reviewId_userId_role: { reviewId, userId, role } },
      create: { reviewId, userId, role },
      update: {},
    });
  }
}

/** Adds an existing account; Sieve sends no e-mail, so the colleague must have signed up first. */
export async function addMember(tx: Tx, actorId: string, reviewId: string, email: string, roles: Role[]) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  // One message, shown once: the form's status line (a field error too would repeat it).
  if (!user) throw new DomainError("No Sieve account uses that e-mail. Ask your colleague to sign up first.");
  const before = await rolesOf(tx, reviewId, user.id);
  if (before.length) throw new DomainError(`${user.name} is already a member; change their roles below.`);
  await writeRoles(tx, reviewId, user.id, roles);
  await recordAudit(tx, { reviewId, actorId, entity: "Membership", entityId: user.id, action: "add", after: { email: user.email, roles } });
  return user;
}

export async function setMemberRoles(tx: Tx, actorId: string, reviewId: string, userId: string, roles: Role[]) {
  const before = await rolesOf(tx, reviewId, userId);
  if (!before.length) throw new DomainError("That person is not a member of this review.");
  if (before.includes("OWNER") && !roles.includes("OWNER")) await assertAnotherOwner(tx, reviewId, userId);
  await writeRoles(tx, reviewId, userId, roles);
  await recordAudit(tx, { reviewId, actorId, entity: "Membership", entityId: userId, action: "set-roles", before: { roles: before }, after: { roles: [...roles].sort() } });
}

export async function removeMember(tx: Tx, actorId: string, reviewId: string, userId: string) {
  const before = await rolesOf(tx, reviewId, userId);
  if (!before.length) throw new DomainError("That person is not a member of this review.");
  if (before.includes("OWNER")) await assertAnotherOwner(tx, reviewId, userId);
  await tx.membership.deleteMany({ where: { reviewId, userId } });
  await recordAudit(tx, { reviewId, actorId, entity: "Membership", entityId: userId, action: "remove", before: { roles: before } });
}
