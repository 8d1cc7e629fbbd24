import "server-only";
import { db } from "@/lib/db";
import { readReviewSettings } from "@/lib/reviews/schema";
import { agreementLevels, computeRobAgreement } from "./agreement";
import { isRevealed, visibleRaterIds } from "./blinding";
import { requiredItems } from "./mutations";
import { reviewTool, type Judgement } from "./tools";

export type RatingView = { item: string; experiment: string; judgement: Judgement; derived: string | null; answers: Record<string, string>; support: string; overrideReason: string };
export type AssessmentView = { raterId: string; raterName: string; status: string; ratings: RatingView[] };

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const bucket = out.get(k);
    if (bucket) bucket.push(x);
    else out.set(k, [x]);
  }
  return out;
}

export async function getRobSetup(reviewId: string) {
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const settings = readReviewSettings(review.settings).riskOfBias;
  const tool = reviewTool(settings.tool, settings.customItems);
  return { settings, tool, required: requiredItems(tool, settings), ratedStudies: await db.robAssessment.count({ where: { reviewId } }) };
}

type AssessmentRow = { id: string; studyId: string; raterId: string | null; consensus: boolean; status: string; ratings: RatingView[] };

/**
 * Every assessment of the review (or one study) with its ratings. Two flat SQL queries rather
 * than Prisma's nested select: the grid of 200 studies reads ~6,000 ratings, and Prisma's
 * per-row mapping of the nested form alone took most of the 300 ms budget (bench/rob.ts).
 */
async function loadAssessments(reviewId: string, studyId?: string): Promise<AssessmentRow[]> {
  const assessments = await db.robAssessment.findMany({
    where: { reviewId, ...(studyId ? { studyId } : {}) },
    orderBy: { createdAt: "asc" },
    select: { id: true, studyId: true, raterId: true, consensus: true, status: true },
  });
  const ratings = studyId
    ? await db.$queryRaw<RawRating[]>`SELECT r.assessmentId, r.item, r.experiment, r.judgement, r.derived, r.answers, r.support, r.overrideReason FROM RobRating r JOIN RobAssessment a ON a.id = r.assessmentId WHERE a.reviewId = ${reviewId} AND a.studyId = ${studyId}`
    : await db.$queryRaw<RawRating[]>`SELECT r.assessmentId, r.item, r.experiment, r.judgement, r.derived, r.answers, r.support, r.overrideReason FROM RobRating r JOIN RobAssessment a ON a.id = r.assessmentId WHERE a.reviewId = ${reviewId}`;
  const byAssessment = groupBy(ratings, (r) => r.assessmentId);
  return assessments.map((a) => ({ ...a, ratings: (byAssessment.get(a.id) ?? []).map(fromRaw) }));
}

type RawRating = { assessmentId: string; item: string; experiment: string; judgement: string; derived: string | null; answers: string; support: string; overrideReason: string };
const fromRaw = (r: RawRating): RatingView => ({
  item: r.item,
  experiment: r.experiment,
  judgement: r.judgement as Judgement,
  derived: r.derived,
  answers: typeof r.answers === "string" ? (JSON.parse(r.answers || "{}") as Record<string, string>) : ((r.answers ?? {}) as Record<string, string>),
  support: r.support,
  overrideReason: r.overrideReason,
});

async function raterNames(reviewId: string) {
  const members = await db.membership.findMany({ where: { reviewId }, select: { userId: true, user: { select: { name: true } } } });
  return new Map(members.map((m) => [m.userId, m.user.name]));
}

/**
 * The studies × items grid as the viewer may see it: their own assessment, the others' only
 * where blinding allows, the consensus, and progress per rater (counts only, never judgements).
 */
export async function getRobGrid(reviewId: string, viewerId: string) {
  const [setup, studies, assessments, names] = await Promise.all([
    getRobSetup(reviewId),
    db.study.findMany({ where: { reviewId }, orderBy: { label: "asc" }, select: { id: true, label: true } }),
    loadAssessments(reviewId),
    raterNames(reviewId),
  ]);
  const byStudy = groupBy(assessments, (a) => a.studyId);
  const rows = studies.map((study) => {
    const list = byStudy.get(study.id) ?? [];
    const visible = visibleRaterIds(list, viewerId, setup.settings);
    const raters = list.filter((a) => a.raterId && visible.has(a.raterId));
    const consensus = list.find((a) => a.consensus);
    return {
      id: study.id,
      label: study.label,
      revealed: isRevealed(list, setup.settings.ratersPerStudy),
      raterCount: list.filter((a) => !a.consensus).length,
      mine: list.some((a) => a.raterId === viewerId) ? { status: list.find((a) => a.raterId === viewerId)!.status } : null,
      assessments: raters.map((a): AssessmentView => ({ raterId: a.raterId!, raterName: names.get(a.raterId!) ?? "Former member", status: a.status, ratings: a.ratings })),
      consensus: consensus ? consensus.ratings : [],
    };
  });
  const progress = [...groupBy(assessments.filter((a) => a.raterId), (a) => a.raterId!).entries()].map(([raterId, list]) => ({
    raterId,
    name: names.get(raterId) ?? "Former member",
    submitted: list.filter((a) => a.status === "SUBMITTED").length,
    inProgress: list.filter((a) => a.status !== "SUBMITTED").length,
  }));
  return { ...setup, rows, progress, studyCount: studies.length };
}

/** One study for the rating form: its PDFs, the viewer's ratings and, when revealed, the others' and the consensus. */
export async function getStudyRating(reviewId: string, studyId: string, viewerId: string) {
  const study = await db.study.findFirst({
    where: { id: studyId, reviewId },
    select: { id: true, label: true, reports: { select: { id: true, title: true, fullText: { select: { status: true, filePath: true } } } } },
  });
  if (!study) return null;
  const [setup, assessments, names] = await Promise.all([getRobSetup(reviewId), loadAssessments(reviewId, studyId), raterNames(reviewId)]);
  const visible = visibleRaterIds(assessments, viewerId, setup.settings);
  const mine = assessments.find((a) => a.raterId === viewerId);
  return {
    ...setup,
    study: { id: study.id, label: study.label },
    pdfs: study.reports.filter((r) => r.fullText?.status === "RETRIEVED" && r.fullText.filePath).map((r) => ({ recordId: r.id, title: r.title })),
    mine: mine ? { status: mine.status, ratings: mine.ratings } : null,
    others: assessments
      .filter((a) => a.raterId && a.raterId !== viewerId && visible.has(a.raterId))
      .map((a): AssessmentView => ({ raterId: a.raterId!, raterName: names.get(a.raterId!) ?? "Former member", status: a.status, ratings: a.ratings })),
    revealed: isRevealed(assessments, setup.settings.ratersPerStudy),
    raterCount: assessments.filter((a) => !a.consensus).length,
    consensus: assessments.find((a) => a.consensus)?.ratings ?? [],
  };
}

/** First independent judgements of submitted rater assessments, in assessment order, for kappa. */
export async function getIndependentJudgements(reviewId: string) {
  const rows = await db.robAssessment.findMany({
    where: { reviewId, consensus: false, status: "SUBMITTED", raterId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { studyId: true, raterId: true, ratings: { select: { item: true, experiment: true, firstJudgement: true } } },
  });
  return rows.flatMap((a) => a.ratings.map((r) => ({ studyId: a.studyId, raterId: a.raterId!, item: r.item, experiment: r.experiment, judgement: r.firstJudgement })));
}

/** Kappa per item and pooled overall on the first independent judgements (issue #12 §4). */
export async function getRobAgreement(reviewId: string) {
  const [{ tool, settings }, judgements] = await Promise.all([getRobSetup(reviewId), getIndependentJudgements(reviewId)]);
  const items = [...tool.items.map((i) => i.id), ...(settings.showOverall ? ["overall"] : [])];
  return computeRobAgreement(judgements, items, agreementLevels([...tool.judgements]));
}

/**
 * The settled whole-study judgements per study, for results (subgroups, sensitivity analyses,
 * a risk-of-bias column beside the forest plot) and the plots. With one rater per study the
 * rater's submitted judgements stand in for a consensus. Studies without any are left out.
 */
export async function listConsensusJudgements(reviewId: string): Promise<{ studyId: string; label: string; items: { item: string; judgement: Judgement }[] }[]> {
  const { settings } = await getRobSetup(reviewId);
  const studies = await db.study.findMany({
    where: { reviewId },
    orderBy: { label: "asc" },
    select: {
      id: true,
      label: true,
      riskOfBias: {
        where: settings.ratersPerStudy === 1 ? { OR: [{ consensus: true }, { status: "SUBMITTED" }] } : { consensus: true },
        orderBy: { consensus: "desc" },
        select: { ratings: { where: { experiment: "" }, select: { item: true, judgement: true } } },
      },
    },
  });
  return studies
    .map((s) => ({ studyId: s.id, label: s.label, items: (s.riskOfBias[0]?.ratings ?? []).map((r) => ({ item: r.item, judgement: r.judgement as Judgement })) }))
    .filter((s) => s.items.length > 0);
}
