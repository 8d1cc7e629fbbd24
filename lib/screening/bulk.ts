import type { Tx } from "@/lib/db";
import type { Stage } from "@/lib/reviews/schema";
import { readReviewSettings } from "@/lib/reviews/schema";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { screenRecord } from "@/lib/screening/mutations";
import { BULK_LIMIT } from "@/lib/screening/bulk-schema";

/**
 * Records still needing this reviewer's vote whose title, abstract or keywords contain `q`:
 * unique records (primaries), eligible at the stage, unresolved, not voted by them, short of the
 * required votes. The reviewer's own queue, so a search reveals nobody else's votes.
 */
export async function searchMyQueue(tx: Tx, reviewId: string, stage: Stage, reviewerId: string, q: string) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true, assignmentPlans: { where: { stage }, select: { id: true } } } });
  // When the stage's records are assigned, my queue is my assigned records (and only assignees vote).
  const assigned = review.assignmentPlans.length > 0;
  const settings = readReviewSettings(review.settings);
  const required = (stage === "TITLE_ABSTRACT" ? settings.titleAbstract : settings.fullText).reviewersPerRecord;
  const candidates = await tx.record.findMany({
    where: {
      reviewId,
      isDuplicate: false,
      OR: [{ title: { contains: q } }, { abstract: { contains: q } }, { authorText: { contains: q.toLowerCase() } }],
      resolutions: { none: { stage } },
      decisions: { none: { stage, reviewerId } },
      ...(assigned ? { assignments: { some: { stage, reviewerId } } } : {}),
      ...(stage === "FULL_TEXT" ? { AND: [{ resolutions: { some: { stage: "TITLE_ABSTRACT", outcome: "INCLUDE" } } }, { NOT: { fullText: { status: "NOT_RETRIEVED" } } }] } : {}),
    },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    take: BULK_LIMIT + 1,
    select: { id: true, title: true, year: true, decisions: { where: { stage }, select: { id: true } } },
  });
  const open = assigned ? candidates : candidates.filter((r) => r.decisions.length < required);
  return { records: open.slice(0, BULK_LIMIT).map((r) => ({ id: r.id, title: r.title, year: r.year })), more: open.length > BULK_LIMIT };
}

/** One decision per matching record (each audited as usual), plus one event recording the bulk step and its search. */
export async function bulkDecide(tx: Tx, reviewerId: string, reviewId: string, input: { stage: Stage; q: string; decision: "INCLUDE" | "EXCLUDE"; reasonId: string | null; expected: number }) {
  const { records, more } = await searchMyQueue(tx, reviewId, input.stage, reviewerId, input.q);
  if (more) throw new DomainError(`More than ${BULK_LIMIT} records match; narrow the search.`);
  if (records.length !== input.expected) throw new DomainError(`The search now finds ${records.length} records, not ${input.expected}; search again and confirm.`);
  for (const r of records) await screenRecord(tx, reviewerId, reviewId, { stage: input.stage, recordId: r.id, decision: input.decision, reasonId: input.reasonId, note: "" });
  await recordAudit(tx, { reviewId, actorId: reviewerId, entity: "ScreeningDecision", action: "bulk-decide", after: { stage: input.stage, search: input.q, decision: input.decision, reasonId: input.reasonId, recordIds: records.map((r) => r.id) } });
  return records.length;
}
