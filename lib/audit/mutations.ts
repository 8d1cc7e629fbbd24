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

function auditRow(entry: AuditEntry) {
  return {
    reviewId: entry.reviewId,
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    action: entry.action,
    before: asJson(entry.before),
    after: asJson(entry.after),
  };
}

/** Must be called with the same transaction as the change it records. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(entry) });
}

/** Many events in one statement per 500, for bulk changes (a detection run merging thousands of groups). */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await tx.auditEvent.createMany({
      data: entries.slice(i, i + 500).map(auditRow),
    });
  }
}
