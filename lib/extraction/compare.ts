/**
 * Two extractions side by side, field by field: which cells agree (numbers within the owner's
 * relative tolerance), which do not, and a hint where two SDs differ by a factor close to √n —
 * one extractor probably copied an SEM as an SD, the commonest mix-up in animal studies.
 * Also the consensus assembled from decisions, and the agreement report.
 */
import { cellField, cellKey, cellLabel, toCells, toEntry, type Cell, type CellValue } from "./cells";
import type { Answers, OutcomeData } from "./schema";

export type Side = { values: Answers; outcomeData: OutcomeData };
export type ComparisonRow = {
  key: string;
  path: string[];
  label: string;
  field: string;
  kind: Cell["kind"];
  a: CellValue;
  b: CellValue;
  agree: boolean;
  hint?: string;
};

/** Relative tolerance as in review settings: |a − b| ≤ tolerance · max(|a|, |b|). */
export function numbersAgree(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

const text = (v: CellValue) => String(v).trim().replace(/\s+/g, " ").toLowerCase();

export function valuesAgree(a: CellValue, b: CellValue, tolerance: number): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "number" && typeof b === "number") return numbersAgree(a, b, tolerance);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].map(text).sort().join("\u0000") === [...b].map(text).sort().join("\u0000");
  return text(a) === text(b);
}

/** SDs a and b differ by ≈ √n (within 10 %): one is probably an SEM. */
export function semAsSdHint(a: number, b: number, n: number | undefined): string | undefined {
  if (!n || n < 2 || a <= 0 || b <= 0) return undefined;
  const ratio = Math.max(a, b) / Math.min(a, b);
  if (Math.abs(ratio / Math.sqrt(n) - 1) > 0.1) return undefined;
  const smaller = a < b ? "A" : "B";
  return `The SDs differ by a factor of ${ratio.toFixed(2)} ≈ √${n}: ${smaller} probably entered an SEM as an SD.`;
}

export function compareEntries(a: Side, b: Side, tolerance: number, fieldLabels: Record<string, string> = {}): ComparisonRow[] {
  const cellsA = new Map(toCells(a.values, a.outcomeData).map((c) => [c.key, c]));
  const cellsB = new Map(toCells(b.values, b.outcomeData).map((c) => [c.key, c]));
  const keys = [...new Set([...cellsA.keys(), ...cellsB.keys()])];
  const rows = keys.map((key): ComparisonRow => {
    const ca = cellsA.get(key);
    const cb = cellsB.get(key);
    const path = (ca ?? cb)!.path;
    const va = ca?.value ?? null;
    const vb = cb?.value ?? null;
    return { key, path, label: cellLabel(path, fieldLabels), field: cellField(path, fieldLabels), kind: (ca ?? cb)!.kind, a: va, b: vb, agree: valuesAgree(va, vb, tolerance) };
  });
  for (const row of rows) {
    if (row.agree || row.path[0] !== "a" || row.path[5] !== "sd" || typeof row.a !== "number" || typeof row.b !== "number") continue;
    const nKey = cellKey([...row.path.slice(0, 5), "n"]);
    const n = (cellsA.get(nKey)?.value ?? cellsB.get(nKey)?.value) as number | undefined;
    row.hint = semAsSdHint(row.a, row.b, typeof n === "number" ? n : undefined);
  }
  return rows;
}

export type Decision = { source: "AGREED" | "A" | "B" | "NEW"; value?: CellValue; note?: string };
export type Decisions = Record<string, Decision>;

/** Parses a typed consensus value into the kind of the cell it replaces. */
export function parseTypedValue(kind: Cell["kind"], raw: string): CellValue | { error: string } {
  const t = raw.trim();
  if (t === "") return null;
  if (kind === "number") return Number.isFinite(Number(t)) ? Number(t) : { error: `“${t}” is not a number.` };
  if (kind === "boolean") return /^(yes|true|y|1)$/i.test(t) ? true : /^(no|false|n|0)$/i.test(t) ? false : { error: "Answer yes or no." };
  if (kind === "list") return t.split(";").map((s) => s.trim()).filter(Boolean);
  return t;
}

export type ConsensusDraft = { values: Answers; outcomeData: OutcomeData; decisions: Decisions; unresolved: string[] };

/**
 * The consensus from the comparison and the reconciler's decisions: agreed cells go in without a
 * click (A's value), locators where only one side has one go in too; a disagreement without a
 * decision stays unresolved (and out of the consensus until settled).
 */
export function buildConsensus(rows: ComparisonRow[], chosen: Decisions): ConsensusDraft {
  const cells: Cell[] = [];
  const decisions: Decisions = {};
  const unresolved: string[] = [];
  for (const row of rows) {
    const decision = chosen[row.key];
    let value: CellValue;
    if (decision && decision.source !== "AGREED") {
      value = decision.source === "A" ? row.a : decision.source === "B" ? row.b : (decision.value ?? null);
      decisions[row.key] = { source: decision.source, ...(decision.source === "NEW" ? { value } : {}), note: decision.note ?? "" };
    } else if (row.agree || (row.kind === "locator" && (row.a === null || row.b === null))) {
      value = row.a ?? row.b;
      decisions[row.key] = { source: "AGREED" };
    } else {
      unresolved.push(row.key);
      continue;
    }
    if (value !== null) cells.push({ key: row.key, path: row.path, kind: row.kind, value });
  }
  return { ...toEntry(cells), decisions, unresolved };
}

export type AgreementReport = { overall: { agree: number; total: number; share: number }; perField: { field: string; agree: number; total: number; share: number }[] };

/** Share of cells the two extractors agree on (locators excluded), overall and per field. */
export function agreementReport(comparisons: ComparisonRow[][]): AgreementReport {
  const per = new Map<string, { agree: number; total: number }>();
  let agree = 0;
  let total = 0;
  for (const rows of comparisons) {
    for (const row of rows) {
      if (row.kind === "locator") continue;
      const f = per.get(row.field) ?? { agree: 0, total: 0 };
      f.total += 1;
      total += 1;
      if (row.agree) {
        f.agree += 1;
        agree += 1;
      }
      per.set(row.field, f);
    }
  }
  const share = (a: number, t: number) => (t ? a / t : 1);
  return {
    overall: { agree, total, share: share(agree, total) },
    perField: [...per.entries()].map(([field, f]) => ({ field, ...f, share: share(f.agree, f.total) })).sort((x, y) => x.share - y.share || x.field.localeCompare(y.field)),
  };
}
