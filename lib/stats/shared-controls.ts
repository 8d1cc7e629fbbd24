/**
 * A control group that serves several treatment groups of one experiment (dose–response
 * designs) must not be counted twice. Cochrane Handbook 23.3.4 offers two remedies:
 * - split: divide the shared group's sample size evenly across its comparisons (for events and
 *   totals, both are divided), so that the comparisons stay separate but the control animals
 *   are counted once in total;
 * - combine: merge the treatment groups into one (Handbook 6.5.2.10, Table 6.5.a, for means and
 *   SDs; events and totals are added), giving a single comparison.
 * Split sizes are not rounded (metafor accepts fractional n, and rounding would make the
 * control count more or fewer animals than it has).
 */
import { combineGroups } from "./conversions";
import type { ArmSummary } from "./outcome-arms";

export type SharedControlHandling = "split" | "combine";
export type EventArm = { events: number; total: number };

/** One comparison before any sharing is resolved. */
export type PairData =
  | { kind: "continuous"; treatment: ArmSummary; control: ArmSummary; shamMean?: number }
  | { kind: "binary"; treatment: EventArm; control: EventArm }
  | { kind: "generic"; yi: number; vi: number };

/** How one shared control was handled, as listed in `sieve meta --json` (`sharedControls`). */
export type SharedControlRecord = {
  study: string;
  experiment: string;
  control: string;
  handling: SharedControlHandling;
  /** Spreadsheet lines of the comparisons that share the control (and were usable). */
  rows: number[];
  /** The control's n (or total) as reported, and what each comparison uses. */
  controlN: number;
  nPerComparison: number;
  method: string;
};

/** Parses the optional `shared_control` cell: "split" (the default when empty) or "combine". */
export function parseHandling(text: string | undefined): SharedControlHandling | null {
  const value = (text ?? "").trim().toLowerCase();
  if (value === "" || value === "split") return "split";
  if (value === "combine") return "combine";
  return null;
}

function controlSize(pair: PairData): number {
  if (pair.kind === "continuous") return pair.control.n;
  if (pair.kind === "binary") return pair.control.total;
  return Number.NaN;
}

/**
 * Split (Handbook 23.3.4): every comparison keeps its treatment group and gets the control
 * with n/k (events/k and total/k for binary data), k = the number of comparisons.
 */
export function splitSharedControl(pairs: PairData[]): PairData[] {
  const k = pairs.length;
  return pairs.map((p) => {
    if (p.kind === "continuous") return { ...p, control: { ...p.control, n: p.control.n / k } };
    if (p.kind === "binary") return { ...p, control: { events: p.control.events / k, total: p.control.total / k } };
    return p;
  });
}

/**
 * Combine (Handbook 23.3.4 with 6.5.2.10): the treatment groups become one group, with
 * N = Σn, M = Σ(nM)/N and the pooled SD of Table 6.5.a (applied pairwise, which is exact);
 * for binary data events and totals are added.
 */
export function combineSharedControl(pairs: PairData[]): PairData {
  const first = pairs[0];
  if (first.kind === "continuous") {
    const treatment = pairs.map((p) => (p as typeof first).treatment).reduce((a, b) => combineGroups(a, b));
    return { ...first, treatment };
  }
  if (first.kind === "binary") {
    const arms = pairs.map((p) => (p as typeof first).treatment);
    return { ...first, treatment: { events: arms.reduce((s, a) => s + a.events, 0), total: arms.reduce((s, a) => s + a.total, 0) } };
  }
  return first;
}

/** The record of a handling for the JSON, with a human-readable method line. */
export function describeSharedControl(
  where: { study: string; experiment: string; control: string; rows: number[] },
  handling: SharedControlHandling,
  pairs: PairData[],
): SharedControlRecord {
  const controlN = controlSize(pairs[0]);
  const k = pairs.length;
  const method = handling === "split"
    ? `control n ${controlN} split evenly across ${k} comparisons (Cochrane Handbook 23.3.4)`
    : `${k} treatment groups combined into one (Cochrane Handbook 23.3.4, 6.5.2.10)`;
  return { ...where, handling, controlN, nPerComparison: handling === "split" ? controlN / k : controlN, method };
}
