import { COUNT_FIELDS, LIST_FIELDS, type CountField, type ListField } from "./fields";
import type { BoxCount, Flow, FlowItem, FlowList, FlowSnapshot, SnapshotRecord } from "./model";

type OtherField = "website_results" | "organisation_results" | "citations_results";

/**
 * Which "other methods" box a search of kind OTHER feeds, from its name. PRISMA 2020 names three
 * (websites, organisations, citation searching); anything unrecognised, such as hand-searching
 * reference lists, is most often citation searching, so that is the fallback.
 */
export function classifyOtherSearch(name: string): OtherField {
  if (/organi[sz]ation|expert|contact|manufacturer|author/i.test(name)) return "organisation_results";
  if (/web|site|google|grey|gray|internet/i.test(name)) return "website_results";
  return "citations_results";
}

/**
 * A full-text exclusion whose reason says the report could not be obtained is "not retrieved" in
 * PRISMA 2020, not "excluded" (Page et al. 2021, explanation of item 16a): counting it twice would
 * break "assessed = sought − not retrieved".
 */
export const NOT_RETRIEVED_REASON = /full[ -]?text (is )?(not available|unavailable|not retrieved|not obtained|could not be (obtained|retrieved))/i;

const UNRECORDED_REASON = "Reason not recorded";

/** Counting rules: every box from the review's records. `linkBase` is the records page the boxes link to. */
export function countFlow(snapshot: FlowSnapshot, linkBase = ""): Flow {
  const link = (box: string, extra: Record<string, string> = {}) => `${linkBase}?${new URLSearchParams({ box, ...extra })}`;
  const searchById = new Map(snapshot.searches.map((s) => [s.id, s]));
  const primaryOf = new Map(snapshot.groups.map((g) => [g.id, g.primaryRecordId]));
  const reasonLabel = new Map(snapshot.reasons.map((r) => [r.id, r.label]));
  const notRetrievedReasons = new Set(snapshot.reasons.filter((r) => NOT_RETRIEVED_REASON.test(r.label)).map((r) => r.id));

  // Every member of a duplicate group except its primary is a removed duplicate.
  const isDuplicate = (r: SnapshotRecord) => r.duplicateGroupId !== null && primaryOf.get(r.duplicateGroupId) !== r.id;
  const kindOf = (r: SnapshotRecord) => (r.searchId ? searchById.get(r.searchId)?.kind : undefined);
  // Records not from any logged search go through screening, so they are counted there; the
  // identification check then fails and says why, rather than guessing a source for them.
  const dbr = snapshot.records.filter((r) => kindOf(r) !== "OTHER");
  const other = snapshot.records.filter((r) => kindOf(r) === "OTHER");

  const counts = {} as Record<CountField, BoxCount>;
  for (const field of COUNT_FIELDS) counts[field] = { n: 0, source: "data" };
  const lists = {} as Record<ListField, FlowList>;
  for (const field of LIST_FIELDS) lists[field] = { items: [], source: "data" };
  const set = (field: CountField, n: number, href: string | undefined = link(field)) => (counts[field] = { n, source: "data", href });

  // Identification: a search's reported hits when logged (records an outside tool removed before
  // import are part of them), otherwise the records imported for it.
  const identified = (kind: string) => {
    const byName = new Map<string, FlowItem>();
    for (const search of snapshot.searches.filter((s) => s.kind === kind)) {
      const imported = snapshot.records.filter((r) => r.searchId === search.id).length;
      const key = search.database.trim().toLowerCase();
      const item = byName.get(key) ?? { label: search.database.trim() || "Unnamed source", n: 0, href: link(kind === "REGISTER" ? "register_results" : "database_results", { source: search.database.trim() }) };
      item.n += search.reportedHits ?? imported;
      byName.set(key, item);
    }
    return [...byName.values()];
  };
  lists.database_specific_results.items = identified("DATABASE");
  lists.register_specific_results.items = identified("REGISTER");
  set("database_results", sum(lists.database_specific_results.items));
  set("register_results", sum(lists.register_specific_results.items));
  const otherTotals: Record<OtherField, number> = { website_results: 0, organisation_results: 0, citations_results: 0 };
  for (const search of snapshot.searches.filter((s) => s.kind === "OTHER")) {
    otherTotals[classifyOtherSearch(search.database)] += search.reportedHits ?? snapshot.records.filter((r) => r.searchId === search.id).length;
  }
  for (const [field, n] of Object.entries(otherTotals) as [OtherField, number][]) set(field, n);

  // Screening (databases and registers column).
  set("duplicates", dbr.filter(isDuplicate).length);
  const screened = dbr.filter((r) => !isDuplicate(r));
  set("records_screened", screened.length);
  set("records_excluded", screened.filter((r) => r.titleAbstract?.outcome === "EXCLUDE").length);

  // Retrieval and eligibility, the same rules in both columns.
  const reportsOf = (records: SnapshotRecord[], column: "dbr" | "other") => {
    // A record reaches full text when included at title/abstract, or when it skipped that stage.
    const sought = records.filter((r) => r.titleAbstract?.outcome === "INCLUDE" || (!r.titleAbstract && (r.fullText || r.retrieval)));
    const notRetrieved = sought.filter((r) => r.retrieval === "NOT_RETRIEVED" || (r.fullText?.outcome === "EXCLUDE" && r.fullText.reasonId !== null && notRetrievedReasons.has(r.fullText.reasonId)));
    const missing = new Set(notRetrieved.map((r) => r.id));
    const assessed = sought.filter((r) => !missing.has(r.id) && r.fullText);
    const excluded = assessed.filter((r) => r.fullText?.outcome === "EXCLUDE");
    set(`${column}_sought_reports`, sought.length);
    set(`${column}_notretrieved_reports`, notRetrieved.length);
    set(`${column}_assessed`, assessed.length);
    lists[`${column}_excluded`].items = reasonItems(excluded, column);
    return {
      included: assessed.filter((r) => r.fullText?.outcome === "INCLUDE"),
      awaitingFullText: sought.length - notRetrieved.length - assessed.length,
    };
  };
  const reasonItems = (excluded: SnapshotRecord[], column: string): FlowItem[] => {
    const byReason = new Map<string | null, number>();
    for (const r of excluded) byReason.set(r.fullText?.reasonId ?? null, (byReason.get(r.fullText?.reasonId ?? null) ?? 0) + 1);
    const order = [...snapshot.reasons.map((r) => r.id), null];
    return order
      .filter((id) => byReason.has(id))
      .map((id) => ({
        label: id === null ? UNRECORDED_REASON : (reasonLabel.get(id) ?? UNRECORDED_REASON),
        n: byReason.get(id) ?? 0,
        href: link(`${column}_excluded`, { reason: id ?? "none" }),
      }));
  };
  const fromDbr = reportsOf(screened, "dbr");
  const fromOther = reportsOf(other.filter((r) => !isDuplicate(r)), "other");

  // Included: a study gathers its reports; a report not yet linked to a study stands for its own.
  const included = [...fromDbr.included, ...fromOther.included];
  set("new_reports", included.length);
  set("new_studies", new Set(included.map((r) => r.studyId ?? `record:${r.id}`)).size);
  set("total_studies", counts.new_studies.n, link("new_studies"));
  set("total_reports", counts.new_reports.n, link("new_reports"));
  // previous_*, excluded_automatic/other and the meta-analysis totals stay 0: only an owner knows them.

  return {
    mode: "data",
    counts,
    lists,
    show: { previous: false, other: snapshot.searches.some((s) => s.kind === "OTHER") || other.length > 0, metaAnalysis: false },
    pending: {
      screening: screened.filter((r) => !r.titleAbstract && !r.fullText && !r.retrieval).length,
      fullText: fromDbr.awaitingFullText + fromOther.awaitingFullText,
      unattributed: snapshot.records.filter((r) => !r.searchId || !searchById.has(r.searchId)).length,
    },
  };
}

export const sum = (items: readonly { n: number }[]) => items.reduce((n, item) => n + item.n, 0);
