import "server-only";
import { db } from "@/lib/db";
import type { AuditFilter } from "@/lib/audit/schema";
import type { Role } from "@/lib/auth/roles";
import { readReviewSettings } from "@/lib/reviews/schema";
import { redactBlindedEvents } from "@/lib/audit/redact";

export const AUDIT_PAGE_SIZE = 50;

/** One page of the review's audit log, with blinded content redacted for the viewer (see redact.ts). */
export async function listAuditEvents(reviewId: string, filter: AuditFilter, viewer: { id: string; roles: readonly Role[] }) {
  const where = { reviewId, actorId: filter.actor, entity: filter.entity };
  const [events, total, actors, entities, review] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { actor: { select: { name: true, email: true } } },
    }),
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where: { reviewId, actorId: { not: null } }, distinct: ["actorId"], select: { actor: { select: { id: true, name: true } } } }),
    db.auditEvent.findMany({ where: { reviewId }, distinct: ["entity"], select: { entity: true } }),
    db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } }),
  ]);
  return {
    events: redactBlindedEvents(events, viewer, readReviewSettings(review.settings)),
    total,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    actors: actors.flatMap((a) => (a.actor ? [a.actor] : [])),
    entities: entities.map((e) => e.entity).sort(),
  };
}
