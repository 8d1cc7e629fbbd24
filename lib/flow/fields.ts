/**
 * The PRISMA 2020 flow diagram's fields, named as in the PRISMA2020 R package's data template
 * (Haddaway et al. 2022, inst/extdata/PRISMA.csv; shared/reference/prisma2020_fields.csv), so
 * counts round-trip with that package and its Shiny app.
 */

/** Fields holding one number. */
export const COUNT_FIELDS = [
  "previous_studies",
  "previous_reports",
  "database_results",
  "register_results",
  "website_results",
  "organisation_results",
  "citations_results",
  "duplicates",
  "excluded_automatic",
  "excluded_other",
  "records_screened",
  "records_excluded",
  "dbr_sought_reports",
  "dbr_notretrieved_reports",
  "dbr_assessed",
  "other_sought_reports",
  "other_notretrieved_reports",
  "other_assessed",
  "new_studies",
  "new_reports",
  "total_studies",
  "total_reports",
  "total_studies_ma",
  "total_reports_ma",
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/** Fields holding "label, n" items (the package writes them as "Label 1, 12; Label 2, 8"). */
export const LIST_FIELDS = ["database_specific_results", "register_specific_results", "dbr_excluded", "other_excluded"] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export type FlowField = CountField | ListField;

export const isCountField = (f: string): f is CountField => (COUNT_FIELDS as readonly string[]).includes(f);
export const isListField = (f: string): f is ListField => (LIST_FIELDS as readonly string[]).includes(f);

/**
 * Counts Sieve's data cannot know, which an owner may enter while the diagram is otherwise live:
 * records removed before import by tools outside Sieve, a previous version's studies, and the
 * meta-analysis totals (an Analysis is not linked to studies).
 */
export const ENTERABLE_IN_DATA_MODE: readonly CountField[] = [
  "excluded_automatic",
  "excluded_other",
  "previous_studies",
  "previous_reports",
  "total_studies_ma",
  "total_reports_ma",
];

/** Totals the diagram derives from other boxes in both modes (the package asks for them; we never do). */
export const DERIVED_FIELDS: readonly CountField[] = ["database_results", "register_results", "total_studies", "total_reports"];

/** Descriptions from the template's `description` column, for forms, tables and the CLI. */
export const FIELD_LABELS: Record<FlowField, string> = {
  previous_studies: "Studies included in previous version of review",
  previous_reports: "Reports of studies included in previous version of review",
  database_results: "Records identified from: Databases",
  database_specific_results: "Records identified from: specific databases",
  register_results: "Records identified from: Registers",
  register_specific_results: "Records identified from: specific registers",
  website_results: "Records identified from: Websites",
  organisation_results: "Records identified from: Organisations",
  citations_results: "Records identified from: Citation searching",
  duplicates: "Duplicate records",
  excluded_automatic: "Records marked as ineligible by automation tools",
  excluded_other: "Records removed for other reasons",
  records_screened: "Records screened (databases and registers)",
  records_excluded: "Records excluded (databases and registers)",
  dbr_sought_reports: "Reports sought for retrieval (databases and registers)",
  dbr_notretrieved_reports: "Reports not retrieved (databases and registers)",
  dbr_assessed: "Reports assessed for eligibility (databases and registers)",
  dbr_excluded: "Reports excluded (databases and registers), with reasons",
  other_sought_reports: "Reports sought for retrieval (other methods)",
  other_notretrieved_reports: "Reports not retrieved (other methods)",
  other_assessed: "Reports assessed for eligibility (other methods)",
  other_excluded: "Reports excluded (other methods), with reasons",
  new_studies: "New studies included in review",
  new_reports: "Reports of new included studies",
  total_studies: "Total studies included in review",
  total_reports: "Reports of total included studies",
  total_studies_ma: "Total studies included in meta-analysis",
  total_reports_ma: "Reports of total included studies in meta-analysis",
};

/** Every field in template order, for the CLI's JSON and the forms. */
export const ALL_FIELDS: readonly FlowField[] = [
  "previous_studies",
  "previous_reports",
  "database_results",
  "database_specific_results",
  "register_results",
  "register_specific_results",
  "website_results",
  "organisation_results",
  "citations_results",
  "duplicates",
  "excluded_automatic",
  "excluded_other",
  "records_screened",
  "records_excluded",
  "dbr_sought_reports",
  "dbr_notretrieved_reports",
  "other_sought_reports",
  "other_notretrieved_reports",
  "dbr_assessed",
  "dbr_excluded",
  "other_assessed",
  "other_excluded",
  "new_studies",
  "new_reports",
  "total_studies",
  "total_reports",
  "total_studies_ma",
  "total_reports_ma",
];

/** FlowCount.field for the manual-mode switch (value 1 = on), kept beside the counts so no schema change is needed. */
export const MANUAL_MODE_FIELD = "manual_mode";

/** FlowCount.field for one item of a list field: "dbr_excluded:2:Wrong population" (position keeps the typed order). */
export function listItemKey(field: ListField, position: number, label: string): string {
  return `${field}:${position}:${label}`;
}

export function parseListItemKey(key: string): { field: ListField; position: number; label: string } | null {
  const m = /^([a-z_]+):(\d+):([\s\S]*)$/.exec(key);
  if (!m || !isListField(m[1])) return null;
  return { field: m[1], position: Number(m[2]), label: m[3] };
}
