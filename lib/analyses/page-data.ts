import "server-only";
import type { Role } from "@/lib/auth/roles";
import { listOutcomes } from "@/lib/extraction/data";
import { computeAnalysis, type ComputedAnalysis } from "./compute";
import { areResultsHidden, findAnalysis, listAnalyses, loadAnalysisInputs, type StoredAnalysis } from "./data";
import { FIGURES, renderAnalysisFigure, type Direction, type FigureKind } from "./figures";
import { summaryOfFindings } from "./grade";
import { characteristicFields, outcomeChoices } from "./pipeline";
import { robItemsOf } from "./rob-adapter";
import { summaryRow } from "./summary-table";

type Viewer = { id: string; roles: readonly Role[] };

async function directionOf(reviewId: string, outcome: string): Promise<Direction> {
  const o = (await listOutcomes(reviewId)).find((x) => x.name === outcome);
  return o?.direction === "LOWER_IS_BETTER" ? "lower" : "higher";
}

/** The results home: every analysis recomputed (snapshots refreshed), the summary table and the choices for a new one. */
export async function loadResultsOverview(reviewId: string, viewer: Viewer) {
  if (await areResultsHidden(reviewId, viewer.roles)) return { hidden: true as const };
  const [analyses, inputs] = await Promise.all([listAnalyses(reviewId), loadAnalysisInputs(reviewId)]);
  const robItems = robItemsOf(inputs.rob);
  const computed = await Promise.all(analyses.map((a) => computeAnalysis(reviewId, a, viewer.id, inputs)));
  const summary = analyses.map((a, i) => {
    const c = computed[i];
    return summaryRow(a.definition, c.ok ? c.pipeline : null, c.ok ? undefined : c.error);
  });
  return {
    hidden: false as const,
    analyses: analyses.map((a, i) => ({ ...a, snapshot: computed[i].snapshot, snapshotAt: computed[i].snapshotAt })),
    summary,
    sof: analyses.flatMap((a, i) => {
      const c = computed[i];
      return c.ok ? [{ id: a.id, name: a.definition.name, grade: a.grade, ...summaryOfFindings(c.pipeline, a.definition, inputs.rob) }] : [];
    }),
    choices: { outcomes: outcomeChoices(inputs.table), fields: characteristicFields(inputs.table), robItems },
  };
}

export type AnalysisPage = { hidden: true } | { hidden: false; analysis: null } | {
  hidden: false;
  analysis: StoredAnalysis;
  computed: ComputedAnalysis;
  figures: Partial<Record<FigureKind, string>>;
  sof: ReturnType<typeof summaryOfFindings> | null;
  direction: Direction;
  choices: { fields: string[]; robItems: string[]; studies: string[] };
};

/** One analysis with all its figures rendered (what the page shows and bench:results times). */
export async function loadAnalysisPage(reviewId: string, idOrName: string, viewer: Viewer): Promise<AnalysisPage> {
  if (await areResultsHidden(reviewId, viewer.roles)) return { hidden: true };
  const analysis = await findAnalysis(reviewId, idOrName);
  if (!analysis) return { hidden: false, analysis: null };
  const [inputs, direction] = await Promise.all([loadAnalysisInputs(reviewId), directionOf(reviewId, analysis.definition.outcome)]);
  const robItems = robItemsOf(inputs.rob);
  const computed = await computeAnalysis(reviewId, analysis, viewer.id, inputs);
  const figures: Partial<Record<FigureKind, string>> = {};
  if (computed.ok) {
    for (const kind of FIGURES) {
      if (kind === "bubble" && !computed.pipeline.regression) continue;
      figures[kind] = renderAnalysisFigure(kind, computed.pipeline, analysis.definition, computed.sensitivity, direction, inputs.rob);
    }
  }
  const studies = [...new Set(inputs.table.rows.filter((r) => r.outcome === analysis.definition.outcome).map((r) => r.study))];
  return {
    hidden: false, analysis, computed, figures, direction,
    sof: computed.ok ? summaryOfFindings(computed.pipeline, analysis.definition, inputs.rob) : null,
    choices: { fields: characteristicFields(inputs.table), robItems, studies },
  };
}
