import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { Snapshot } from "./changes";
import type { AnalysisDefinition, GradeJudgement } from "./schema";

type Actor = { id: string | null; reviewId: string };

async function requireUniqueName(tx: Tx, reviewId: string, name: string, exceptId?: string) {
  const clash = await tx.analysis.findFirst({ where: { reviewId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new DomainError(`This review already has an analysis named "${name}".`, { name: ["Choose another name."] });
}

const columns = (d: AnalysisDefinition) => ({ name: d.name, outcome: d.outcome, timepoint: d.timepoint, measure: d.measure, method: d.method, options: d.options });

export async function createAnalysis(tx: Tx, actor: Actor, definition: AnalysisDefinition) {
  await requireUniqueName(tx, actor.reviewId, definition.name);
  const created = await tx.analysis.create({ data: { reviewId: actor.reviewId, createdById: actor.id, ...columns(definition) } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Analysis", entityId: created.id, action: "create", after: columns(definition) });
  return { id: created.id };
}

async function requireAnalysis(tx: Tx, reviewId: string, analysisId: string) {
  const row = await tx.analysis.findFirst({ where: { id: analysisId, reviewId } });
  if (!row) throw new DomainError("No such analysis in this review.");
  return row;
}

/** The snapshot is kept: the next view reports how the new definition changed the result. */
export async function updateAnalysis(tx: Tx, actor: Actor, analysisId: string, definition: AnalysisDefinition) {
  const before = await requireAnalysis(tx, actor.reviewId, analysisId);
  await requireUniqueName(tx, actor.reviewId, definition.name, analysisId);
  await tx.analysis.update({ where: { id: analysisId }, data: columns(definition) });
  await recordAudit(tx, {
    reviewId: actor.reviewId, actorId: actor.id, entity: "Analysis", entityId: analysisId, action: "update",
    before: { name: before.name, outcome: before.outcome, timepoint: before.timepoint, measure: before.measure, method: before.method, options: before.options },
    after: columns(definition),
  });
}

export async function deleteAnalysis(tx: Tx, actor: Actor, analysisId: string) {
  const before = await requireAnalysis(tx, actor.reviewId, analysisId);
  await tx.analysis.delete({ where: { id: analysisId } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Analysis", entityId: analysisId, action: "delete", before: { name: before.name, outcome: before.outcome } });
}

export async function saveGrade(tx: Tx, actor: Actor, analysisId: string, grade: GradeJudgement) {
  const before = await requireAnalysis(tx, actor.reviewId, analysisId);
  await tx.analysis.update({ where: { id: analysisId }, data: { grade } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Analysis", entityId: analysisId, action: "grade", before: before.grade, after: grade });
}

/**
 * Stores a recomputed result that differs from the last snapshot, with what changed, at `at`.
 * The actor is whoever's view noticed the change (null from the CLI without a user).
 */
export async function storeSnapshot(tx: Tx, actor: Actor, analysisId: string, snapshot: Snapshot, at: Date) {
  const before = await requireAnalysis(tx, actor.reviewId, analysisId);
  await tx.analysis.update({ where: { id: analysisId }, data: { snapshot, snapshotAt: at } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Analysis", entityId: analysisId, action: "recompute", before: before.snapshot, after: snapshot });
}
