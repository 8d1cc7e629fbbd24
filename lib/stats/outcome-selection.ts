/**
 * Choosing the rows of one outcome and time point from an outcome-layout CSV. Pooling two
 * outcomes (or two time points of one outcome) would count the same animals twice and mix
 * scales, so a file with several of them and no selection is refused in one line.
 */
import { type CsvRow, InputError, requireColumns } from "./analysis-input";

const norm = (s: string | undefined) => (s ?? "").trim();
const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;

function describe(values: string[]): string {
  const shown = values.slice(0, 6).map((v) => `"${v}"`).join(", ");
  return values.length > 6 ? `${shown}, …` : shown;
}

/**
 * Indices of the rows for `outcome` and `timepoint` (matched case-insensitively, after trimming).
 * Without a selection, a column with more than one distinct non-empty value is an error that
 * lists the values; a selection that matches no row is an error that lists what there is.
 */
export function selectRows(header: readonly string[], rows: readonly CsvRow[], selection: { outcome?: string; timepoint?: string }): number[] {
  let indices = rows.map((_, i) => i);
  for (const [column, flag] of [["outcome", "--outcome"], ["timepoint", "--timepoint"]] as const) {
    const wanted = selection[column];
    if (wanted !== undefined) {
      requireColumns(header, [column]);
      const available = [...new Set(indices.map((i) => norm(rows[i][column])))].filter(Boolean);
      const kept = indices.filter((i) => same(norm(rows[i][column]), wanted.trim()));
      if (kept.length === 0) throw new InputError(`No rows with ${column} "${wanted}" (${column}s in the file: ${describe(available) || "none"}).`);
      indices = kept;
      continue;
    }
    if (!header.includes(column)) continue;
    const values = [...new Set(indices.map((i) => norm(rows[i][column])).filter(Boolean))];
    if (values.length > 1) {
      throw new InputError(`The file has ${values.length} ${column === "outcome" ? "outcomes" : "time points"} (${describe(values)}): choose one with ${flag}.`);
    }
  }
  return indices;
}
