/**
 * Field merge for a duplicate group. The group itself keeps every member record (so per-database
 * PRISMA counts stay correct); this builds the one record shown for screening, where a field the
 * primary lacks is taken from the first other member that has it. Nothing is overwritten and
 * nothing is dropped: list fields and raw source fields are unions.
 */
import type { Author, BibRecord } from "../formats/record";

type ScalarField = Exclude<keyof BibRecord, "authors" | "keywords" | "mesh" | "raw">;

const SCALAR_FIELDS: ScalarField[] = [
  "title", "abstract", "year", "journal", "journalAbbrev", "volume", "issue", "pages", "startPage",
  "endPage", "doi", "pmid", "pmcid", "issn", "language", "publicationType", "url", "sourceDatabase",
];

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Items in first-seen order; `fold` compares case-insensitively (keywords), raw values compare exactly. */
function union(lists: string[][], fold = true): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const item of list) {
      const key = fold ? item.trim().toLowerCase() : item;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
    }
  }
  return out;
}

/**
 * Returns a new record: the primary's fields, with missing ones filled from `others` in order.
 * Authors come from the primary unless it has none, then from the longest other list, because
 * author lists cannot be merged name by name without risking duplicates in different spellings.
 * @example mergeRecordFields({ ...a, doi: undefined }, [{ ...b, doi: "10.1/x" }]).doi // "10.1/x"
 */
export function mergeRecordFields(primary: BibRecord, others: BibRecord[]): BibRecord {
  const merged: BibRecord = {
    ...primary,
    authors: primary.authors.map((a): Author => ({ ...a })),
    keywords: union([primary.keywords ?? [], ...others.map((o) => o.keywords ?? [])]),
    mesh: union([primary.mesh ?? [], ...others.map((o) => o.mesh ?? [])]),
    raw: {},
  };
  for (const field of SCALAR_FIELDS) {
    if (!isEmpty(merged[field])) continue;
    const donor = others.find((o) => !isEmpty(o[field]));
    if (donor) (merged as Record<ScalarField, unknown>)[field] = donor[field];
  }
  if (merged.authors.length === 0) {
    const donor = others.reduce<BibRecord | undefined>((best, o) => (o.authors.length > (best?.authors.length ?? 0) ? o : best), undefined);
    if (donor) merged.authors = donor.authors.map((a) => ({ ...a }));
  }
  for (const record of [primary, ...others]) {
    for (const [tag, values] of Object.entries(record.raw ?? {})) {
      merged.raw[tag] = union([merged.raw[tag] ?? [], values], false);
    }
  }
  return merged;
}
