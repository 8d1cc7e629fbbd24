import "server-only";
import { db } from "@/lib/db";

/** A readable stand-in for an id found in an audit event, with a link when there is a page for it. */
export type AuditName = { label: string; href?: string };

const RECORD_KEYS = new Set(["recordId", "primaryRecordId", "reportIds", "recordIds"]);
const REASON_KEYS = new Set(["reasonId"]);
const USER_KEYS = new Set(["reviewerId", "resolvedById", "userId", "actorId", "invitedById", "acceptedBy"]);
const STUDY_KEYS = new Set(["studyId"]);

function collect(value: unknown, key: string, out: { records: Set<string>; reasons: Set<string>; users: Set<string>; studies: Set<string> }) {
  if (Array.isArray(value)) return value.forEach((v) => collect(v, key, out));
  if (value && typeof value === "object") return Object.entries(value).forEach(([k, v]) => collect(v, k, out));
  if (typeof value !== "string") return;
  if (RECORD_KEYS.has(key)) out.records.add(value);
  else if (REASON_KEYS.has(key)) out.reasons.add(value);
  else if (USER_KEYS.has(key)) out.users.add(value);
  else if (STUDY_KEYS.has(key)) out.studies.add(value);
}

/**
 * Resolves the record, reason, person and study ids that audit events mention into titles,
 * labels and names (scoped to the review), so the log reads "Alendronate in rats" rather than
 * "recordId: cmx56b5…". Ids of rows since deleted stay as they are.
 */
export async function resolveAuditNames(reviewId: string, slug: string, events: { entity: string; entityId: string | null; before: unknown; after: unknown }[]) {
  const ids = { records: new Set<string>(), reasons: new Set<string>(), users: new Set<string>(), studies: new Set<string>() };
  const figures = new Set<string>();
  for (const e of events) {
    collect(e.before, "", ids);
    collect(e.after, "", ids);
    if (e.entity === "Record" && e.entityId) ids.records.add(e.entityId);
    if (e.entity === "ExclusionReason" && e.entityId) ids.reasons.add(e.entityId);
    if ((e.entity === "Membership" || e.entity === "User") && e.entityId) ids.users.add(e.entityId);
    if (e.entity === "Study" && e.entityId) ids.studies.add(e.entityId);
    if (e.entity === "Digitisation" && e.entityId) figures.add(e.entityId);
    const digitised = e.entity === "ExtractionEntry" ? (e.after as Record<string, unknown> | null)?.digitisationId : undefined;
    if (typeof digitised === "string") figures.add(digitised);
  }
  const [records, reasons, users, studies, digitisations] = await Promise.all([
    db.record.findMany({ where: { reviewId, id: { in: [...ids.records] } }, select: { id: true, title: true } }),
    db.exclusionReason.findMany({ where: { reviewId, id: { in: [...ids.reasons] } }, select: { id: true, label: true } }),
    db.user.findMany({ where: { id: { in: [...ids.users] } }, select: { id: true, name: true } }),
    db.study.findMany({ where: { reviewId, id: { in: [...ids.studies] } }, select: { id: true, label: true } }),
    db.digitisation.findMany({ where: { reviewId, id: { in: [...figures] } }, select: { id: true, locator: true, studyId: true } }),
  ]);
  const names = new Map<string, AuditName>();
  const short = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text) || "(no title)";
  for (const r of records) names.set(r.id, { label: short(r.title), href: `/reviews/${slug}/records/${r.id}` });
  for (const r of reasons) names.set(r.id, { label: r.label });
  for (const u of users) names.set(u.id, { label: u.name });
  for (const s of studies) names.set(s.id, { label: s.label, href: `/reviews/${slug}/studies` });
  for (const d of digitisations) names.set(d.id, { label: `Figure: ${d.locator}`, href: `/reviews/${slug}/figures/${d.studyId}` });
  return names;
}
