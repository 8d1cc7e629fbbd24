/**
 * Sensitivity analyses shown beside the main result (issue 13 point 4): leave-one-out (already in
 * the main result), excluding studies at high risk of bias on chosen items, fixed vs random,
 * another τ² estimator, and cumulative meta-analysis by year. Each is a refit with lib/stats.
 */
import { computeEffect, type MetaMethod, runMetaAnalysis } from "@/lib/stats/analysis";
import { cumulativeMetaAnalysis } from "@/lib/stats/sensitivity";
import type { AnalysisDefinition } from "./schema";
import { isHighRisk, type PipelineResult, type RobTable } from "./pipeline";

export type SensitivityRow = {
  id: string;
  label: string;
  k: number;
  estimate?: number;
  ciLower?: number;
  ciUpper?: number;
  tau2?: number;
  I2?: number;
  pValue?: number;
  /** Why the row could not be computed. */
  note?: string;
};

export type CumulativeRow = { study: string; year: number | null; estimate: number; ciLower: number; ciUpper: number; tau2?: number; I2: number };

export type Sensitivity = { rows: SensitivityRow[]; cumulative: CumulativeRow[]; cumulativeNote?: string };

/** A study's year: the chosen characteristic, else the first 4-digit year in its label ("Hu 2020"). */
export function studyYear(label: string, value: string | undefined): number | null {
  const m = /(19|20)\d{2}/.exec(value?.trim() || label);
  return m ? Number(m[0]) : null;
}

export function runSensitivity(p: PipelineResult, def: AnalysisDefinition, rob: RobTable | undefined, years: (string | undefined)[] = []): Sensitivity {
  const o = def.options;
  const base = { measure: p.measure, test: o.test, smdVariant: o.smdVariant };
  const main = p.result;
  const rows: SensitivityRow[] = [{ id: "main", label: `Main analysis (${p.method})`, k: main.k, estimate: main.estimate, ciLower: main.ciLower, ciUpper: main.ciUpper, tau2: main.tau2, I2: main.I2, pValue: main.pValue }];
  const refit = (id: string, label: string, method: MetaMethod, keep: (i: number) => boolean = () => true) => {
    const studies = p.studies.filter((_, i) => keep(i));
    if (studies.length < 2) return rows.push({ id, label, k: studies.length, note: "fewer than 2 studies left" });
    const r = runMetaAnalysis(studies, { ...base, method, test: method === "MH" ? "z" : o.test });
    rows.push({ id, label, k: r.k, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, tau2: r.tau2, I2: r.I2, pValue: r.pValue });
  };
  const items = o.sensitivity.highRiskItems;
  if (items.length) {
    const high = p.baseStudy.map((s) => items.some((item) => isHighRisk(rob?.get(s)?.[item])));
    refit("low-risk", `Excluding high risk of bias on ${items.join(", ")} (${high.filter(Boolean).length} left out)`, p.method, (i) => !high[i]);
  }
  if (p.method === "FE" || p.method === "MH") refit("random", "Random effects (REML)", "REML");
  else refit("fixed", "Fixed effect (inverse variance)", "FE");
  if (p.method !== "FE" && p.method !== "MH") {
    const alt = o.sensitivity.altTau2 !== p.method ? o.sensitivity.altTau2 : p.method === "DL" ? "REML" : "DL";
    refit("tau2", `τ² estimator ${alt} instead of ${p.method}`, alt);
  }

  let cumulative: CumulativeRow[] = [];
  let cumulativeNote: string | undefined;
  if (p.method === "MH") cumulativeNote = "Cumulative meta-analysis uses inverse-variance weights; not shown for Mantel-Haenszel.";
  else {
    const year = p.studies.map((s, i) => studyYear(p.baseStudy[i] ?? s.study, years[i]));
    // Studies without a year go last, in their listed order (metafor's cumul keeps ties in order).
    const order = p.studies.map((_, i) => i).sort((a, b) => (year[a] ?? Infinity) - (year[b] ?? Infinity) || a - b);
    const effects = p.studies.map((s) => computeEffect(p.measure, s, o.smdVariant));
    const fits = cumulativeMetaAnalysis(effects.map((e) => e.yi), effects.map((e) => e.vi), { method: p.method as Exclude<MetaMethod, "MH">, test: o.test }, order);
    cumulative = fits.map((f) => ({
      study: p.studies[f.added].study, year: year[f.added], estimate: f.estimate, ciLower: f.ciLower, ciUpper: f.ciUpper,
      ...(p.method === "FE" ? {} : { tau2: f.tau2 }), I2: f.I2,
    }));
    if (year.some((y) => y === null)) cumulativeNote = "Studies without a year are added last.";
  }
  return { rows, cumulative, cumulativeNote };
}
