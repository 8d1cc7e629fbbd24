import "server-only";
import { db } from "@/lib/db";
import type { Stage } from "@/lib/reviews/schema";
import { agreementByPair } from "@/lib/screening/agreement-input";

/**
 * Agreement per pair of reviewers on their first independent votes at a stage (firstDecision,
 * untouched by later changes or adjudication). Under blinding, callers show this only to people
 * who may adjudicate: a live percent agreement moving after my vote would reveal my colleague's.
 */
export async function getAgreement(reviewId: string, stage: Stage) {
  const [votes, members] = await Promise.all([
    db.screeningDecision.findMany({ where: { reviewId, stage }, select: { recordId: true, reviewerId: true, firstDecision: true } }),
    db.membership.findMany({ where: { reviewId }, select: { user: { select: { id: true, name: true } } } }),
  ]);
  const names = new Map(members.map((m) => [m.user.id, m.user.name]));
  return agreementByPair(votes).map((p) => ({
    ...p,
    nameA: names.get(p.reviewerA) ?? "Former member",
    nameB: names.get(p.reviewerB) ?? "Former member",
  }));
}
