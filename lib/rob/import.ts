/**
 * Reading one rater's judgements from a CSV (`study,item,judgement[,support]`) for `sieve rob
 * import`. Pure; every problem names its line, and nothing is written unless all rows are valid.
 */
import { checkRating } from "./derive";
import type { Judgement, RobTool } from "./tools";

export class RobImportError extends Error {}

export type ParsedRobRow = { line: number; study: string; item: string; judgement: Judgement; support: string };

/**
 * Judgement words accepted: low / high / unclear (with or without "risk"), "some concerns"
 * (RoB 2), and for SYRCLE and CAMARADES the tool's own yes / no, where yes means low risk and
 * no means high risk (Hooijmans et al. 2014), so a raw SYRCLE sheet imports correctly.
 */
export function readJudgement(tool: RobTool, text: string): Judgement | null {
  const t = text.trim().toLowerCase().replace(/\s+risk$/, "").replace(/[\s_-]+/g, " ");
  const middle: Judgement = tool.id === "ROB2" ? "SOME_CONCERNS" : "UNCLEAR";
  if (t === "low" || t === "+") return "LOW";
  if (t === "high" || t === "x" || t === "×") return "HIGH";
  if (t === "unclear" || t === "some concerns" || t === "-" || t === "?") return middle;
  if (tool.id !== "ROB2" && (t === "yes" || t === "y")) return "LOW";
  if (tool.id !== "ROB2" && (t === "no" || t === "n")) return "HIGH";
  return null;
}

/** Item column: the tool's item id ("1"–"10", "D1"–"D5", a custom id) or "overall", case-insensitive. */
function readItem(tool: RobTool, text: string, allowOverall: boolean): string | null {
  const t = text.trim();
  const found = tool.items.find((i) => i.id.toLowerCase() === t.toLowerCase());
  if (found) return found.id;
  return allowOverall && t.toLowerCase() === "overall" ? "overall" : null;
}

export function parseRobCsv(tool: RobTool, header: readonly string[], rows: readonly Record<string, string>[], options: { showOverall: boolean }): ParsedRobRow[] {
  const missing = ["study", "item", "judgement"].filter((c) => !header.includes(c));
  if (missing.length) throw new RobImportError(`Missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (expected study,item,judgement[,support]).`);
  if (rows.length === 0) throw new RobImportError("The file has no rows.");
  const seen = new Map<string, number>();
  return rows.map((row, index) => {
    const line = index + 2;
    const study = (row.study ?? "").trim();
    if (!study) throw new RobImportError(`row ${line}: the study is empty.`);
    const item = readItem(tool, row.item ?? "", options.showOverall);
    if (!item) throw new RobImportError(`row ${line}: "${row.item}" is not an item of ${tool.name} (use ${tool.items.map((i) => i.id).join(", ")}).`);
    const judgement = readJudgement(tool, row.judgement ?? "");
    if (!judgement) throw new RobImportError(`row ${line}: "${row.judgement}" is not a judgement (use low, unclear${tool.id === "ROB2" ? "/some concerns" : ""} or high).`);
    const support = (row.support ?? "").trim();
    const check = checkRating(tool, { item, judgement, answers: {}, support, overrideReason: "" });
    if (!check.ok) throw new RobImportError(`row ${line}: ${check.message}`);
    const key = `${study.toLowerCase()}\u0000${item}`;
    if (seen.has(key)) throw new RobImportError(`row ${line}: ${study}, item ${item} was already given on row ${seen.get(key)}.`);
    seen.set(key, line);
    return { line, study, item, judgement, support };
  });
}
