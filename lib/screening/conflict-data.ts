import "server-only";
import { db } from "@/lib/db";
import type { Stage } from "@/lib/reviews/schema";
import { visibleVotes, votesNeeded } from "@/lib/screening/rules";
import { unresolvedCompleteIds } from "@/lib/screening/queue";
import { getStageContext } from "@/lib/screening/data";

/**
 * Conflicts for an adjudicator: records with all their votes in but no resolution (include vs
 * exclude, any maybe, different full-text reasons, or reopened). Callers must hold "adjudicate";
 * the blinding filter is applied with `adjudicating`, the one case where both votes are shown early.
 */
export async function listConflicts(reviewId: string, stage: Stage, viewerId: string, limit = 200) {
  const { stageSettings, reasons } = await getStageContext(reviewId, stage);
  const ids = await unresolvedCompleteIds(reviewId, stage, votesNeeded(stageSettings), limit);
  const [records, members] = await Promise.all([
    db.record.findMany({
      where: { reviewId, id: { in: ids } },
      select: {
        id: true,
        title: true,
        year: true,
        journal: true,
        abstract: true,
        decisions: { where: { stage }, orderBy: { createdAt: "asc" }, select: { reviewerId: true, decision: true, reasonId: true, note: true } },
      },
    }),
    db.membership.findMany({ where: { reviewId }, select: { user: { select: { id: true, name: true } } } }),
  ]);
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  const reasonLabel = new Map(reasons.map((r) => [r.id, r.label]));
  const byId = new Map(records.map((r) => [r.id, r]));
  return {
    // Labels come from every reason; the adjudicator chooses among active ones only.
    reasons: reasons.filter((r) => !r.retired),
    conflicts: ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const votes = visibleVotes(r.decisions, viewerId, { blinded: true, resolved: false, adjudicating: true });
      return [
        {
          ...r,
          votes: votes.map((v) => ({ ...v, reviewerName: names.get(v.reviewerId) ?? "Former member", reason: v.reasonId ? (reasonLabel.get(v.reasonId) ?? "") : "" })),
        },
      ];
    }),
  };
}

/** The latest resolutions at a stage, for reopening one. */
export async function listResolutions(reviewId: string, stage: Stage, limit = 50) {
  const rows = await db.screeningResolution.findMany({
    where: { reviewId, stage },
    orderBy: { resolvedAt: "desc" },
    take: limit,
    select: { recordId: true, outcome: true, method: true, note: true, resolvedAt: true, reasonId: true, resolvedById: true, record: { select: { title: true, year: true } } },
  });
  const reasonIds = [...new Set(rows.map((r) => r.reasonId).filter((x): x is string => Boolean(x)))];
  const reasons = await db.exclusionReason.findMany({ where: { id: { in: reasonIds } }, select: { id: true, label: true } });
  const label = new Map(reasons.map((r) => [r.id, r.label]));
  return rows.map((r) => ({ ...r, reason: r.reasonId ? (label.get(r.reasonId) ?? "") : "" }));
}

/** Full-text exclusions counted per reason, for PRISMA's "reports excluded, with reasons". */
export async function countExclusionsByReason(reviewId: string, stage: Stage) {
  const [rows, reasons] = await Promise.all([
    db.screeningResolution.groupBy({ by: ["reasonId"], where: { reviewId, stage, outcome: "EXCLUDE" }, _count: true }),
    db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: "asc" }, select: { id: true, label: true } }),
  ]);
  const label = new Map(reasons.map((r) => [r.id, r.label]));
  return rows
    .map((r) => ({ reason: r.reasonId ? (label.get(r.reasonId) ?? "Removed reason") : "No reason given", count: r._count }))
    .sort((a, b) => b.count - a.count);
}
