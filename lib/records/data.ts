import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RecordFilter, RecordSet } from "@/lib/records/schema";

export const RECORDS_PAGE_SIZE = 50;

function setWhere(set: RecordSet): Prisma.RecordWhereInput {
  const resolved = (stage: string, outcome: string) => ({ resolutions: { some: { stage, outcome } } });
  switch (set) {
    case "unique":
      return { isDuplicate: false };
    case "duplicates":
      return { isDuplicate: true };
    case "included-ta":
      return resolved("TITLE_ABSTRACT", "INCLUDE");
    case "excluded-ta":
      return resolved("TITLE_ABSTRACT", "EXCLUDE");
    case "included-ft":
      return resolved("FULL_TEXT", "INCLUDE");
    case "excluded-ft":
      return resolved("FULL_TEXT", "EXCLUDE");
    default:
      return {};
  }
}

/**
 * The records behind a PRISMA box, so every number on the diagram opens the list it counts.
 * Mirrors lib/flow/count.ts: the "other methods" column is searches of kind OTHER.
 */
function boxWhere(f: RecordFilter): Prisma.RecordWhereInput {
  if (!f.box) return {};
  const other = f.box.startsWith("other_") || /^(website|organisation|citations)_results$/.test(f.box);
  const column: Prisma.RecordWhereInput = other ? { import: { search: { kind: "OTHER" } } } : { NOT: { import: { search: { kind: "OTHER" } } } };
  const unique = { ...column, isDuplicate: false };
  const stage = (s: string, outcome: string, extra: object = {}) => ({ ...unique, resolutions: { some: { stage: s, outcome, ...extra } } });
  const suffix = f.box.replace(/^(dbr|other)_/, "");
  if (f.box === "database_results" || f.box === "register_results") {
    return { import: { search: { kind: f.box === "register_results" ? "REGISTER" : "DATABASE", ...(f.source ? { database: f.source } : {}) } } };
  }
  switch (suffix) {
    case "duplicates":
      return { ...column, isDuplicate: true };
    case "records_screened":
      return unique;
    case "records_excluded":
      return stage("TITLE_ABSTRACT", "EXCLUDE");
    case "sought_reports":
      return stage("TITLE_ABSTRACT", "INCLUDE");
    case "notretrieved_reports":
      return { ...unique, fullText: { status: "NOT_RETRIEVED" } };
    case "assessed":
      return { ...unique, resolutions: { some: { stage: "FULL_TEXT" } } };
    case "excluded":
      return stage("FULL_TEXT", "EXCLUDE", f.reason ? { reasonId: f.reason === "none" ? null : f.reason } : {});
    case "new_reports":
    case "new_studies":
    case "total_reports":
    case "total_studies":
      return stage("FULL_TEXT", "INCLUDE");
    default:
      return other ? column : {};
  }
}

export function recordWhere(reviewId: string, f: RecordFilter): Prisma.RecordWhereInput {
  const and: Prisma.RecordWhereInput[] = [{ reviewId }, setWhere(f.set), boxWhere(f)];
  if (f.q) {
    const fields = f.field === "any" ? ["title", "abstract", "authorText"] : [f.field === "author" ? "authorText" : f.field];
    and.push({ OR: fields.map((field) => ({ [field]: { contains: field === "authorText" ? f.q!.toLowerCase() : f.q } })) });
  }
  if (f.yearFrom) and.push({ year: { gte: f.yearFrom } });
  if (f.yearTo) and.push({ year: { lte: f.yearTo } });
  if (f.search) and.push({ import: { searchId: f.search } });
  return { AND: and };
}

function orderBy(f: RecordFilter): Prisma.RecordOrderByWithRelationInput[] {
  const dir = f.dir;
  const primary: Record<RecordFilter["sort"], Prisma.RecordOrderByWithRelationInput> = {
    added: { createdAt: dir },
    title: { title: dir },
    year: { year: { sort: dir, nulls: "last" } },
    author: { authorText: dir },
    journal: { journal: dir },
  };
  return [primary[f.sort], { position: "asc" }, { id: "asc" }];
}

export async function listRecords(reviewId: string, f: RecordFilter) {
  const where = recordWhere(reviewId, f);
  const [rows, total, searches] = await Promise.all([
    db.record.findMany({
      where,
      orderBy: orderBy(f),
      skip: (f.page - 1) * RECORDS_PAGE_SIZE,
      take: RECORDS_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        authorText: true,
        authors: true,
        year: true,
        journal: true,
        journalAbbrev: true,
        doi: true,
        pmid: true,
        duplicateGroupId: true,
        import: { select: { search: { select: { database: true } } } },
      },
    }),
    db.record.count({ where }),
    db.search.findMany({ where: { reviewId }, select: { id: true, database: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / RECORDS_PAGE_SIZE)), searches };
}

/** Every id an export of `f` covers, in the list's order: the export then reads them page by page. */
export async function recordIdsForExport(reviewId: string, f: RecordFilter): Promise<string[]> {
  const rows = await db.record.findMany({ where: recordWhere(reviewId, f), orderBy: orderBy(f), select: { id: true } });
  return rows.map((r) => r.id);
}

/** One page of an export, in the list's order; a record deleted since its id was read is skipped. */
export async function recordsForExportPage(ids: string[], f: RecordFilter) {
  return db.record.findMany({
    where: { id: { in: ids } },
    orderBy: orderBy(f),
    include: {
      import: { select: { search: { select: { database: true } } } },
      resolutions: { select: { stage: true, outcome: true, reasonId: true } },
    },
  });
}
