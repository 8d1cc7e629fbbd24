import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import type { ReasonStage } from "@/lib/reviews/reason-schema";

// Exclusion reasons edited in place. Decisions point at a reason's id, so a rename shows
// everywhere (screening, conflicts, records export, PRISMA) without touching any decision.

async function reasonOf(tx: Tx, reviewId: string, reasonId: string) {
  const reason = await tx.exclusionReason.findFirst({ where: { id: reasonId, reviewId } });
  if (!reason) throw new DomainError("That exclusion reason does not exist in this review.");
  return reason;
}

async function assertLabelFree(tx: Tx, reviewId: string, label: string, exceptId?: string) {
  const all = await tx.exclusionReason.findMany({ where: { reviewId }, select: { id: true, label: true } });
  const clash = all.find((r) => r.id !== exceptId && r.label.toLowerCase() === label.toLowerCase());
  if (clash) throw new DomainError(`"${clash.label}" already exists; merge the two reasons instead.`, { label: ["This label is taken."] });
}

/** How many decisions and resolutions cite a reason. */
export async function reasonUse(tx: Tx, reasonId: string) {
  const [decisions, resolutions] = await Promise.all([tx.screeningDecision.count({ where: { reasonId } }), tx.screeningResolution.count({ where: { reasonId } })]);
  return { decisions, resolutions };
}

export async function addReason(tx: Tx, actorId: string, reviewId: string, label: string, stage: ReasonStage) {
  await assertLabelFree(tx, reviewId, label);
  const last = await tx.exclusionReason.findFirst({ where: { reviewId }, orderBy: { position: "desc" }, select: { position: true } });
  const reason = await tx.exclusionReason.create({ data: { reviewId, label, stage, position: (last?.position ?? -1) + 1 } });
  await recordAudit(tx, { reviewId, actorId, entity: "ExclusionReason", entityId: reason.id, action: "create", after: { label, stage } });
  return reason;
}

/** Rename and/or change the stage a reason applies at. */
export async function editReason(tx: Tx, actorId: string, reviewId: string, reasonId: string, label: string, stage: ReasonStage) {
  const before = await reasonOf(tx, reviewId, reasonId);
  await assertLabelFree(tx, reviewId, label, reasonId);
  await tx.exclusionReason.update({ where: { id: reasonId }, data: { label, stage } });
  const action = before.label !== label ? "rename" : "update";
  await recordAudit(tx, { reviewId, actorId, entity: "ExclusionReason", entityId: reasonId, action, before: { label: before.label, stage: before.stage }, after: { label, stage } });
}

/** Swaps a reason with its neighbour; the order is the screening page's 1–9 keys. */
export async function moveReason(tx: Tx, actorId: string, reviewId: string, reasonId: string, direction: "up" | "down") {
  const all = await tx.exclusionReason.findMany({ where: { reviewId }, orderBy: [{ position: "asc" }, { id: "asc" }] });
  const at = all.findIndex((r) => r.id === reasonId);
  if (at < 0) throw new DomainError("That exclusion reason does not exist in this review.");
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= all.length) return;
  [all[at], all[to]] = [all[to], all[at]];
  // Renumber all, which also repairs any duplicate positions left by older versions.
  for (const [position, r] of all.entries()) if (r.position !== position) await tx.exclusionReason.update({ where: { id: r.id }, data: { position } });
  await recordAudit(tx, { reviewId, actorId, entity: "ExclusionReason", entityId: reasonId, action: "move", before: { position: at }, after: { position: to } });
}

/** A retired reason is offered for no new decision; decisions that cite it keep it. */
export async function setReasonRetired(tx: Tx, actorId: string, reviewId: string, reasonId: string, retired: boolean) {
  const before = await reasonOf(tx, reviewId, reasonId);
  if (before.retired === retired) return;
  await tx.exclusionReason.update({ where: { id: reasonId }, data: { retired } });
  await recordAudit(tx, { reviewId, actorId, entity: "ExclusionReason", entityId: reasonId, action: retired ? "retire" : "restore", before: { label: before.label, retired: before.retired }, after: { retired } });
}

/** Moves every decision and resolution citing `reasonId` onto `intoId`, then removes `reasonId`. */
export async function mergeReasons(tx: Tx, actorId: string, reviewId: string, reasonId: string, intoId: string) {
  if (reasonId === intoId) throw new DomainError("Choose a different reason to merge into.", { intoId: ["Choose a different reason."] });
  const from = await reasonOf(tx, reviewId, reasonId);
  const into = await reasonOf(tx, reviewId, intoId);
  const decisions = await tx.screeningDecision.updateMany({ where: { reviewId, reasonId }, data: { reasonId: intoId } });
  const resolutions = await tx.screeningResolution.updateMany({ where: { reviewId, reasonId }, data: { reasonId: intoId } });
  // A reason used at both stages stays usable wherever either applied.
  if (from.stage !== into.stage && into.stage !== "BOTH") await tx.exclusionReason.update({ where: { id: intoId }, data: { stage: "BOTH" } });
  await tx.exclusionReason.delete({ where: { id: reasonId } });
  await recordAudit(tx, {
    reviewId,
    actorId,
    entity: "ExclusionReason",
    entityId: intoId,
    action: "merge",
    before: { merged: { id: from.id, label: from.label, stage: from.stage }, into: { label: into.label, stage: into.stage } },
    after: { label: into.label, movedDecisions: decisions.count, movedResolutions: resolutions.count },
  });
  return { decisions: decisions.count, resolutions: resolutions.count };
}

/** Only a reason nobody cited can be deleted; one in use is retired or merged instead. */
export async function deleteReason(tx: Tx, actorId: string, reviewId: string, reasonId: string) {
  const reason = await reasonOf(tx, reviewId, reasonId);
  const use = await reasonUse(tx, reasonId);
  if (use.decisions + use.resolutions > 0)
    throw new DomainError(`"${reason.label}" is cited by ${use.decisions} decision(s) and ${use.resolutions} resolution(s); retire it or merge it into another reason instead.`);
  await tx.exclusionReason.delete({ where: { id: reasonId } });
  await recordAudit(tx, { reviewId, actorId, entity: "ExclusionReason", entityId: reasonId, action: "delete", before: { label: reason.label, stage: reason.stage } });
}
