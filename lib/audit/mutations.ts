import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { execute } from "@/lib/sql";
import { databaseUrl } from "@/lib/database-url";
import { newId } from "@/lib/ids";

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

const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));

/**
 * Must be called with the same transaction as the change it records. On SQLite the row is written
 * with plain SQL, exactly as Prisma would write it (a cuid, the adapter's timestamp, JSON as text):
 * every decision writes one, and compiling Prisma's create costs several times the INSERT. Other
 * databases take JSON only through the client, so they keep the model query.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const row = auditRow(entry);
  if (!databaseUrl().startsWith("file:")) {
    await tx.auditEvent.create({ data: row });
    return;
  }
  await execute(tx, Prisma.sql`INSERT INTO "AuditEvent" ("id", "reviewId", "actorId", "at", "entity", "entityId", "action", "before", "after")
    VALUES (${newId()}, ${row.reviewId}, ${row.actorId}, ${new Date()}, ${row.entity}, ${row.entityId}, ${row.action}, ${json(row.before)}, ${json(row.after)})`);
}

/** Many events in one statement per 500, for bulk changes (a detection run merging thousands of groups). */
export async function recordAudits(tx: Tx, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await tx.auditEvent.createMany({
      data: entries.slice(i, i + 500).map(auditRow),
    });
  }
}
