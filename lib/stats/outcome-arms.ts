/**
 * Reading one row of the outcome-data CSV layout (issue 10, point 5) into arm data, with the
 * plausibility checks of issue 10 point 4 as errors naming row and column, and the arm
 * conversions of arm-conversion.ts. A value that is missing is never an error here: the caller
 * drops the comparison with the reason.
 */
import { type CsvRow, InputError, optionalNumber, where } from "./analysis-input";
import { type ConversionSource, convertArm, type ReportedArm } from "./arm-conversion";

export type ArmRole = "treatment" | "control" | "sham";
export const ARM_NUMBER: Record<ArmRole, 1 | 2 | 3> = { treatment: 1, control: 2, sham: 3 };

/** The layout's column for each reported summary of arm k (1 = treatment, 2 = control, 3 = sham). */
export function armColumns(k: 1 | 2 | 3): Record<keyof ReportedArm, string> {
  return {
    mean: `m${k}i`, sd: `sd${k}i`, se: `se${k}i`, ciLower: `ci${k}lb`, ciUpper: `ci${k}ub`,
    median: `median${k}i`, q1: `lq${k}i`, q3: `uq${k}i`, min: `min${k}i`, max: `max${k}i`, n: `n${k}i`,
  };
}

/** Columns that only the outcome layout has (their presence switches off the legacy parser). */
export const LAYOUT_ONLY_COLUMNS = [
  "outcome", "timepoint", "comparison", "experiment", "group1", "group2", "shared_control", "direction",
  ...([1, 2] as const).flatMap((k) => Object.entries(armColumns(k)).filter(([key]) => !["mean", "sd", "n"].includes(key)).map(([, c]) => c)),
  ...Object.values(armColumns(3)),
];

export type ConversionRecord = { study: string; row: number; arm: ArmRole; from: ConversionSource; mean: number; sd: number; method: string };
export type ArmSummary = { mean: number; sd: number; n: number };
export type ArmOutcome = { ok: true; arm: ArmSummary; from: ConversionSource; method: string } | { ok: false; reason: string };

type Cell = { index: number; study: string; row: CsvRow };

/** The arm's reported numbers, validated: SD/SE > 0, n whole ≥ 2, CI lower < upper, min ≤ q1 ≤ median ≤ q3 ≤ max. */
export function readArm(cell: Cell, role: ArmRole): ReportedArm {
  const columns = armColumns(ARM_NUMBER[role]);
  const arm: ReportedArm = {};
  for (const [key, column] of Object.entries(columns) as [keyof ReportedArm, string][]) {
    const value = optionalNumber(cell.row[column], cell.index, cell.study, column);
    if (value !== undefined) arm[key] = value;
  }
  const fail = (key: keyof ReportedArm, message: string): never => {
    throw new InputError(`${message} at ${where(cell.index, cell.study, columns[key])}.`);
  };
  for (const key of ["sd", "se"] as const) if (arm[key] !== undefined && !(arm[key] > 0)) fail(key, `${key.toUpperCase()} must be > 0 (got ${arm[key]})`);
  if (arm.n !== undefined) {
    if (!Number.isInteger(arm.n)) fail("n", `Sample size must be a whole number (got ${arm.n})`);
    if (arm.n < 2) fail("n", `Sample size must be at least 2 (got ${arm.n})`);
  }
  if (arm.ciLower !== undefined && arm.ciUpper !== undefined && !(arm.ciLower < arm.ciUpper)) {
    fail("ciUpper", `CI upper limit must exceed the lower limit (got ${arm.ciLower} to ${arm.ciUpper})`);
  }
  const order = (["min", "q1", "median", "q3", "max"] as const).filter((k) => arm[k] !== undefined);
  order.forEach((k, i) => {
    if (i > 0 && arm[k]! < arm[order[i - 1]]!) fail(k, `Summaries must satisfy min ≤ q1 ≤ median ≤ q3 ≤ max (${order[i - 1]} ${arm[order[i - 1]]} > ${k} ${arm[k]})`);
  });
  return arm;
}

/** True when none of the arm's columns has a value. */
export function armIsEmpty(arm: ReportedArm): boolean {
  return Object.values(arm).every((v) => v === undefined);
}

/** Converts a validated arm (convertArm); the reason names the arm ("control arm too skewed …"). */
export function convertRoleArm(arm: ReportedArm, role: ArmRole): ArmOutcome {
  const result = convertArm(arm);
  if (!result.ok) return { ok: false, reason: `${role} arm ${result.reason}` };
  return { ok: true, arm: { mean: result.mean, sd: result.sd, n: result.n }, from: result.from, method: result.method };
}

/**
 * The sham group's mean for the NMD: reported (m3i), or estimated from its median-based
 * summaries as any other arm (which needs n3i). Its SD and n do not enter the NMD's SE.
 */
export function shamMean(arm: ReportedArm): ArmOutcome {
  if (arm.mean !== undefined) return { ok: true, arm: { mean: arm.mean, sd: arm.sd ?? Number.NaN, n: arm.n ?? Number.NaN }, from: "SD", method: "mean as reported" };
  if (arm.median === undefined) return { ok: false, reason: "sham arm mean missing (the NMD needs a sham or normal group)" };
  return convertRoleArm(arm, "sham");
}

/** Events and total of one arm from ai/bi (events, non-events) or ai/n1i (events, total). */
export function readEvents(cell: Cell, role: "treatment" | "control"): { events?: number; total?: number } {
  const [eventsCol, nonEventsCol, totalCol] = role === "treatment" ? ["ai", "bi", "n1i"] : ["ci", "di", "n2i"];
  const num = (c: string) => optionalNumber(cell.row[c], cell.index, cell.study, c);
  const events = num(eventsCol);
  const nonEvents = num(nonEventsCol);
  const totalCell = num(totalCol);
  for (const [c, v] of [[eventsCol, events], [nonEventsCol, nonEvents], [totalCol, totalCell]] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new InputError(`Counts must be whole numbers ≥ 0 (got ${v}) at ${where(cell.index, cell.study, c)}.`);
  }
  const total = nonEvents !== undefined && events !== undefined ? events + nonEvents : totalCell;
  if (events !== undefined && total !== undefined && events > total) {
    throw new InputError(`Events (${events}) exceed the total (${total}) at ${where(cell.index, cell.study, totalCol)}.`);
  }
  if (total !== undefined && total < 1) throw new InputError(`The ${role} arm has no participants at ${where(cell.index, cell.study, totalCol)}.`);
  return { events, total };
}
