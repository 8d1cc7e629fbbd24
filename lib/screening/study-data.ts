import "server-only";
import { db } from "@/lib/db";

/** Studies and their reports, for owners linking a report to an existing study. */
export async function listStudies(reviewId: string) {
  return db.study.findMany({
    where: { reviewId },
    orderBy: { label: "asc" },
    select: { id: true, label: true, reports: { select: { id: true, title: true, year: true }, orderBy: { year: "asc" } } },
  });
}
