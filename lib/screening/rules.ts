/**
 * Pure screening rules: when a record is settled, who may see which vote, and the order in which
 * a reviewer meets records. No I/O, so the actions, the JSON API, the pages and the tests share them.
 */
import type { Stage } from "@/lib/reviews/schema";

export const DECISIONS = ["INCLUDE", "EXCLUDE", "MAYBE"] as const;
export type Decision = (typeof DECISIONS)[number];
export const OUTCOMES = ["INCLUDE", "EXCLUDE"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Vote = { reviewerId: string; decision: string; reasonId: string | null };

export type VoteState =
  | { status: "PENDING"; votes: number; required: number }
  | { status: "AGREED"; outcome: Outcome; reasonId: string | null }
  | { status: "CONFLICT"; why: string };

/**
 * The votes a record needs before it is settled: a fixed number when everyone screens everything,
 * or "ASSIGNED" when the stage's records are shared out, so each record needs one vote per
 * reviewer assigned to it (lib/screening/assignment.ts) and only they may cast them.
 */
export type VotesNeeded = number | "ASSIGNED";
export const votesNeeded = (stage: { reviewersPerRecord: number; assigned?: boolean }): VotesNeeded => (stage.assigned ? "ASSIGNED" : stage.reviewersPerRecord);

/**
 * A record is settled by agreement once it has the required number of votes and they all say
 * include, or all say exclude. Include against exclude, or any "maybe", is a conflict for the
 * adjudicator; in single-reviewer mode a lone "maybe" is a conflict too, since nobody else will vote.
 * At full text an exclusion must cite a reason and PRISMA counts exclusions per reason, so two
 * exclusions for different reasons are a conflict as well (Covidence does the same); at
 * title/abstract the reason is optional and the first cited one is kept.
 */
export function resolveVotes(votes: readonly Vote[], required: number, stage: Stage): VoteState {
  if (votes.length < required) return { status: "PENDING", votes: votes.length, required };
  const decisions = new Set(votes.map((v) => v.decision));
  if (decisions.has("MAYBE")) return { status: "CONFLICT", why: "A reviewer answered maybe." };
  if (decisions.size > 1) return { status: "CONFLICT", why: "Include against exclude." };
  const outcome = votes[0].decision as Outcome;
  if (outcome === "INCLUDE") return { status: "AGREED", outcome, reasonId: null };
  const reasons = new Set(votes.map((v) => v.reasonId));
  if (stage === "FULL_TEXT" && reasons.size > 1) return { status: "CONFLICT", why: "Excluded for different reasons." };
  return { status: "AGREED", outcome, reasonId: votes.find((v) => v.reasonId)?.reasonId ?? null };
}

/** 32-bit FNV-1a: a tiny, stable, well-spread hash (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Where a reviewer's walk through the records begins. Each reviewer walks the same (position, id)
 * order, rotated to start at a point fixed by a hash of their id and the review: deterministic for
 * them (so they resume where they left off), different between colleagues (so a team of many
 * spreads over the records), and cheap at 100,000 records because the walk follows an index
 * instead of sorting by a per-row hash.
 */
export function queueStart(reviewerId: string, reviewId: string, positions: number): number {
  return positions > 0 ? fnv1a(`${reviewId}:${reviewerId}`) % positions : 0;
}

export type VisibleVote = Vote & { reviewerName: string; note: string };

/**
 * The blinding filter. A viewer always sees their own vote; another reviewer's vote only when the
 * stage is not blinded, the record is resolved, or the viewer is adjudicating a conflict (an
 * adjudicator must see both sides). Everything that shows votes passes through here.
 */
export function visibleVotes<V extends { reviewerId: string }>(
  votes: readonly V[],
  viewerId: string,
  context: { blinded: boolean; resolved: boolean; adjudicating?: boolean },
): V[] {
  if (!context.blinded || context.resolved || context.adjudicating) return [...votes];
  return votes.filter((v) => v.reviewerId === viewerId);
}

/** A short study label, "Smith 2019", for the study a full-text inclusion creates. */
export function studyLabel(authors: unknown, year: number | null, title: string): string {
  const first = Array.isArray(authors) ? (authors[0] as { family?: string; literal?: string; normalized?: string } | undefined) : undefined;
  const name = first?.family || first?.literal || first?.normalized?.split(" ")[0] || title.split(/\s+/).slice(0, 3).join(" ");
  return `${name}${year ? ` ${year}` : ""}`.trim() || "Study";
}
