/**
 * Risk-of-bias writes, each with its audit event in the same transaction. Callers (actions,
 * CLI) have checked the capability; these functions enforce the review's rules.
 */
import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { readReviewSettings, type ReviewSettings } from "@/lib/reviews/schema";
import { checkRating, worstJudgement } from "./derive";
import { reviewTool, type Judgement, type RobTool } from "./tools";
import type { ConsensusInput, RobSettingsInput, SaveRatingInput } from "./schema";

export const OVERALL = "overall";

async function loadContext(tx: Tx, reviewId: string, studyId: string) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const settings = readReviewSettings(review.settings).riskOfBias;
  const study = await tx.study.findFirst({ where: { id: studyId, reviewId }, select: { id: true, label: true } });
  if (!study) throw new DomainError("That study is not in this review.");
  return { settings, tool: reviewTool(settings.tool, settings.customItems), study };
}

/** Items a complete assessment must judge for the whole study: the tool's, plus overall when the protocol shows one. */
export function requiredItems(tool: RobTool, settings: ReviewSettings["riskOfBias"]): string[] {
  return [...tool.items.map((i) => i.id), ...(settings.showOverall ? [OVERALL] : [])];
}

/** The proposed overall judgement: the worst of the whole-study item judgements given so far. */
function proposedOverall(tool: RobTool, ratings: { item: string; experiment: string; judgement: string }[]): Judgement | null {
  const whole = new Map(ratings.filter((r) => r.experiment === "").map((r) => [r.item, r.judgement as Judgement]));
  return worstJudgement(tool.items.map((i) => whole.get(i.id)));
}

/**
 * Saves one rater's judgement for an item (or an experiment's override of it). The first
 * judgement ever saved for that item is kept as `firstJudgement`, for kappa. A study takes at
 * most `ratersPerStudy` raters.
 */
export async function saveRating(tx: Tx, reviewId: string, raterId: string, input: Omit<SaveRatingInput, "slug">) {
  const { settings, tool, study } = await loadContext(tx, reviewId, input.studyId);
  let assessment = await tx.robAssessment.findFirst({ where: { studyId: study.id, raterId, consensus: false }, include: { ratings: true } });
  if (!assessment) {
    const raters = await tx.robAssessment.count({ where: { studyId: study.id, consensus: false } });
    if (raters >= settings.ratersPerStudy) throw new DomainError(`${study.label} already has ${settings.ratersPerStudy} rater${settings.ratersPerStudy === 1 ? "" : "s"}.`);
    assessment = await tx.robAssessment.create({ data: { reviewId, studyId: study.id, raterId, tool: tool.id }, include: { ratings: true } });
  }
  if (assessment.tool !== tool.id) throw new DomainError(`This assessment uses ${assessment.tool}, not the review's current tool.`);
  const check = checkRating(tool, input, input.item === OVERALL ? proposedOverall(tool, assessment.ratings) : undefined);
  if (!check.ok) throw new DomainError(check.message, { [check.field]: [check.message] });
  if (input.item === OVERALL && !settings.showOverall) throw new DomainError("This review's protocol shows no overall judgement.");
  const before = assessment.ratings.find((r) => r.item === input.item && r.experiment === input.experiment) ?? null;
  const data = {
    judgement: input.judgement,
    derived: check.derived,
    overrideReason: check.derived && check.derived !== input.judgement ? input.overrideReason.trim() : "",
    answers: input.answers,
    support: input.support.trim(),
  };
  const rating = before
    ? await tx.robRating.update({ where: { id: before.id }, data })
    : await tx.robRating.create({ data: { ...data, assessmentId: assessment.id, item: input.item, experiment: input.experiment, firstJudgement: input.judgement } });
  await recordAudit(tx, {
    reviewId, actorId: raterId, entity: "RobRating", entityId: rating.id, action: before ? "rob.rating.update" : "rob.rating.create",
    before: before && { judgement: before.judgement, answers: before.answers, support: before.support, overrideReason: before.overrideReason },
    after: { studyId: study.id, item: input.item, experiment: input.experiment, ...data },
  });
  return { ratingId: rating.id, derived: check.derived };
}

/** Submits a rater's assessment of a study once every required item is judged for the whole study. */
export async function submitAssessment(tx: Tx, reviewId: string, raterId: string, studyId: string) {
  const { settings, tool, study } = await loadContext(tx, reviewId, studyId);
  const assessment = await tx.robAssessment.findFirst({ where: { studyId: study.id, raterId, consensus: false }, include: { ratings: true } });
  if (!assessment) throw new DomainError(`You have not rated ${study.label} yet.`);
  const judged = new Set(assessment.ratings.filter((r) => r.experiment === "").map((r) => r.item));
  const missing = requiredItems(tool, settings).filter((i) => !judged.has(i));
  if (missing.length) throw new DomainError(`Judge every item before submitting; missing: ${missing.join(", ")}.`);
  const updated = await tx.robAssessment.update({ where: { id: assessment.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
  await recordAudit(tx, { reviewId, actorId: raterId, entity: "RobAssessment", entityId: assessment.id, action: "rob.submit", before: { status: assessment.status }, after: { status: updated.status, studyId } });
  return updated;
}

async function submittedRaterRatings(tx: Tx, studyId: string, ratersPerStudy: number) {
  const raters = await tx.robAssessment.findMany({ where: { studyId, consensus: false }, include: { ratings: true }, orderBy: { createdAt: "asc" } });
  const submitted = raters.filter((a) => a.status === "SUBMITTED");
  if (submitted.length < ratersPerStudy) throw new DomainError("Consensus waits until every rater has submitted this study.");
  return submitted;
}

async function consensusAssessment(tx: Tx, reviewId: string, studyId: string, tool: string) {
  // raterId is null for the consensus, and SQLite treats NULLs as distinct in the unique index: find, then create.
  return (
    (await tx.robAssessment.findFirst({ where: { studyId, consensus: true }, include: { ratings: true } })) ??
    (await tx.robAssessment.create({ data: { reviewId, studyId, raterId: null, consensus: true, tool, status: "IN_PROGRESS" }, include: { ratings: true } }))
  );
}

/** Records the consensus judgement for one item (and experiment) of a study, with a note when the raters disagreed. */
export async function setConsensus(tx: Tx, reviewId: string, actorId: string, input: Omit<ConsensusInput, "slug">, method: "settled" | "agreement" = "settled") {
  const { settings, tool, study } = await loadContext(tx, reviewId, input.studyId);
  if (!(tool.judgements as readonly string[]).includes(input.judgement)) throw new DomainError(`Judgement must be one of ${tool.judgements.join(", ")}.`);
  const raters = await submittedRaterRatings(tx, study.id, settings.ratersPerStudy);
  const given = raters.map((a) => a.ratings.find((r) => r.item === input.item && r.experiment === input.experiment)?.judgement);
  const disagreed = new Set(given).size > 1;
  if (disagreed && !input.note) throw new DomainError("Say how the disagreement was settled.", { note: ["Say how the disagreement was settled."] });
  const consensus = await consensusAssessment(tx, reviewId, study.id, tool.id);
  const before = consensus.ratings.find((r) => r.item === input.item && r.experiment === input.experiment) ?? null;
  const support = input.note || raters.map((a) => a.ratings.find((r) => r.item === input.item && r.experiment === input.experiment)?.support).filter(Boolean).join(" | ");
  const data = { judgement: input.judgement, support, derived: null, answers: {}, overrideReason: "" };
  const rating = before
    ? await tx.robRating.update({ where: { id: before.id }, data })
    : await tx.robRating.create({ data: { ...data, assessmentId: consensus.id, item: input.item, experiment: input.experiment, firstJudgement: input.judgement } });
  const complete = requiredItems(tool, settings).every((i) => i === input.item && input.experiment === "" ? true : consensus.ratings.some((r) => r.item === i && r.experiment === ""));
  if (complete && consensus.status !== "SUBMITTED") await tx.robAssessment.update({ where: { id: consensus.id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
  await recordAudit(tx, {
    reviewId, actorId, entity: "RobConsensus", entityId: rating.id, action: before ? "rob.consensus.update" : "rob.consensus.create",
    before: before && { judgement: before.judgement, support: before.support },
    after: { studyId: study.id, item: input.item, experiment: input.experiment, judgement: input.judgement, note: input.note, method, raterJudgements: given },
  });
  return { ratingId: rating.id };
}

/** Takes every item on which all raters agree as the consensus (audited as method "agreement"); returns how many. */
export async function acceptAgreements(tx: Tx, reviewId: string, actorId: string, studyId: string) {
  const { settings } = await loadContext(tx, reviewId, studyId);
  const raters = await submittedRaterRatings(tx, studyId, settings.ratersPerStudy);
  const existing = await tx.robAssessment.findFirst({ where: { studyId, consensus: true }, include: { ratings: true } });
  let taken = 0;
  for (const rating of raters[0].ratings) {
    const all = raters.map((a) => a.ratings.find((r) => r.item === rating.item && r.experiment === rating.experiment)?.judgement);
    if (all.some((j) => j !== rating.judgement)) continue;
    if (existing?.ratings.some((r) => r.item === rating.item && r.experiment === rating.experiment)) continue;
    await setConsensus(tx, reviewId, actorId, { studyId, item: rating.item, experiment: rating.experiment, judgement: rating.judgement as Judgement, note: "" }, "agreement");
    taken++;
  }
  return { taken };
}

/** The owner's choice of tool and rating rules. The tool is fixed once anyone has rated. */
export async function updateRobSettings(tx: Tx, reviewId: string, actorId: string, input: Omit<RobSettingsInput, "slug">) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const settings = readReviewSettings(review.settings);
  const before = settings.riskOfBias;
  if (before.tool !== input.tool && (await tx.robAssessment.count({ where: { reviewId } })) > 0)
    throw new DomainError("The tool cannot change once studies have been rated.", { tool: ["The tool cannot change once studies have been rated."] });
  const after = { ...before, ...input };
  await tx.review.update({ where: { id: reviewId }, data: { settings: { ...settings, riskOfBias: after } } });
  await recordAudit(tx, { reviewId, actorId, entity: "ReviewSettings", entityId: reviewId, action: "rob.settings", before, after });
  return after;
}

/** Adds (or relabels) a custom item, or removes one that nobody has judged yet. */
export async function changeCustomItem(tx: Tx, reviewId: string, actorId: string, change: { id: string; label?: string; question?: string; remove?: boolean }) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const settings = readReviewSettings(review.settings);
  const before = settings.riskOfBias.customItems;
  if (reviewTool(settings.riskOfBias.tool).items.some((i) => i.id === change.id) || change.id === OVERALL)
    throw new DomainError(`"${change.id}" is already an item of the tool.`, { id: [`"${change.id}" is already an item of the tool.`] });
  let after;
  if (change.remove) {
    if (await tx.robRating.count({ where: { item: change.id, assessment: { reviewId } } })) throw new DomainError("That item has judgements; it cannot be removed.");
    after = before.filter((c) => c.id !== change.id);
  } else {
    const item = { id: change.id, label: change.label ?? change.id, question: change.question ?? "" };
    after = before.some((c) => c.id === change.id) ? before.map((c) => (c.id === change.id ? item : c)) : [...before, item];
  }
  await tx.review.update({ where: { id: reviewId }, data: { settings: { ...settings, riskOfBias: { ...settings.riskOfBias, customItems: after } } } });
  await recordAudit(tx, { reviewId, actorId, entity: "ReviewSettings", entityId: reviewId, action: change.remove ? "rob.item.remove" : "rob.item.save", before, after });
  return after;
}
