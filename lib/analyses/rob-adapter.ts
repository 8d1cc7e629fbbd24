import "server-only";
import { listConsensusJudgements } from "@/lib/rob/data";
import type { RobTable } from "./pipeline";

/** The consensus risk-of-bias judgements (lib/rob) as study label → item → judgement, for subgroups, sensitivity and GRADE. */
export async function loadConsensusRobTable(reviewId: string): Promise<RobTable> {
  const studies = await listConsensusJudgements(reviewId);
  return new Map(studies.map((s) => [s.label, Object.fromEntries(s.items.map((i) => [i.item, i.judgement]))]));
}

/** The items with a consensus judgement somewhere in the review (subgroup and sensitivity choices). */
export function robItemsOf(rob: RobTable): string[] {
  return [...new Set([...rob.values()].flatMap((items) => Object.keys(items)))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
