import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { loadConsensusOutcomeRows } from "@/lib/extraction/data";
import { readReviewSettings } from "@/lib/reviews/schema";
import { resultsHiddenFor } from "./blinding";
import { readSnapshot } from "./changes";
import { loadConsensusRobTable } from "./rob-adapter";
import { readAnalysisOptions, readGrade, type AnalysisDefinition, type AnalysisMeasure, type AnalysisMethod } from "./schema";

export type StoredAnalysis = Awaited<ReturnType<typeof listAnalyses>>[number];

function toStored(a: { id: string; name: string; outcome: string; timepoint: string; measure: string; method: string; options: unknown; snapshot: unknown; snapshotAt: Date | null; grade: unknown; createdAt: Date; updatedAt: Date }) {
  const definition: AnalysisDefinition = {
    name: a.name, outcome: a.outcome, timepoint: a.timepoint,
    // The demo builder (and older rows) stored SMD with options.effects = "GENERIC": pooled as GEN.
    measure: ((a.options as { effects?: string } | null)?.effects === "GENERIC" ? "GEN" : a.measure) as AnalysisMeasure,
    method: a.method as AnalysisMethod,
    options: readAnalysisOptions(a.options),
  };
  return { id: a.id, definition, snapshot: readSnapshot(a.snapshot), snapshotAt: a.snapshotAt, grade: readGrade(a.grade), createdAt: a.createdAt, updatedAt: a.updatedAt };
}

export async function listAnalyses(reviewId: string) {
  const rows = await db.analysis.findMany({ where: { reviewId }, orderBy: [{ outcome: "asc" }, { name: "asc" }] });
  return rows.map(toStored);
}

/** One analysis by id or by name; null when the review has no such analysis. */
export async function findAnalysis(reviewId: string, idOrName: string) {
  const row = (await db.analysis.findFirst({ where: { reviewId, id: idOrName } })) ?? (await db.analysis.findFirst({ where: { reviewId, name: idOrName } }));
  return row ? toStored(row) : null;
}

/** Everything an analysis reads: the consensus outcome rows and the consensus risk-of-bias judgements. */
export async function loadAnalysisInputs(reviewId: string) {
  const [table, rob] = await Promise.all([loadConsensusOutcomeRows(reviewId), loadConsensusRobTable(reviewId)]);
  return { table, rob };
}

/** Whether this member must not see results yet (lib/analyses/blinding.ts). */
export async function areResultsHidden(reviewId: string, roles: readonly Role[]): Promise<boolean> {
  const [review, studies] = await Promise.all([
    db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } }),
    db.study.findMany({
      where: { reviewId },
      select: {
        extraction: { where: { consensus: true, status: "SUBMITTED" }, select: { id: true } },
        riskOfBias: { select: { consensus: true, status: true } },
      },
    }),
  ]);
  const settings = readReviewSettings(review.settings);
  const open = {
    extraction: studies.some((s) => s.extraction.length === 0),
    riskOfBias: studies.some((s) => s.riskOfBias.some((a) => !a.consensus) && !s.riskOfBias.some((a) => a.consensus && a.status === "SUBMITTED")),
  };
  return resultsHiddenFor(roles, settings, open);
}
