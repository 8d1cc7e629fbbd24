/**
 * Change tracking (issue 13 point 1): every view recomputes the analysis from the current
 * consensus; the result is compared with the stored snapshot and, when it differs, the new
 * snapshot is stored with a "what changed" summary and the time (Analysis.snapshot/snapshotAt).
 */
import { z } from "zod";

export const snapshotSchema = z.object({
  k: z.number(),
  estimate: z.number().nullable(),
  ciLower: z.number().nullable(),
  ciUpper: z.number().nullable(),
  tau2: z.number().nullable(),
  I2: z.number().nullable(),
  studies: z.array(z.string()),
  /** Set when the analysis could not run (too few studies, bad data). */
  error: z.string().nullable().default(null),
  changes: z.array(z.string()).default([]),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const readSnapshot = (json: unknown): Snapshot | null => {
  const parsed = snapshotSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
};

export function makeSnapshot(r: { k: number; estimate: number; ciLower: number; ciUpper: number; tau2?: number; I2: number; studies: { study: string }[] } | null, error?: string): Snapshot {
  if (!r) return { k: 0, estimate: null, ciLower: null, ciUpper: null, tau2: null, I2: null, studies: [], error: error ?? "not computed", changes: [] };
  return { k: r.k, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, tau2: r.tau2 ?? null, I2: r.I2, studies: r.studies.map((s) => s.study), error: null, changes: [] };
}

// Recomputing the same data gives bit-identical doubles; the tolerance only absorbs printing noise.
const differs = (a: number | null, b: number | null) => (a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a)));
const fmt = (x: number | null) => (x === null ? "—" : x.toFixed(4));

/** What changed from `before` to `after`, in words; empty when nothing did. */
export function describeChanges(before: Snapshot | null, after: Snapshot): string[] {
  if (!before) return ["First computed."];
  const out: string[] = [];
  const added = after.studies.filter((s) => !before.studies.includes(s));
  const removed = before.studies.filter((s) => !after.studies.includes(s));
  if (added.length) out.push(`Studies added: ${added.join(", ")}.`);
  if (removed.length) out.push(`Studies removed: ${removed.join(", ")}.`);
  if (before.error !== after.error) out.push(after.error ? `The analysis can no longer run: ${after.error}` : "The analysis runs again.");
  if (differs(before.estimate, after.estimate) || differs(before.ciLower, after.ciLower) || differs(before.ciUpper, after.ciUpper)) {
    out.push(`Estimate changed from ${fmt(before.estimate)} [${fmt(before.ciLower)}, ${fmt(before.ciUpper)}] to ${fmt(after.estimate)} [${fmt(after.ciLower)}, ${fmt(after.ciUpper)}].`);
  }
  if (differs(before.tau2, after.tau2) || differs(before.I2, after.I2)) out.push(`Heterogeneity changed: τ² ${fmt(before.tau2)} → ${fmt(after.tau2)}, I² ${fmt(before.I2)}% → ${fmt(after.I2)}%.`);
  return out;
}
