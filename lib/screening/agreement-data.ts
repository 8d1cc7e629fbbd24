import "server-only";
import { db } from "@/lib/db";
import type { Stage } from "@/lib/reviews/schema";
import { agreementByPair } from "@/lib/screening/agreement-input";
import { getAssignedOverlap } from "@/lib/screening/assignment-data";

/**
 * Agreement per pair of reviewers on their first independent votes at a stage (firstDecision,
 * untouched by later changes or adjudication), computed on the pair's overlap only: the records
 * both of them screened (`n`). When the stage's records are assigned, `assignedToBoth` says how
 * many records the assignment gave both (a 20% check share, or a split's shared records), so
 * the page can say how much of the overlap is screened yet. Under blinding, callers show this
 * only to people who may adjudicate: a live percent agreement moving after my vote would reveal
 * my colleague's.
 */
export async function getAgreement(reviewId: string, stage: Stage) {
  const [votes, members, planned] = await Promise.all([
    db.screeningDecision.findMany({ where: { reviewId, stage }, select: { recordId: true, reviewerId: true, firstDecision: true } }),
    db.membership.findMany({ where: { reviewId }, select: { user: { select: { id: true, name: true } } } }),
    db.screeningAssignmentPlan.findUnique({ where: { reviewId_stage: { reviewId, stage } }, select: { id: true } }),
  ]);
  const overlap = planned ? await getAssignedOverlap(reviewId, stage) : null;
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  return agreementByPair(votes).map((p) => ({
    ...p,
    nameA: names.get(p.reviewerA) ?? "Former member",
    nameB: names.get(p.reviewerB) ?? "Former member",
    assignedToBoth: overlap ? (overlap.get(`${p.reviewerA}\u0000${p.reviewerB}`) ?? 0) : null,
  }));
}
