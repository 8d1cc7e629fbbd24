import { sum } from "./count";
import type { Flow } from "./model";

export type FlowCheck = {
  id: string;
  /** The rule in words, e.g. "Records screened = identified − removed before screening". */
  label: string;
  ok: boolean;
  expected: number;
  actual: number;
  /** Why it fails, when the data can say (e.g. records still awaiting a decision). */
  detail?: string;
};

const fmt = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/**
 * The arithmetic every PRISMA 2020 diagram must satisfy. A failed check is reported, never fixed:
 * the numbers in the boxes stay what the data (or the owner) says. Checks follow the template's
 * arrows: each box below another equals it minus what left it sideways.
 */
export function checkFlow(flow: Flow): FlowCheck[] {
  const c = Object.fromEntries(Object.entries(flow.counts).map(([k, v]) => [k, v.n])) as Record<keyof Flow["counts"], number>;
  const dbrExcluded = sum(flow.lists.dbr_excluded.items);
  const otherExcluded = sum(flow.lists.other_excluded.items);
  const checks: FlowCheck[] = [];
  const add = (id: string, label: string, expected: number, actual: number, detail?: string) =>
    checks.push({ id, label, ok: expected === actual, expected, actual, ...(expected !== actual && detail ? { detail } : {}) });
  const { pending } = flow;

  const identified = c.database_results + c.register_results;
  add(
    "screened",
    "Records screened = identified − duplicates − removed by automation tools − removed for other reasons",
    identified - c.duplicates - c.excluded_automatic - c.excluded_other,
    c.records_screened,
    pending.unattributed
      ? `${plural(pending.unattributed, "record")} came from no logged search; log the search they came from.`
      : "The searches' reported hits differ from the records imported; enter records removed before import, or correct the hits.",
  );
  add(
    "sought",
    "Reports sought for retrieval = records screened − records excluded",
    c.records_screened - c.records_excluded,
    c.dbr_sought_reports,
    pending.screening ? `${plural(pending.screening, "record")} still awaiting a title/abstract decision.` : undefined,
  );
  const fullTextDetail = pending.fullText ? `${plural(pending.fullText, "report")} sought but not yet assessed or marked not retrieved.` : undefined;
  add("assessed", "Reports assessed = reports sought − reports not retrieved", c.dbr_sought_reports - c.dbr_notretrieved_reports, c.dbr_assessed, fullTextDetail);
  if (flow.show.other) {
    add("other-assessed", "Reports assessed (other methods) = reports sought − reports not retrieved", c.other_sought_reports - c.other_notretrieved_reports, c.other_assessed, fullTextDetail);
  }
  add(
    "included",
    flow.show.other ? "Reports of new included studies = reports assessed − reports excluded (both columns)" : "Reports of new included studies = reports assessed − reports excluded",
    c.dbr_assessed - dbrExcluded + (flow.show.other ? c.other_assessed - otherExcluded : 0),
    c.new_reports,
  );
  checks.push({
    id: "studies-reports",
    label: "New studies ≤ reports of new included studies (each study has at least one report)",
    ok: c.new_studies <= c.new_reports,
    expected: c.new_reports,
    actual: c.new_studies,
  });
  if (flow.lists.database_specific_results.items.length) {
    add("databases", "Records from databases = sum of the specific databases", sum(flow.lists.database_specific_results.items), c.database_results);
  }
  if (flow.lists.register_specific_results.items.length) {
    add("registers", "Records from registers = sum of the specific registers", sum(flow.lists.register_specific_results.items), c.register_results);
  }
  add("total-studies", "Total studies = new studies + studies in previous version", c.new_studies + c.previous_studies, c.total_studies);
  add("total-reports", "Total reports = new reports + reports in previous version", c.new_reports + c.previous_reports, c.total_reports);
  if (flow.show.metaAnalysis) {
    checks.push({ id: "ma-studies", label: "Studies in meta-analysis ≤ total studies", ok: c.total_studies_ma <= c.total_studies, expected: c.total_studies, actual: c.total_studies_ma });
    checks.push({ id: "ma-reports", label: "Reports in meta-analysis ≤ total reports", ok: c.total_reports_ma <= c.total_reports, expected: c.total_reports, actual: c.total_reports_ma });
  }
  const negative = Object.entries(c).filter(([, n]) => n < 0);
  if (negative.length) {
    checks.push({ id: "non-negative", label: "No box holds a negative count", ok: false, expected: 0, actual: negative.length, detail: negative.map(([f]) => f).join(", ") });
  }
  return checks;
}
