import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { armDataSchema, emptyOutcomeData, outcomeDataSchema, type ArmResult, type OutcomeData } from "@/lib/extraction/schema";
import { isOwnFigureImage } from "./image-store";
import { deriveAll, type DerivedGroup } from "./mapping";
import type { SaveDigitisationInput } from "./schema";

type Actor = { id: string; reviewId: string };

/**
 * Stores a digitisation with the numbers derived from its clicks (recomputed here, never taken
 * from the browser), and, when a target outcome is given, writes those numbers as reported into
 * the actor's own extraction (or the consensus) with the figure's locator — all in one transaction.
 */
export async function saveDigitisation(tx: Tx, actor: Actor, input: SaveDigitisationInput) {
  const study = await tx.study.findFirst({ where: { id: input.studyId, reviewId: actor.reviewId }, select: { id: true } });
  if (!study) throw new DomainError("Not found.");
  if (input.sourceKind === "IMAGE" && !(input.imagePath && isOwnFigureImage(actor.reviewId, actor.id, input.imagePath)))
    throw new DomainError("Upload the figure image again.", { imagePath: ["The image was not uploaded by you to this review."] });
  if (input.sourceKind === "PDF" && input.page === undefined) throw new DomainError("Say which page of the PDF the figure is on.", { page: ["Required for a PDF figure."] });
  const derived = deriveAll(input.calibration, input.clicks);
  const owner = input.consensus ? null : actor.id;
  const data = {
    locator: input.locator,
    sourceKind: input.sourceKind,
    page: input.page ?? null,
    imagePath: input.imagePath ?? null,
    crop: input.crop,
    calibration: input.calibration,
    points: input.clicks,
    derived,
  };
  let before = null;
  let row;
  if (input.digitisationId) {
    before = await tx.digitisation.findFirst({ where: { id: input.digitisationId, reviewId: actor.reviewId } });
    if (!before) throw new DomainError("Not found.");
    // One extractor never edits another's evidence; the consensus copy belongs to whoever reconciles.
    if (before.reviewerId !== owner || before.consensus !== input.consensus) throw new DomainError("This digitisation is someone else's; save your own copy instead.");
    row = await tx.digitisation.update({ where: { id: before.id }, data });
  } else {
    row = await tx.digitisation.create({ data: { ...data, reviewId: actor.reviewId, studyId: study.id, reviewerId: owner, consensus: input.consensus } });
  }
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Digitisation", entityId: row.id, action: before ? "update" : "create", before, after: row });
  const applied = input.target ? await applyToExtraction(tx, actor, study.id, owner, row.id, input.locator, input.target, derived) : [];
  return { id: row.id, derived, applied };
}

/** Upserts one arm per picked group into the entry's outcome data; groups only named, not picked, are left out. */
async function applyToExtraction(
  tx: Tx,
  actor: Actor,
  studyId: string,
  reviewerId: string | null,
  digitisationId: string,
  locator: string,
  target: NonNullable<SaveDigitisationInput["target"]>,
  derived: DerivedGroup[],
): Promise<string[]> {
  const outcome = await tx.outcome.findFirst({ where: { reviewId: actor.reviewId, name: target.outcome }, select: { id: true } });
  if (!outcome) throw new DomainError(`The review has no outcome “${target.outcome}”.`, { target: ["Pick one of the review's outcomes."] });
  const entry = await tx.extractionEntry.findFirst({ where: { studyId, reviewerId, consensus: reviewerId === null } });
  if (entry?.status === "SUBMITTED" && reviewerId !== null) throw new DomainError("You have submitted this study's extraction; reopen it before changing its outcome data.");
  const current: OutcomeData = entry ? outcomeDataSchema.parse(entry.outcomeData ?? {}) : emptyOutcomeData();
  const experiment = current.experiments.find((e) => e.id === target.experimentId);
  if (!experiment) throw new DomainError("Add the experiment and its groups to the extraction form first.", { target: ["Unknown experiment."] });
  const applied: string[] = [];
  const arms: ArmResult[] = [...current.arms];
  for (const d of derived) {
    const group = experiment.groups.find((g) => g.id === d.groupId);
    if (!group) continue;
    const arm: ArmResult = {
      experimentId: experiment.id,
      groupId: group.id,
      outcome: target.outcome,
      timepoint: target.timepoint,
      data: armDataSchema.parse({ n: group.n, ...d.data }),
      locator,
      digitisationId,
    };
    const at = arms.findIndex((a) => a.experimentId === arm.experimentId && a.groupId === arm.groupId && a.outcome === arm.outcome && a.timepoint === arm.timepoint);
    if (at >= 0) arms[at] = arm;
    else arms.push(arm);
    applied.push(group.name);
  }
  const outcomeData = { ...current, arms };
  const after = entry
    ? await tx.extractionEntry.update({ where: { id: entry.id }, data: { outcomeData } })
    : await tx.extractionEntry.create({ data: { reviewId: actor.reviewId, studyId, reviewerId, consensus: reviewerId === null, values: {}, outcomeData } });
  await recordAudit(tx, {
    reviewId: actor.reviewId,
    actorId: actor.id,
    entity: "ExtractionEntry",
    entityId: after.id,
    action: "digitise",
    before: entry ? { arms: current.arms.filter((a) => a.outcome === target.outcome && a.timepoint === target.timepoint) } : null,
    after: { digitisationId, arms: arms.filter((a) => a.outcome === target.outcome && a.timepoint === target.timepoint) },
  });
  return applied;
}

/** Removes one's own digitisation (the numbers already written into the form stay, as typed values would). */
export async function deleteDigitisation(tx: Tx, actor: Actor, digitisationId: string, consensus: boolean) {
  const row = await tx.digitisation.findFirst({ where: { id: digitisationId, reviewId: actor.reviewId } });
  if (!row) throw new DomainError("Not found.");
  if (row.consensus !== consensus || (!consensus && row.reviewerId !== actor.id)) throw new DomainError("Only its author can delete a digitisation.");
  await tx.digitisation.delete({ where: { id: row.id } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Digitisation", entityId: row.id, action: "delete", before: row });
}
