/**
 * Validation of tabular (CSV) input for meta-analysis and agreement, independent of I/O:
 * rows arrive as records of strings (e.g. from papaparse with `header: true`) and leave as
 * typed study data, or as an {@link InputError} naming the row and column at fault.
 */
import type { BinaryStudy, ContinuousStudy } from "./effect-sizes";
import type { NmdStudy } from "./nmd";

/** NMD is the normalised mean difference (nmd.ts); its rows come through outcome-layout.ts. */
export type MetaMeasure = "SMD" | "MD" | "ROM" | "OR" | "RR" | "RD" | "GEN" | "NMD";
export type CsvRow = Record<string, string | undefined>;

export type StudyData =
  | { kind: "continuous"; values: ContinuousStudy }
  | { kind: "binary"; values: BinaryStudy }
  | { kind: "generic"; values: { yi: number; vi: number } }
  | { kind: "nmd"; values: NmdStudy };

export type StudyInput = { study: string; row: number; data: StudyData; subgroup?: string; moderator?: number };
export type DroppedStudy = { study: string; row: number; reason: string };

/** A user-facing validation failure. */
export class InputError extends Error {}

export const MEASURE_COLUMNS: Record<"continuous" | "binary", string[]> = {
  continuous: ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"],
  binary: ["ai", "bi", "ci", "di"],
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Spreadsheet line of a data row: the header is line 1. */
export const lineOf = (index: number) => index + 2;

/** "row 3 (study "Hu 2020"), column "sd1i"" — how every validation message names a cell. */
export function where(index: number, study: string, column: string): string {
  return `row ${lineOf(index)} (study "${study}"), column "${column}"`;
}

/** A cell as a number, or undefined when empty (not reported); non-numeric text is an {@link InputError}. */
export function optionalNumber(raw: string | undefined, index: number, study: string, column: string): number | undefined {
  const text = (raw ?? "").trim();
  if (text === "") return undefined;
  if (!NUMBER.test(text)) throw new InputError(`Non-numeric value "${text}" at ${where(index, study, column)}.`);
  return Number(text);
}

function parseNumber(raw: string | undefined, index: number, study: string, column: string): number {
  const text = (raw ?? "").trim();
  if (text === "") throw new InputError(`Missing value at ${where(index, study, column)}.`);
  if (!NUMBER.test(text)) throw new InputError(`Non-numeric value "${text}" at ${where(index, study, column)}.`);
  return Number(text);
}

export function requireColumns(header: readonly string[], columns: string[]): void {
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new InputError(`Missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")} (columns found: ${header.join(", ") || "none"}).`);
}

/**
 * Validates meta-analysis rows for `measure`:
 * - columns `study` plus m1i,sd1i,n1i,m2i,sd2i,n2i (SMD/MD/ROM), ai,bi,ci,di (OR/RR/RD) or yi with vi or sei (GEN);
 * - a row whose data cells are all empty is dropped ("no outcome data"), a partly empty one is an error;
 * - SD > 0, n ≥ 2 (integers), counts non-negative integers with at least one participant per arm,
 *   vi/sei > 0, means > 0 for ROM, a non-empty subgroup label and a numeric moderator when asked for;
 * - at least 2 usable studies.
 */
export function parseMetaRows(
  header: readonly string[],
  rows: readonly CsvRow[],
  options: { measure: MetaMeasure; subgroup?: string; moderator?: string },
): { studies: StudyInput[]; dropped: DroppedStudy[] } {
  const { measure } = options;
  if (measure === "NMD") throw new InputError("Measure NMD needs a sham arm (columns m3i, sd3i, n3i) and the outcome's direction: use the outcome layout (prepareOutcomeRows).");
  const kind = measure === "GEN" ? "generic" : ["OR", "RR", "RD"].includes(measure) ? "binary" : "continuous";
  let columns: string[];
  if (kind === "generic") {
    requireColumns(header, ["study", "yi"]);
    if (!header.includes("vi") && !header.includes("sei")) throw new InputError("Missing column: vi or sei (needed with yi for measure GEN).");
    columns = ["yi", header.includes("vi") ? "vi" : "sei"];
  } else {
    columns = MEASURE_COLUMNS[kind];
    requireColumns(header, ["study", ...columns]);
  }
  if (options.subgroup !== undefined) requireColumns(header, [options.subgroup]);
  if (options.moderator !== undefined) requireColumns(header, [options.moderator]);

  const studies: StudyInput[] = [];
  const dropped: DroppedStudy[] = [];
  rows.forEach((row, index) => {
    const study = (row.study ?? "").trim() || `Study ${index + 1}`;
    if (columns.every((c) => (row[c] ?? "").trim() === "")) {
      dropped.push({ study, row: lineOf(index), reason: "no outcome data" });
      return;
    }
    const num = (c: string) => parseNumber(row[c], index, study, c);
    const fail = (c: string, message: string): never => {
      throw new InputError(`${message} at ${where(index, study, c)}.`);
    };
    let data: StudyData;
    if (kind === "continuous") {
      const v = Object.fromEntries(columns.map((c) => [c, num(c)])) as ContinuousStudy;
      for (const c of ["sd1i", "sd2i"] as const) if (!(v[c] > 0)) fail(c, `SD must be > 0 (got ${v[c]})`);
      for (const c of ["n1i", "n2i"] as const) {
        if (!Number.isInteger(v[c])) fail(c, `Sample size must be a whole number (got ${v[c]})`);
        if (v[c] < 2) fail(c, `Sample size must be at least 2 (got ${v[c]})`);
      }
      if (measure === "ROM") for (const c of ["m1i", "m2i"] as const) if (!(v[c] > 0)) fail(c, `Means must be > 0 for the ratio of means (got ${v[c]})`);
      data = { kind, values: v };
    } else if (kind === "binary") {
      const v = Object.fromEntries(columns.map((c) => [c, num(c)])) as BinaryStudy;
      for (const c of ["ai", "bi", "ci", "di"] as const) {
        if (!Number.isInteger(v[c]) || v[c] < 0) fail(c, `Counts must be whole numbers ≥ 0 (got ${v[c]})`);
      }
      if (v.ai + v.bi < 1) fail("bi", "The treatment arm has no participants (ai + bi = 0)");
      if (v.ci + v.di < 1) fail("di", "The control arm has no participants (ci + di = 0)");
      data = { kind, values: v };
    } else {
      const yi = num("yi");
      const second = num(columns[1]);
      if (!(second > 0)) fail(columns[1], `${columns[1]} must be > 0 (got ${second})`);
      data = { kind, values: { yi, vi: columns[1] === "vi" ? second : second * second } };
    }
    const input: StudyInput = { study, row: lineOf(index), data };
    if (options.subgroup !== undefined) {
      const label = (row[options.subgroup] ?? "").trim();
      if (label === "") fail(options.subgroup, "Missing subgroup label");
      input.subgroup = label;
    }
    if (options.moderator !== undefined) input.moderator = num(options.moderator);
    studies.push(input);
  });
  if (studies.length < 2) {
    throw new InputError(`At least 2 usable studies are needed; found ${studies.length}${dropped.length ? ` (${dropped.length} row(s) without outcome data)` : ""}.`);
  }
  return { studies, dropped };
}

/**
 * Validates agreement rows: columns rater1, rater2[, rater3, …] (in that order), one row per
 * item; every cell must be non-empty. Numeric-looking ratings become numbers (so that ordered
 * categories sort numerically for weighted kappa).
 */
export function parseRatingRows(header: readonly string[], rows: readonly CsvRow[]): { raters: string[]; items: (string | number)[][] } {
  const raters = header.filter((h) => /^rater\d+$/.test(h)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (!raters.includes("rater1") || !raters.includes("rater2")) {
    throw new InputError(`Missing column${raters.includes("rater1") ? "" : " rater1"}${raters.includes("rater2") ? "" : " rater2"} (columns found: ${header.join(", ") || "none"}).`);
  }
  const items = rows.map((row, index) =>
    raters.map((r) => {
      const text = (row[r] ?? "").trim();
      if (text === "") throw new InputError(`Missing rating at row ${lineOf(index)}, column "${r}".`);
      return NUMBER.test(text) ? Number(text) : text;
    }),
  );
  if (items.length < 2) throw new InputError(`At least 2 rated items are needed; found ${items.length}.`);
  return { raters, items };
}
