/**
 * Inter-rater agreement on risk of bias, from the raters' first independent judgements: per
 * item, and overall with every item judgement of every study pooled into one table (not an
 * average of item kappas). Pure; lib/rob/data.ts feeds it from the database.
 */
import { pairedAgreement, type PairedAgreement } from "@/lib/stats/agreement";
import type { Judgement } from "./tools";

export type IndependentJudgement = { studyId: string; experiment: string; item: string; raterId: string; judgement: string };
export type ItemAgreement = PairedAgreement & { item: string };
export type RobAgreement = { items: ItemAgreement[]; overall: PairedAgreement; raterPairs: number };

/** The ordered scale for a tool's kappa: low < unclear (or some concerns) < high. */
export function agreementLevels(judgements: readonly Judgement[]): Judgement[] {
  const rank = { LOW: 0, UNCLEAR: 1, SOME_CONCERNS: 1, HIGH: 2 };
  return [...judgements].sort((a, b) => rank[a] - rank[b]);
}

const EMPTY = (n: number): PairedAgreement => ({
  n, kappa: Number.NaN, se: Number.NaN, ciLower: Number.NaN, ciUpper: Number.NaN,
  observedAgreement: Number.NaN, pabak: Number.NaN, weightedKappa: Number.NaN, weightedSe: Number.NaN,
});

function agreementOf(first: string[], second: string[], levels: readonly string[]): PairedAgreement {
  return first.length === 0 ? EMPTY(0) : pairedAgreement(first, second, levels);
}

/**
 * Pairs the first two raters of each study (in the order given, e.g. by assessment creation)
 * on each item and experiment they both judged. Units rated by one rater only are left out.
 */
export function computeRobAgreement(judgements: readonly IndependentJudgement[], itemIds: readonly string[], levels: readonly string[]): RobAgreement {
  const ratersByStudy = new Map<string, string[]>();
  for (const j of judgements) {
    const raters = ratersByStudy.get(j.studyId) ?? [];
    if (!raters.includes(j.raterId)) raters.push(j.raterId);
    ratersByStudy.set(j.studyId, raters);
  }
  const key = (j: { studyId: string; experiment: string; item: string }) => `${j.studyId}\u0000${j.experiment}\u0000${j.item}`;
  const byRater = new Map<string, Map<string, string>>();
  for (const j of judgements) {
    const [a, b] = ratersByStudy.get(j.studyId)!;
    if (j.raterId !== a && j.raterId !== b) continue;
    const slot = byRater.get(key(j)) ?? new Map<string, string>();
    slot.set(j.raterId, j.judgement);
    byRater.set(key(j), slot);
  }
  const perItem = new Map<string, { first: string[]; second: string[] }>(itemIds.map((id) => [id, { first: [], second: [] }]));
  const all = { first: [] as string[], second: [] as string[] };
  for (const [k, slot] of byRater) {
    if (slot.size < 2) continue;
    const [studyId, , item] = k.split("\u0000");
    const [a, b] = ratersByStudy.get(studyId)!;
    const bucket = perItem.get(item);
    if (!bucket) continue;
    bucket.first.push(slot.get(a)!);
    bucket.second.push(slot.get(b)!);
    all.first.push(slot.get(a)!);
    all.second.push(slot.get(b)!);
  }
  return {
    items: itemIds.map((item) => ({ item, ...agreementOf(perItem.get(item)!.first, perItem.get(item)!.second, levels) })),
    overall: agreementOf(all.first, all.second, levels),
    raterPairs: [...ratersByStudy.values()].filter((r) => r.length >= 2).length,
  };
}

/** CSV of the agreement table (one row per item, then "overall"); NaN written empty. */
export function agreementCsv(result: RobAgreement): string {
  const cols = ["n", "kappa", "se", "ciLower", "ciUpper", "observedAgreement", "pabak", "weightedKappa"] as const;
  const cell = (x: number) => (Number.isFinite(x) ? String(Number(x.toFixed(6))) : "");
  const row = (item: string, a: PairedAgreement) => [item, ...cols.map((c) => (c === "n" ? String(a.n) : cell(a[c])))].join(",");
  return [["item", ...cols].join(","), ...result.items.map((a) => row(a.item, a)), row("overall", result.overall)].join("\n") + "\n";
}
