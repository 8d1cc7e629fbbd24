import Papa from "papaparse";
import type { BibRecord, ParseWarning } from "./record";
import { WarningLog } from "./record-builder";
import { WOS_LIST_TAGS, wosToRecord } from "./wos";

/**
 * Web of Science tab-delimited export: a header row of the same two-letter tags as the plain
 * text format, one record per row, list fields separated by "; ". WoS never quotes fields, so
 * quote handling is switched off (a title starting with '"' must not swallow the next rows).
 */
export function parseWosTab(text: string): { records: BibRecord[]; warnings: ParseWarning[] } {
  const warnings = new WarningLog();
  const parsed = Papa.parse<string[]>(text, { delimiter: "\t", quoteChar: "\u0000", skipEmptyLines: "greedy" });
  const [header, ...rows] = parsed.data;
  const tags = (header ?? []).map((h) => h.trim().replace(/^\uFEFF/, ""));
  const records: BibRecord[] = [];
  rows.forEach((row, i) => {
    const raw: Record<string, string[]> = {};
    tags.forEach((tag, col) => {
      const value = (row[col] ?? "").trim();
      if (!tag || !value) return;
      raw[tag] = WOS_LIST_TAGS.has(tag) && tag !== "C1" ? value.split(/;\s*/).filter(Boolean) : [value];
    });
    if (row.length > tags.length && row.slice(tags.length).some((c) => c.trim())) {
      warnings.add(`row has ${row.length} cells but the header has ${tags.length}; extra cells ignored`, i + 2);
    }
    records.push(wosToRecord(raw, i + 2, "Web of Science", warnings));
  });
  return { records, warnings: warnings.finish() };
}
