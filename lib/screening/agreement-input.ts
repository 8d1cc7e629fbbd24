/**
 * Turns first votes into the paired ratings lib/stats/agreement expects. Pure, so the stage
 * dashboard, its CSV export and the tests compute exactly what `sieve kappa` would on the same votes.
 */
import { percentAgreement, runAgreement, type AgreementResult } from "@/lib/stats/agreement";

export type FirstVote = { recordId: string; reviewerId: string; firstDecision: string };

/**
 * Kappa is computed on include/exclude: a "maybe" counts as include, as Covidence does, because
 * "maybe" means "not excluded yet" and the record goes forward exactly as an include would.
 */
export function kappaCategory(decision: string): "INCLUDE" | "EXCLUDE" {
  return decision === "EXCLUDE" ? "EXCLUDE" : "INCLUDE";
}

export type PairRatings = { reviewerA: string; reviewerB: string; items: [string, string][] };

/** For every pair of reviewers, the records both voted on, as [A's first vote, B's first vote]. */
export function pairRatings(votes: readonly FirstVote[]): PairRatings[] {
  const byRecord = new Map<string, Map<string, string>>();
  for (const v of votes) {
    const m = byRecord.get(v.recordId) ?? new Map<string, string>();
    m.set(v.reviewerId, kappaCategory(v.firstDecision));
    byRecord.set(v.recordId, m);
  }
  const pairs = new Map<string, PairRatings>();
  for (const m of byRecord.values()) {
    const reviewers = [...m.keys()].sort();
    for (let i = 0; i < reviewers.length; i++)
      for (let j = i + 1; j < reviewers.length; j++) {
        const key = `${reviewers[i]}\u0000${reviewers[j]}`;
        const pair = pairs.get(key) ?? { reviewerA: reviewers[i], reviewerB: reviewers[j], items: [] };
        pair.items.push([m.get(reviewers[i])!, m.get(reviewers[j])!]);
        pairs.set(key, pair);
      }
  }
  return [...pairs.values()];
}

export type PairAgreement = {
  reviewerA: string;
  reviewerB: string;
  n: number;
  percentAgreement: number;
  kappa: number;
  ciLower: number;
  ciUpper: number;
  pabak: number;
  label: string;
};

/** Kappa (95% CI), percent agreement and PABAK per pair, through lib/stats's runAgreement (the `sieve kappa` code). */
export function agreementByPair(votes: readonly FirstVote[]): PairAgreement[] {
  return pairRatings(votes).map(({ reviewerA, reviewerB, items }) => {
    const r: AgreementResult = runAgreement(items);
    return {
      reviewerA,
      reviewerB,
      n: r.n,
      percentAgreement: percentAgreement(items.map((x) => x[0]), items.map((x) => x[1])),
      kappa: r.kappa,
      ciLower: r.ciLower,
      ciUpper: r.ciUpper,
      pabak: r.pabak,
      label: r.label,
    };
  });
}

const csvCell = (v: string | number) => {
  if (typeof v === "number") return Number.isFinite(v) ? String(Number(v.toFixed(6))) : "NA";
  // A leading = + - @ would run as a formula in a spreadsheet; a quote mark defuses it.
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV of the agreement table; names starting with = + - @ are quoted against spreadsheet formula injection. */
export function agreementCsv(stage: string, rows: readonly (PairAgreement & { nameA: string; nameB: string })[]): string {
  const header = ["stage", "reviewer_a", "reviewer_b", "n", "percent_agreement", "kappa", "kappa_ci_lower", "kappa_ci_upper", "pabak", "landis_koch"];
  const lines = rows.map((r) => [stage, r.nameA, r.nameB, r.n, r.percentAgreement, r.kappa, r.ciLower, r.ciUpper, r.pabak, r.label].map(csvCell).join(","));
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
