import "server-only";
import { writeTransaction } from "@/lib/db";
import { InputError } from "@/lib/stats/analysis-input";
import { describeChanges, makeSnapshot, type Snapshot } from "./changes";
import { loadAnalysisInputs, type StoredAnalysis } from "./data";
import { storeSnapshot } from "./mutations";
import { runAnalysisPipeline, type OutcomeTable, type PipelineResult, type RobTable } from "./pipeline";
import { runSensitivity, type Sensitivity } from "./sensitivity";

export type ComputedAnalysis =
  | { ok: true; pipeline: PipelineResult; sensitivity: Sensitivity; snapshot: Snapshot; snapshotAt: Date | null }
  | { ok: false; error: string; snapshot: Snapshot; snapshotAt: Date | null };

/** Runs a stored analysis on given inputs (no writes). Data problems come back as `error`. */
export function computeOn(analysis: StoredAnalysis, inputs: { table: OutcomeTable; rob: RobTable }) {
  try {
    const pipeline = runAnalysisPipeline(inputs.table, analysis.definition, inputs.rob);
    const yearField = analysis.definition.options.sensitivity.yearField;
    const years = yearField ? pipeline.studies.map((s) => inputs.table.rows[s.row - 2]?.[yearField]) : [];
    return { ok: true as const, pipeline, sensitivity: runSensitivity(pipeline, analysis.definition, inputs.rob, years) };
  } catch (error) {
    if (error instanceof InputError) return { ok: false as const, error: error.message };
    throw error;
  }
}

/**
 * Recompute on view (issue 13 point 1): the analysis is run on the current consensus, compared
 * with its snapshot, and a changed result is stored (audited) with what changed and when.
 */
export async function computeAnalysis(reviewId: string, analysis: StoredAnalysis, viewerId: string | null, inputs?: { table: OutcomeTable; rob: RobTable }): Promise<ComputedAnalysis> {
  const computed = computeOn(analysis, inputs ?? (await loadAnalysisInputs(reviewId)));
  const fresh = computed.ok ? makeSnapshot(computed.pipeline.result) : makeSnapshot(null, computed.error);
  const changes = describeChanges(analysis.snapshot, fresh);
  let snapshot = analysis.snapshot ?? fresh;
  let snapshotAt = analysis.snapshotAt;
  if (changes.length) {
    snapshot = { ...fresh, changes };
    snapshotAt = new Date();
    await writeTransaction((tx) => storeSnapshot(tx, { id: viewerId, reviewId }, analysis.id, snapshot, snapshotAt!));
  }
  return computed.ok ? { ...computed, snapshot, snapshotAt } : { ...computed, snapshot, snapshotAt };
}
