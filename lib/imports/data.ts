import "server-only";
import { db } from "@/lib/db";

/** Searches with their imports and how many records each contributed, for the identification page. */
export async function listSearches(reviewId: string) {
  const searches = await db.search.findMany({
    where: { reviewId },
    orderBy: { createdAt: "asc" },
    include: { imports: { orderBy: { createdAt: "asc" }, include: { _count: { select: { records: true } } } } },
  });
  const decided = await db.screeningDecision.groupBy({ by: ["recordId"], where: { reviewId }, _count: true });
  const decidedImports = new Set(
    (await db.record.findMany({ where: { id: { in: decided.map((d) => d.recordId) } }, select: { importId: true }, distinct: ["importId"] })).map((r) => r.importId),
  );
  return searches.map((s) => {
    const imported = s.imports.reduce((n, i) => n + i._count.records, 0);
    return {
      ...s,
      imported,
      countMismatch: s.reportedHits !== null && s.imports.length > 0 && imported !== s.reportedHits,
      imports: s.imports.map((i) => ({ ...i, undoable: !decidedImports.has(i.id) })),
    };
  });
}
