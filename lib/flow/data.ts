import "server-only";
import { db } from "@/lib/db";
import { checkFlow, type FlowCheck } from "./checks";
import { composeFlow } from "./compose";
import { countFlow } from "./count";
import { decodeFlowCounts } from "./entries";
import type { Flow, FlowEntry, FlowSnapshot, Resolution, SearchKind } from "./model";

const KINDS: readonly SearchKind[] = ["DATABASE", "REGISTER", "OTHER"];
const asKind = (kind: string): SearchKind => (KINDS.includes(kind as SearchKind) ? (kind as SearchKind) : "DATABASE");
const asResolution = (r: { outcome: string; reasonId: string | null } | undefined): Resolution | null =>
  r && (r.outcome === "INCLUDE" || r.outcome === "EXCLUDE") ? { outcome: r.outcome, reasonId: r.reasonId } : null;

/** The plain data the counting rules need, read in one pass (a few light columns per record). */
export async function loadFlowSnapshot(reviewId: string): Promise<FlowSnapshot> {
  const [searches, groups, reasons, records] = await Promise.all([
    db.search.findMany({ where: { reviewId }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, database: true, reportedHits: true } }),
    db.duplicateGroup.findMany({ where: { reviewId }, select: { id: true, primaryRecordId: true } }),
    db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: "asc" }, select: { id: true, label: true } }),
    db.record.findMany({
      where: { reviewId },
      select: {
        id: true,
        duplicateGroupId: true,
        studyId: true,
        import: { select: { searchId: true } },
        resolutions: { select: { stage: true, outcome: true, reasonId: true } },
        fullText: { select: { status: true } },
      },
    }),
  ]);
  return {
    searches: searches.map((s) => ({ ...s, kind: asKind(s.kind) })),
    groups,
    reasons,
    records: records.map((r) => ({
      id: r.id,
      searchId: r.import?.searchId ?? null,
      duplicateGroupId: r.duplicateGroupId,
      studyId: r.studyId,
      titleAbstract: asResolution(r.resolutions.find((x) => x.stage === "TITLE_ABSTRACT")),
      fullText: asResolution(r.resolutions.find((x) => x.stage === "FULL_TEXT")),
      retrieval: r.fullText?.status === "RETRIEVED" || r.fullText?.status === "NOT_RETRIEVED" ? r.fullText.status : null,
    })),
  };
}

export async function loadFlowEntries(reviewId: string): Promise<{ entries: FlowEntry[]; manual: boolean }> {
  const rows = await db.flowCount.findMany({ where: { reviewId }, select: { field: true, value: true, note: true } });
  return decodeFlowCounts(rows);
}

export type ReviewFlow = { flow: Flow; checks: FlowCheck[]; entries: FlowEntry[]; manual: boolean };

/**
 * The review's PRISMA 2020 flow as the diagram shows it: counted from the records (each box
 * linking to /reviews/<slug>/records?box=<field>) with the owner's entries laid over, or, in
 * manual mode, the typed numbers alone.
 */
export async function getReviewFlow(reviewId: string, slug: string): Promise<ReviewFlow> {
  const { entries, manual } = await loadFlowEntries(reviewId);
  const data = manual ? null : countFlow(await loadFlowSnapshot(reviewId), `/reviews/${slug}/records`);
  const flow = composeFlow(data, entries, manual ? "manual" : "data");
  return { flow, checks: checkFlow(flow), entries, manual };
}
