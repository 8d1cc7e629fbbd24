import "server-only";
import type { ReviewAccess } from "@/lib/auth/authorize";
import { computeAnalysis } from "./compute";
import { listAnalyses, loadAnalysisInputs } from "./data";
import { summaryCsv, summaryRow, summaryXlsx } from "./summary-table";

/** The summary table of every analysis of the review, recomputed now. */
export async function summaryDownload(access: ReviewAccess, format: "csv" | "xlsx") {
  const [analyses, inputs] = await Promise.all([listAnalyses(access.review.id), loadAnalysisInputs(access.review.id)]);
  const rows = await Promise.all(analyses.map(async (a) => {
    const c = await computeAnalysis(access.review.id, a, access.user.id, inputs);
    return summaryRow(a.definition, c.ok ? c.pipeline : null, c.ok ? undefined : c.error);
  }));
  const fileName = `${access.review.slug}-results-summary.${format}`;
  return format === "csv"
    ? { body: summaryCsv(rows), contentType: "text/csv; charset=utf-8", fileName }
    : { body: await summaryXlsx(rows), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName };
}
