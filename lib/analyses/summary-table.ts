/**
 * The summary table across outcomes (issue 13 point 7), like the seeds' tables: outcome, k,
 * pooled effect and CI, I², τ², Egger p and model; as rows, CSV and XLSX (exceljs).
 */
import ExcelJS from "exceljs";
import { toCsv } from "@/lib/extraction/outcome-rows";
import { RATIO_MEASURES, type AnalysisDefinition, type AnalysisMeasure } from "./schema";
import type { PipelineResult } from "./pipeline";

export type SummaryRow = { analysis: string; outcome: string; timepoint: string; measure: string; model: string; k: number | null; estimate: number | null; ciLower: number | null; ciUpper: number | null; I2: number | null; tau2: number | null; eggerP: number | null; note: string };

export const SUMMARY_HEADER = ["analysis", "outcome", "timepoint", "measure", "model", "k", "estimate", "ciLower", "ciUpper", "I2", "tau2", "eggerP", "note"] as const;

const MODEL = (method: string, test: string) => `${method === "FE" ? "Fixed effect (IV)" : method === "MH" ? "Fixed effect (MH)" : `Random effects (${method})`}${test === "knha" ? ", Hartung-Knapp" : ""}`;

/** One row per analysis; estimates back-transformed for ratio measures, as the seeds' tables print them. */
export function summaryRow(def: AnalysisDefinition, p: PipelineResult | null, error?: string): SummaryRow {
  const base = { analysis: def.name, outcome: def.outcome, timepoint: def.timepoint, measure: def.measure, model: MODEL(def.method, def.options.test) };
  if (!p) return { ...base, k: null, estimate: null, ciLower: null, ciUpper: null, I2: null, tau2: null, eggerP: null, note: error ?? "" };
  const show = (x: number) => (RATIO_MEASURES.includes(def.measure as AnalysisMeasure) ? Math.exp(x) : x);
  const r = p.result;
  return { ...base, k: r.k, estimate: show(r.estimate), ciLower: show(r.ciLower), ciUpper: show(r.ciUpper), I2: r.I2, tau2: r.tau2 ?? null, eggerP: r.egger?.pValue ?? null, note: r.k < 10 ? "k < 10: Egger's test has low power" : "" };
}

export function summaryCsv(rows: SummaryRow[]): string {
  return toCsv({ header: [...SUMMARY_HEADER], rows: rows.map((r) => Object.fromEntries(SUMMARY_HEADER.map((h) => [h, r[h] === null ? "" : String(r[h])]))) });
}

export async function summaryXlsx(rows: SummaryRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Sieve";
  const sheet = book.addWorksheet("Summary");
  sheet.columns = SUMMARY_HEADER.map((h) => ({ header: h, key: h, width: h === "analysis" || h === "outcome" || h === "note" ? 28 : 12 }));
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  for (const key of ["estimate", "ciLower", "ciUpper", "tau2"]) sheet.getColumn(key).numFmt = "0.00";
  sheet.getColumn("I2").numFmt = "0";
  sheet.getColumn("eggerP").numFmt = "0.000";
  return Buffer.from(await book.xlsx.writeBuffer());
}
