import type { BibRecord, ParseWarning } from "@/lib/formats/record";

/**
 * Field lengths no real bibliographic record reaches; past them the export is almost surely
 * broken (a whole file run into one title). The records are still stored, since nothing is
 * lost, but the import says so, and pages clamp the text on screen.
 */
export const FIELD_LIMITS = { title: 1_000, abstract: 20_000, journal: 500 } as const;
const MAX_LENGTH_WARNINGS = 20;

/** Warnings for absurdly long fields in one batch; `position` is the batch's first record (0-based). */
export function fieldLengthWarnings(records: readonly BibRecord[], position: number): ParseWarning[] {
  const warnings: ParseWarning[] = [];
  records.forEach((record, i) => {
    for (const [field, limit] of Object.entries(FIELD_LIMITS) as [keyof typeof FIELD_LIMITS, number][]) {
      const length = (record[field] ?? "").length;
      if (length > limit)
        warnings.push({ message: `record ${position + i + 1}: the ${field} is ${length.toLocaleString("en")} characters long (more than ${limit.toLocaleString("en")}); check the export — pages show it shortened` });
    }
  });
  return warnings;
}

/** Collects the warnings of every batch, keeping at most 20 and counting the rest. */
export function lengthWarningCollector() {
  const kept: ParseWarning[] = [];
  let more = 0;
  return {
    add(records: readonly BibRecord[], position: number) {
      for (const w of fieldLengthWarnings(records, position)) {
        if (kept.length < MAX_LENGTH_WARNINGS) kept.push(w);
        else more++;
      }
    },
    warnings(): ParseWarning[] {
      return more ? [...kept, { message: `${more} further over-long fields not listed` }] : kept;
    },
  };
}
