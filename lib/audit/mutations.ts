import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditEntry = {
  reviewId: string | null;
  actorId: string | null;
  entity: string;
  entityId?: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
};

function asJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  // Round-trip through JSON so Dates become strings and undefined fields disappear, as they will when read back.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/** Must be called with the same transaction as the change it records. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      reviewId: entry.reviewId,
      actorId: entry.actorId,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      action: entry.action,
      before: asJson(entry.before),
      after: asJson(entry.after),
    },
  });
}
