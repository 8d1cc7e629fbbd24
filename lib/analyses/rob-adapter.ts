import "server-only";
import { db } from "@/lib/db";
import type { RobTable } from "./pipeline";

/**
 * Adapter (issue 13 brief): the consensus risk-of-bias judgements per study label and item, read
 * straight from RobAssessment/RobRating (prisma/schema.prisma) because lib/rob's
 * `listConsensusJudgements` had not landed when this was written. Study-level ratings only
 * (experiment ""), of submitted consensus assessments.
 */
export async function loadConsensusRobTable(reviewId: string): Promise<RobTable> {
  const assessments = await db.robAssessment.findMany({
    where: { reviewId, consensus: true, status: "SUBMITTED" },
    select: { study: { select: { label: true } }, ratings: { where: { experiment: "" }, select: { item: true, judgement: true } } },
  });
  return new Map(assessments.map((a) => [a.study.label, Object.fromEntries(a.ratings.map((r) => [r.item, r.judgement]))]));
}

/** The items that have a consensus judgement somewhere in the review (subgroup and sensitivity choices). */
export async function listRobItems(reviewId: string): Promise<string[]> {
  const rows = await db.robRating.findMany({ where: { assessment: { reviewId, consensus: true }, experiment: "" }, select: { item: true }, distinct: ["item"] });
  return rows.map((r) => r.item).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
