import "server-only";
import { db } from "@/lib/db";
import { hasCapability, type Role } from "@/lib/auth/roles";
import { readReviewSettings, type Stage } from "@/lib/reviews/schema";
import { visibleVotes } from "@/lib/screening/rules";

const STAGES: Stage[] = ["TITLE_ABSTRACT", "FULL_TEXT"];

const authorNames = (authors: unknown) =>
  Array.isArray(authors) ? authors.map((a: { family?: string; given?: string; literal?: string }) => a.literal ?? [a.family, a.given].filter(Boolean).join(", ")).filter(Boolean) : [];
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * Everything about one record that answers "why was this excluded, and by whom": its copies in
 * every source (the duplicate group), its text, the PDF, every vote the viewer may see (through
 * the same blinding filter as the screening pages), each stage's resolution and who made it, and,
 * for owners, its audit history. Returns null for a record outside the review.
 */
export async function getRecordDetail(reviewId: string, recordId: string, viewer: { id: string; roles: readonly Role[] }) {
  const record = await db.record.findFirst({
    where: { id: recordId, reviewId },
    include: {
      import: { select: { fileName: true, search: { select: { database: true } } } },
      fullText: { select: { id: true, status: true, filePath: true, note: true, updatedAt: true } },
      study: { select: { id: true, label: true } },
      decisions: { orderBy: { createdAt: "asc" } },
      resolutions: true,
      assignments: { select: { stage: true } },
    },
  });
  if (!record) return null;
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true, assignmentPlans: { select: { stage: true } } } });
  const settings = readReviewSettings(review.settings);
  const [copies, reasons, people] = await Promise.all([
    record.duplicateGroupId
      ? db.record.findMany({
          where: { reviewId, duplicateGroupId: record.duplicateGroupId },
          orderBy: [{ isDuplicate: "asc" }, { createdAt: "asc" }],
          select: { id: true, title: true, year: true, doi: true, isDuplicate: true, sourceDatabase: true, import: { select: { fileName: true, search: { select: { database: true } } } } },
        })
      : Promise.resolve([]),
    db.exclusionReason.findMany({ where: { reviewId }, select: { id: true, label: true } }),
    db.user.findMany({ where: { id: { in: [...record.decisions.map((d) => d.reviewerId), ...record.resolutions.flatMap((r) => (r.resolvedById ? [r.resolvedById] : []))] } }, select: { id: true, name: true } }),
  ]);
  const reasonLabel = (id: string | null) => (id ? (reasons.find((r) => r.id === id)?.label ?? "(deleted reason)") : null);
  const personName = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? "(former member)") : null);
  const canAdjudicate = hasCapability(viewer.roles, "adjudicate");

  const hiddenStages = new Set<Stage>();
  // A colleague's note could reveal their judgement before they vote, so notes stay private while
  // any stage the record has reached is blinded and still open to this viewer.
  let notesBlinded = false;
  const reached = (stage: Stage) =>
    stage === "TITLE_ABSTRACT" || (record.resolutions.some((r) => r.stage === "TITLE_ABSTRACT" && r.outcome === "INCLUDE") && record.fullText?.status !== "NOT_RETRIEVED");
  const stages = STAGES.map((stage) => {
    const stageSettings = stage === "TITLE_ABSTRACT" ? settings.titleAbstract : settings.fullText;
    const resolution = record.resolutions.find((r) => r.stage === stage) ?? null;
    const votes = record.decisions.filter((d) => d.stage === stage);
    // An adjudicator sees both sides once every vote is in (as on the conflicts page), not before;
    // when the stage's records are assigned, "every vote" is one per assigned reviewer.
    const assigned = review.assignmentPlans.some((p) => p.stage === stage);
    const required = assigned ? record.assignments.filter((a) => a.stage === stage).length : stageSettings.reviewersPerRecord;
    const adjudicating = canAdjudicate && required > 0 && votes.length >= required;
    const shown = visibleVotes(votes, viewer.id, { blinded: stageSettings.blinded, resolved: resolution !== null, adjudicating });
    const hidden = votes.length - shown.length;
    if (hidden > 0) hiddenStages.add(stage);
    if (hidden > 0 || (stageSettings.blinded && !resolution && !adjudicating && reached(stage))) notesBlinded = true;
    return {
      stage,
      votes: shown.map((v) => ({ id: v.id, reviewer: personName(v.reviewerId), mine: v.reviewerId === viewer.id, decision: v.decision, firstDecision: v.firstDecision, reason: reasonLabel(v.reasonId), note: v.note, at: v.updatedAt })),
      hiddenVotes: hidden,
      resolution: resolution
        ? { outcome: resolution.outcome, reason: reasonLabel(resolution.reasonId), method: resolution.method, by: personName(resolution.resolvedById), note: resolution.note, at: resolution.resolvedAt }
        : null,
    };
  });

  const history = hasCapability(viewer.roles, "manage") ? await recordHistory(reviewId, record, hiddenStages, viewer.id) : null;
  const notes = await db.recordNote.findMany({ where: { recordId: record.id, ...(notesBlinded ? { userId: viewer.id } : {}) }, orderBy: { createdAt: "asc" } });
  const authors = await db.user.findMany({ where: { id: { in: notes.map((n) => n.userId) } }, select: { id: true, name: true } });
  return {
    id: record.id,
    title: record.title,
    abstract: record.abstract,
    authors: authorNames(record.authors),
    year: record.year,
    journal: record.journal || record.journalAbbrev,
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    doi: record.doi,
    pmid: record.pmid,
    url: record.url,
    keywords: strings(record.keywords),
    mesh: strings(record.mesh),
    source: record.import?.search.database || record.sourceDatabase || null,
    fileName: record.import?.fileName ?? null,
    isDuplicate: record.isDuplicate,
    copies: copies.map((c) => ({ id: c.id, title: c.title, year: c.year, doi: c.doi, isDuplicate: c.isDuplicate, source: c.import?.search.database || c.sourceDatabase || null, fileName: c.import?.fileName ?? null })),
    fullText: record.fullText ? { status: record.fullText.status, hasPdf: Boolean(record.fullText.filePath), note: record.fullText.note } : null,
    study: record.study,
    stages,
    history,
    notes: notes.map((n) => ({ id: n.id, author: authors.find((a) => a.id === n.userId)?.name ?? "(former member)", mine: n.userId === viewer.id, text: n.text, labels: strings(n.labels), at: n.updatedAt })),
    notesHidden: notesBlinded,
  };
}
export type RecordDetail = NonNullable<Awaited<ReturnType<typeof getRecordDetail>>>;

/**
 * The audit events about this record: its own edits, its votes, resolutions and full text, and
 * withdrawn votes (whose rows are gone, so they are found by the recordId they carried). Votes
 * still hidden from the viewer by blinding stay hidden here too.
 */
async function recordHistory(
  reviewId: string,
  record: { id: string; decisions: { id: string }[]; resolutions: { id: string }[]; fullText: { id: string } | null },
  hiddenStages: Set<Stage>,
  viewerId: string,
) {
  const ids = [record.id, ...record.decisions.map((d) => d.id), ...record.resolutions.map((r) => r.id), ...(record.fullText ? [record.fullText.id] : [])];
  const [direct, withdrawals] = await Promise.all([
    db.auditEvent.findMany({ where: { reviewId, entityId: { in: ids } }, orderBy: [{ at: "asc" }, { id: "asc" }], include: { actor: { select: { name: true } } } }),
    db.auditEvent.findMany({ where: { reviewId, entity: { in: ["ScreeningDecision", "ScreeningResolution"] }, action: { in: ["withdraw", "reopen"] }, entityId: { notIn: ids } }, include: { actor: { select: { name: true } } } }),
  ]);
  const about = (value: unknown) => Boolean(value && typeof value === "object" && (value as Record<string, unknown>).recordId === record.id);
  const stageOf = (value: unknown) => (value && typeof value === "object" ? ((value as Record<string, unknown>).stage as Stage | undefined) : undefined);
  return [...direct, ...withdrawals.filter((e) => about(e.before) || about(e.after))]
    .filter((e) => {
      if (e.entity !== "ScreeningDecision" || e.actorId === viewerId) return true;
      const stage = stageOf(e.after) ?? stageOf(e.before);
      return !stage || !hiddenStages.has(stage);
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => ({ id: e.id, at: e.at, actor: e.actor?.name ?? "system", entity: e.entity, action: e.action, before: e.before, after: e.after }));
}
