/**
 * The one outcome-data CSV layout (issue 10, point 5) that import, export and analysis share:
 * `study, outcome, timepoint, comparison, experiment, group1, group2`, then per arm
 * (1 = treatment, 2 = control, 3 = sham for the NMD) `m·i sd·i se·i ci·lb ci·ub median·i lq·i uq·i
 * min·i max·i n·i`, or `ai bi ci di` / `ai n1i ci n2i` for events, or `yi` with `vi` or `sei`;
 * optional `shared_control` (split|combine) and `direction` (higher|lower); any other column is a
 * characteristic (usable as subgroup or moderator). An empty cell means "not reported".
 *
 * Arms are converted with convertArm (arm-conversion.ts); a comparison whose arm cannot be
 * converted is dropped with the reason naming the arm. A file with only the original columns
 * (m1i, sd1i, n1i, …; ai, bi, ci, di; yi, vi/sei) is handed to parseMetaRows unchanged.
 */
import { type CsvRow, type DroppedStudy, InputError, lineOf, type MetaMeasure, optionalNumber, parseMetaRows, requireColumns, type StudyData, type StudyInput, where } from "./analysis-input";
import { nmdProblem, type OutcomeDirection } from "./nmd";
import { type ArmOutcome, armIsEmpty, type ConversionRecord, convertRoleArm, LAYOUT_ONLY_COLUMNS, readArm, readEvents, shamMean } from "./outcome-arms";
import { combineSharedControl, describeSharedControl, type PairData, parseHandling, type SharedControlHandling, type SharedControlRecord, splitSharedControl } from "./shared-controls";
import { selectRows } from "./outcome-selection";

export type { ConversionRecord } from "./outcome-arms";
export type { SharedControlRecord } from "./shared-controls";

export type OutcomeLayoutOptions = {
  measure: MetaMeasure;
  outcome?: string;
  timepoint?: string;
  subgroup?: string;
  moderator?: string;
  /** The outcome's direction, for the NMD, when the file has no `direction` column. */
  direction?: OutcomeDirection;
};

export type OutcomeLayoutResult = {
  studies: StudyInput[];
  dropped: DroppedStudy[];
  conversions: ConversionRecord[];
  sharedControls: SharedControlRecord[];
};

type Kind = "continuous" | "binary" | "generic";
const kindOf = (m: MetaMeasure): Kind => (m === "GEN" ? "generic" : ["OR", "RR", "RD"].includes(m) ? "binary" : "continuous");

type Row = {
  index: number; line: number; study: string; part: string; experiment: string; group2: string;
  cells: CsvRow; handling: SharedControlHandling; direction?: OutcomeDirection;
};
type Parsed = { row: Row; pair: PairData; conversions: Omit<ConversionRecord, "study">[] };

const text = (row: CsvRow, column: string) => (row[column] ?? "").trim();

/** True when the file uses only the columns parseMetaRows has always read. */
export function isLegacyLayout(header: readonly string[], measure: MetaMeasure): boolean {
  if (measure === "NMD" || header.some((c) => LAYOUT_ONLY_COLUMNS.includes(c))) return false;
  if (kindOf(measure) === "binary") return header.includes("bi") && header.includes("di");
  return true;
}

function requireLayoutColumns(header: readonly string[], measure: MetaMeasure): void {
  requireColumns(header, ["study"]);
  const kind = kindOf(measure);
  const need = (ok: boolean, message: string) => {
    if (!ok) throw new InputError(`${message} (columns found: ${header.join(", ") || "none"}).`);
  };
  if (kind === "generic") need(header.includes("yi") && (header.includes("vi") || header.includes("sei")), "Missing column: yi with vi or sei (needed for measure GEN)");
  if (kind === "binary") {
    need(header.includes("ai") && header.includes("ci"), "Missing columns: ai and ci (events in each arm)");
    need((header.includes("bi") && header.includes("di")) || (header.includes("n1i") && header.includes("n2i")), "Missing columns: bi and di (non-events) or n1i and n2i (totals)");
  }
  if (kind === "continuous") {
    for (const k of measure === "NMD" ? [1, 2, 3] : [1, 2]) {
      need(header.includes(`m${k}i`) || header.includes(`median${k}i`), `Missing column: m${k}i or median${k}i`);
      if (k < 3) need(header.includes(`n${k}i`), `Missing column: n${k}i`);
    }
  }
}

function parseDirection(raw: string, fallback: OutcomeDirection | undefined, index: number, study: string): OutcomeDirection {
  if (/^higher/i.test(raw)) return "higher";
  if (/^lower/i.test(raw)) return "lower";
  if (raw !== "") throw new InputError(`Direction must be "higher" or "lower" (is better) (got "${raw}") at ${where(index, study, "direction")}.`);
  if (fallback) return fallback;
  throw new InputError(`The NMD needs the outcome's direction: add a column "direction" (higher|lower) or give it as an option (--direction); missing at row ${lineOf(index)} (study "${study}").`);
}

function toRows(header: readonly string[], rows: readonly CsvRow[], indices: number[], options: OutcomeLayoutOptions): Row[] {
  const perStudy = new Map<string, number>();
  const studyOf = (i: number) => text(rows[i], "study") || `Study ${i + 1}`;
  for (const i of indices) perStudy.set(studyOf(i), (perStudy.get(studyOf(i)) ?? 0) + 1);
  return indices.map((index) => {
    const cells = rows[index];
    const study = studyOf(index);
    const handling = parseHandling(cells.shared_control);
    if (!handling) throw new InputError(`shared_control must be "split" or "combine" (got "${text(cells, "shared_control")}") at ${where(index, study, "shared_control")}.`);
    const part = text(cells, "comparison") || text(cells, "group1") || `row ${lineOf(index)}`;
    const row: Row = { index, line: lineOf(index), study: perStudy.get(study)! > 1 ? `${study}: ${part}` : study, part, experiment: text(cells, "experiment"), group2: text(cells, "group2"), cells: { ...cells, study }, handling };
    if (options.measure === "NMD") row.direction = parseDirection(header.includes("direction") ? text(cells, "direction") : "", options.direction, index, study);
    return row;
  });
}

/** Rows of one study and experiment that name the same control group (group2) share it. */
function sharedGroups(rows: Row[]): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    if (r.group2 === "") continue;
    const key = [r.cells.study, r.experiment, r.group2].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** The shared control's numbers may be given once or repeated; repeated ones must agree. */
function mergeSharedCells(group: Row[], columns: readonly string[]): void {
  for (const column of columns) {
    const given = group.filter((r) => text(r.cells, column) !== "");
    const values = [...new Set(given.map((r) => Number(text(r.cells, column))))];
    if (values.length > 1) {
      throw new InputError(`Rows ${given.map((r) => r.line).join(", ")} share the control group "${group[0].group2}" but differ in column "${column}" (${values.join(" vs ")}).`);
    }
    if (given.length) for (const r of group) r.cells = { ...r.cells, [column]: text(given[0].cells, column) };
  }
  const handlings = new Set(group.map((r) => (text(r.cells, "shared_control") === "" ? null : r.handling)).filter(Boolean));
  if (handlings.size > 1) throw new InputError(`Rows ${group.map((r) => r.line).join(", ")} share the control group "${group[0].group2}" but ask for different shared_control handling.`);
  const handling = [...handlings][0] ?? "split";
  for (const r of group) r.handling = handling as SharedControlHandling;
}

const CONTROL_COLUMNS = [
  ...["m", "sd", "se", "median", "lq", "uq", "min", "max", "n"].flatMap((p) => [`${p}2i`, `${p}3i`]),
  "ci2lb", "ci2ub", "ci3lb", "ci3ub", "ci", "di",
];

function parseRow(row: Row, kind: Kind, measure: MetaMeasure): Parsed | { row: Row; reason: string } {
  const cell = { index: row.index, study: row.cells.study!, row: row.cells };
  if (kind === "generic") {
    const yi = optionalNumber(row.cells.yi, cell.index, cell.study, "yi");
    const secondColumn = text(row.cells, "vi") !== "" || text(row.cells, "sei") === "" ? "vi" : "sei";
    const second = optionalNumber(row.cells[secondColumn], cell.index, cell.study, secondColumn);
    if (yi === undefined && second === undefined) return { row, reason: "no outcome data" };
    if (yi === undefined || second === undefined) return { row, reason: yi === undefined ? "effect (yi) missing" : "vi or sei missing" };
    if (!(second > 0)) throw new InputError(`${secondColumn} must be > 0 (got ${second}) at ${where(cell.index, cell.study, secondColumn)}.`);
    return { row, pair: { kind, yi, vi: secondColumn === "vi" ? second : second * second }, conversions: [] };
  }
  if (kind === "binary") {
    const t = readEvents(cell, "treatment");
    const c = readEvents(cell, "control");
    if ([t.events, t.total, c.events, c.total].every((v) => v === undefined)) return { row, reason: "no outcome data" };
    for (const [role, arm] of [["treatment", t], ["control", c]] as const) {
      if (arm.events === undefined) return { row, reason: `${role} arm events missing` };
      if (arm.total === undefined) return { row, reason: `${role} arm total missing` };
    }
    return { row, pair: { kind, treatment: t as { events: number; total: number }, control: c as { events: number; total: number } }, conversions: [] };
  }
  const reported = { treatment: readArm(cell, "treatment"), control: readArm(cell, "control"), sham: measure === "NMD" ? readArm(cell, "sham") : {} };
  if (armIsEmpty(reported.treatment) && armIsEmpty(reported.control)) return { row, reason: "no outcome data" };
  const conversions: Parsed["conversions"] = [];
  const outcomes: [keyof typeof reported, ArmOutcome][] = [
    ["treatment", convertRoleArm(reported.treatment, "treatment")],
    ["control", convertRoleArm(reported.control, "control")],
  ];
  if (measure === "NMD") outcomes.push(["sham", shamMean(reported.sham)]);
  for (const [role, outcome] of outcomes) {
    if (!outcome.ok) return { row, reason: outcome.reason };
    if (outcome.from !== "SD") conversions.push({ row: row.line, arm: role, from: outcome.from, mean: outcome.arm.mean, sd: outcome.arm.sd, method: outcome.method });
  }
  const [treatment, control, sham] = outcomes.map(([, o]) => (o as Extract<ArmOutcome, { ok: true }>).arm);
  return { row, pair: { kind, treatment, control, shamMean: sham?.mean }, conversions };
}

function toStudyData(pair: PairData, measure: MetaMeasure, direction: OutcomeDirection | undefined): StudyData | string {
  if (pair.kind === "generic") return { kind: "generic", values: { yi: pair.yi, vi: pair.vi } };
  if (pair.kind === "binary") {
    const { treatment: t, control: c } = pair;
    return { kind: "binary", values: { ai: t.events, bi: t.total - t.events, ci: c.events, di: c.total - c.events } };
  }
  const values = { m1i: pair.treatment.mean, sd1i: pair.treatment.sd, n1i: pair.treatment.n, m2i: pair.control.mean, sd2i: pair.control.sd, n2i: pair.control.n };
  if (measure === "ROM" && !(values.m1i > 0 && values.m2i > 0)) return "means must be > 0 for the ratio of means";
  if (measure === "NMD") {
    const nmd = { ...values, m3i: pair.shamMean!, direction: direction! };
    return nmdProblem(nmd) ?? { kind: "nmd", values: nmd };
  }
  return { kind: "continuous", values };
}

/**
 * Validates and converts outcome-layout rows for `measure` (see the file comment). Row numbers
 * are spreadsheet lines (header = 1). Throws {@link InputError} for malformed data (a
 * non-numeric cell, SD ≤ 0, unordered quantiles, events > total, several outcomes or time points
 * without a selection, fewer than 2 usable studies); drops comparisons whose data are missing or
 * cannot be converted, with the reason.
 */
export function prepareOutcomeRows(header: readonly string[], rows: readonly CsvRow[], options: OutcomeLayoutOptions): OutcomeLayoutResult {
  const { measure } = options;
  if (isLegacyLayout(header, measure) && options.outcome === undefined && options.timepoint === undefined) {
    return { ...parseMetaRows(header, rows, options), conversions: [], sharedControls: [] };
  }
  requireLayoutColumns(header, measure);
  for (const c of [options.subgroup, options.moderator]) if (c !== undefined) requireColumns(header, [c]);
  const kind = kindOf(measure);
  const layoutRows = toRows(header, rows, selectRows(header, rows, options), options);
  const groups = sharedGroups(layoutRows);
  for (const g of groups) mergeSharedCells(g, CONTROL_COLUMNS);

  const dropped: DroppedStudy[] = [];
  const parsed = new Map<Row, Parsed>();
  for (const row of layoutRows) {
    const result = parseRow(row, kind, measure);
    if ("reason" in result) dropped.push({ study: row.study, row: row.line, reason: result.reason });
    else parsed.set(row, result);
  }

  // Comparisons: one per usable row, except that a shared control is split or combined.
  const comparisons: { rows: Row[]; pair: PairData }[] = [];
  const sharedControls: SharedControlRecord[] = [];
  const inGroup = new Set(groups.flat());
  for (const row of layoutRows) if (parsed.has(row) && !inGroup.has(row)) comparisons.push({ rows: [row], pair: parsed.get(row)!.pair });
  for (const group of groups) {
    const usable = group.filter((r) => parsed.has(r));
    const pairs = usable.map((r) => parsed.get(r)!.pair);
    if (usable.length < 2 || kind === "generic") {
      usable.forEach((r, i) => comparisons.push({ rows: [r], pair: pairs[i] }));
      continue;
    }
    const handling = group[0].handling;
    sharedControls.push(describeSharedControl({ study: group[0].cells.study!, experiment: group[0].experiment, control: group[0].group2, rows: usable.map((r) => r.line) }, handling, pairs));
    if (handling === "split") splitSharedControl(pairs).forEach((pair, i) => comparisons.push({ rows: [usable[i]], pair }));
    else comparisons.push({ rows: usable, pair: combineSharedControl(pairs) });
  }
  comparisons.sort((a, b) => a.rows[0].index - b.rows[0].index);

  const studies: StudyInput[] = [];
  for (const { rows: group, pair } of comparisons) {
    const first = group[0];
    const sameStudy = layoutRows.filter((r) => r.cells.study === first.cells.study);
    const label = group.length === 1 ? first.study : sameStudy.length === group.length ? first.cells.study! : `${first.cells.study}: ${group.map((r) => r.part).join(" + ")}`;
    const data = toStudyData(pair, measure, first.direction);
    if (typeof data === "string") {
      dropped.push({ study: label, row: first.line, reason: data });
      continue;
    }
    const input: StudyInput = { study: label, row: first.line, data };
    if (options.subgroup !== undefined) input.subgroup = sharedValue(group, options.subgroup, "subgroup label");
    if (options.moderator !== undefined) {
      const value = sharedValue(group, options.moderator, "moderator value");
      input.moderator = optionalNumber(value, first.index, first.cells.study!, options.moderator);
    }
    studies.push(input);
  }
  const labelOf = new Map(comparisons.flatMap((c) => c.rows.map((r) => [r.line, studies.find((s) => s.row === c.rows[0].line)?.study ?? r.study] as const)));
  const conversions = [...parsed.values()].flatMap((p) => p.conversions.map((c) => ({ study: labelOf.get(c.row) ?? p.row.study, ...c })));
  if (studies.length < 2) {
    throw new InputError(`At least 2 usable studies are needed; found ${studies.length}${dropped.length ? ` (${dropped.length} comparison(s) dropped: ${dropped.map((d) => `row ${d.row} ${d.reason}`).join("; ")})` : ""}.`);
  }
  dropped.sort((a, b) => a.row - b.row);
  return { studies, dropped, conversions, sharedControls };
}

/** A characteristic of a comparison; combined rows must agree on it. */
function sharedValue(group: Row[], column: string, what: string): string {
  const values = [...new Set(group.map((r) => text(r.cells, column)))];
  const first = group[0];
  if (values.length > 1) throw new InputError(`Rows ${group.map((r) => r.line).join(", ")} are combined (shared control) but differ in column "${column}" (${values.join(" vs ")}).`);
  if (values[0] === "") throw new InputError(`Missing ${what} at ${where(first.index, first.cells.study!, column)}.`);
  return values[0];
}
