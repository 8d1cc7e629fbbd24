import "server-only";
import { db } from "@/lib/db";

/** The review's studies with their reports (records included at full text), oldest study first. */
export async function listStudies(reviewId: string) {
  const studies = await db.study.findMany({
    where: { reviewId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      label: true,
      reports: { orderBy: [{ year: "asc" }, { createdAt: "asc" }], select: { id: true, title: true, year: true, doi: true, journal: true } },
      _count: { select: { extraction: true, riskOfBias: true } },
    },
  });
  return studies.map((s) => ({ id: s.id, label: s.label, reports: s.reports, hasData: s._count.extraction + s._count.riskOfBias > 0 }));
}
