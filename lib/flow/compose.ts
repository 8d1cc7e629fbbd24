import { COUNT_FIELDS, ENTERABLE_IN_DATA_MODE, LIST_FIELDS, type CountField, type ListField } from "./fields";
import { sum } from "./count";
import type { BoxCount, Flow, FlowEntry, FlowList } from "./model";

function emptyFlow(mode: Flow["mode"]): Flow {
  const source = mode === "manual" ? "manual" : "data";
  const counts = {} as Record<CountField, BoxCount>;
  for (const field of COUNT_FIELDS) counts[field] = { n: 0, source };
  const lists = {} as Record<ListField, FlowList>;
  for (const field of LIST_FIELDS) lists[field] = { items: [], source };
  return { mode, counts, lists, show: { previous: false, other: false, metaAnalysis: false }, pending: { screening: 0, fullText: 0, unattributed: 0 } };
}

/**
 * The diagram's numbers: the data's counts with the owner's entries laid over them.
 *
 * - Data mode: only the numbers Sieve cannot know (ENTERABLE_IN_DATA_MODE) are taken from the
 *   entries, each marked as entered by hand; everything else stays live. Entries typed for manual
 *   mode are kept but ignored, so switching modes loses nothing.
 * - Manual mode (a review conducted elsewhere, as in the PRISMA2020 app): every number is typed;
 *   a number not typed is 0, as in the package's template.
 *
 * In both modes a total not typed is derived from its parts (databases = Σ specific databases,
 * total studies = new + previous), so the parts and the total cannot drift apart unnoticed:
 * a typed total that disagrees with its parts fails a check instead.
 */
export function composeFlow(data: Flow | null, entries: readonly FlowEntry[], mode: Flow["mode"]): Flow {
  const flow: Flow = mode === "data" && data ? structuredClone(data) : emptyFlow(mode);
  flow.mode = mode;
  const typed = new Set<string>();
  for (const entry of entries) {
    if (mode === "data" && !(ENTERABLE_IN_DATA_MODE as readonly string[]).includes(entry.field)) continue;
    typed.add(entry.field);
    if ("items" in entry) flow.lists[entry.field] = { items: entry.items.map((i) => ({ label: i.label, n: i.n })), source: "manual" };
    else flow.counts[entry.field] = { n: entry.n, source: "manual", ...(entry.note ? { note: entry.note } : {}) };
  }

  const derive = (field: CountField, parts: BoxCount[], href?: string) => {
    if (typed.has(field)) return;
    const source = parts.some((p) => p.source === "manual") ? "manual" : "data";
    flow.counts[field] = { n: sum(parts), source, ...(source === "data" && href ? { href } : {}) };
  };
  const fromList = (field: ListField): BoxCount => ({ n: sum(flow.lists[field].items), source: flow.lists[field].source });
  if (mode === "manual") {
    // Data mode already holds these from the records; in manual mode a typed breakdown implies its total.
    if (typed.has("database_specific_results")) derive("database_results", [fromList("database_specific_results")]);
    if (typed.has("register_specific_results")) derive("register_results", [fromList("register_specific_results")]);
  }
  const c = flow.counts;
  derive("total_studies", [c.new_studies, c.previous_studies], c.new_studies.href);
  derive("total_reports", [c.new_reports, c.previous_reports], c.new_reports.href);

  const entered = (field: CountField) => typed.has(field);
  flow.show = {
    previous: entered("previous_studies") || entered("previous_reports"),
    other:
      (data?.show.other && mode === "data") ||
      ["website_results", "organisation_results", "citations_results", "other_sought_reports", "other_notretrieved_reports", "other_assessed"].some((f) => c[f as CountField].n > 0) ||
      flow.lists.other_excluded.items.length > 0,
    metaAnalysis: entered("total_studies_ma") || entered("total_reports_ma"),
  };
  return flow;
}

/** Whether any number in the diagram was typed (the footnote explaining the mark is drawn only then). */
export function hasManualCounts(flow: Flow): boolean {
  return Object.values(flow.counts).some((c) => c.source === "manual") || Object.values(flow.lists).some((l) => l.source === "manual" && l.items.length > 0);
}
