/**
 * GRADE summary of findings (issue 13 point 7) filled from an analysis: effect, k and N,
 * absolute effects from the median control risk for binary outcomes (Cochrane Handbook ch. 14,
 * section 14.1.5), and a hint per GRADE domain from the numbers; the certainty and footnotes are
 * the reviewers' own (Analysis.grade).
 */
import { isHighRisk, type PipelineResult, type RobTable } from "./pipeline";
import { RATIO_MEASURES, type AnalysisDefinition, type AnalysisMeasure } from "./schema";

export type AbsoluteEffect = { controlRisk: number; perThousandControl: number; perThousandIntervention: number; differenceLower: number; differenceUpper: number; difference: number };
export type SofRow = {
  outcome: string;
  effect: string;
  k: number;
  participants: number | null;
  absolute: AbsoluteEffect | null;
  hints: { domain: string; text: string; concern: boolean }[];
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Intervention risk from the control risk and the pooled effect (Handbook 14.1.5.1). */
export function interventionRisk(measure: AnalysisMeasure, controlRisk: number, effect: number): number {
  if (measure === "RR") return controlRisk * Math.exp(effect);
  if (measure === "OR") {
    const or = Math.exp(effect);
    return (controlRisk * or) / (1 - controlRisk + controlRisk * or);
  }
  return controlRisk + effect; // RD
}

export function summaryOfFindings(p: PipelineResult, def: AnalysisDefinition, rob?: RobTable): SofRow {
  const r = p.result;
  const log = RATIO_MEASURES.includes(def.measure as AnalysisMeasure);
  const show = (x: number) => (log ? Math.exp(x) : x);
  const participants = p.studies.every((s) => s.data.kind !== "generic")
    ? p.studies.reduce((n, s) => n + (s.data.kind === "binary" ? s.data.values.ai + s.data.values.bi + s.data.values.ci + s.data.values.di : (s.data.values as { n1i: number; n2i: number }).n1i + (s.data.values as { n2i: number }).n2i), 0)
    : null;
  let absolute: AbsoluteEffect | null = null;
  const binary = p.studies.filter((s) => s.data.kind === "binary");
  if (binary.length === p.studies.length && ["OR", "RR", "RD"].includes(def.measure)) {
    const cr = median(binary.map((s) => (s.data.kind === "binary" ? s.data.values.ci / (s.data.values.ci + s.data.values.di) : 0)));
    const m = def.measure as AnalysisMeasure;
    const at = (e: number) => 1000 * interventionRisk(m, cr, e);
    absolute = { controlRisk: cr, perThousandControl: 1000 * cr, perThousandIntervention: at(r.estimate), difference: at(r.estimate) - 1000 * cr, differenceLower: at(r.ciLower) - 1000 * cr, differenceUpper: at(r.ciUpper) - 1000 * cr };
  }
  const hints: SofRow["hints"] = [];
  if (rob && rob.size) {
    const highWeight = p.baseStudy.reduce((w, s, i) => w + (Object.values(rob.get(s) ?? {}).some(isHighRisk) ? r.weights[i] ?? 0 : 0), 0);
    hints.push({ domain: "Risk of bias", text: `${highWeight.toFixed(0)}% of the weight comes from studies at high risk of bias on at least one item.`, concern: highWeight >= 50 });
  } else hints.push({ domain: "Risk of bias", text: "No consensus risk-of-bias judgements yet.", concern: false });
  const piCrosses = r.predictionLower !== undefined && r.predictionLower < 0 && r.predictionUpper! > 0;
  hints.push({ domain: "Inconsistency", text: `I² = ${r.I2.toFixed(0)}%${r.predictionLower !== undefined ? `; prediction interval ${show(r.predictionLower).toFixed(2)} to ${show(r.predictionUpper!).toFixed(2)}${piCrosses ? " includes no effect" : ""}` : ""}.`, concern: r.I2 >= 50 || piCrosses });
  hints.push({ domain: "Indirectness", text: "Judge from the populations, interventions and outcomes of the included studies.", concern: false });
  const crosses = r.ciLower < 0 && r.ciUpper > 0;
  hints.push({ domain: "Imprecision", text: `${crosses ? "The 95% CI includes no effect" : "The 95% CI excludes no effect"}${participants !== null ? `; ${participants} participants` : ""}.`, concern: crosses });
  hints.push(r.k >= 10 && r.egger
    ? { domain: "Publication bias", text: `Egger's test P = ${r.egger.pValue.toFixed(3)}${r.begg ? `, Begg's P = ${r.begg.pValue.toFixed(3)}` : ""}.`, concern: r.egger.pValue < 0.1 }
    : { domain: "Publication bias", text: `Only ${r.k} studies: funnel-plot tests are not meaningful with fewer than 10 (Cochrane Handbook 13.3.5.4).`, concern: false });
  return { outcome: def.outcome, effect: `${def.measure} ${show(r.estimate).toFixed(2)} [${show(r.ciLower).toFixed(2)}, ${show(r.ciUpper).toFixed(2)}]`, k: r.k, participants, absolute, hints };
}
