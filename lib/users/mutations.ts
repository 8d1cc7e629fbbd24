import type { Tx } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
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
