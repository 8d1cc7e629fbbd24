/**
 * The records of a detection run, read from the database in pages and kept only as comparison
 * features plus who is grouped with whom. A 100,000-record review's whole rows (abstracts,
 * keywords, author lists) are several hundred MB as Prisma objects, and a run needs them only for
 * the records it merges, which merge-groups loads batch by batch.
 */
import type { Tx } from "@/lib/db";
import { nextTurn } from "@/lib/event-loop";
import type { BibRecord } from "@/lib/formats/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toBibRecord } from "@/lib/records/to-bib-record";
import { extractFeatures, featureExtractor, type RecordFeatures } from "./features";

/** The columns extractFeatures reads (run-records.test.ts checks they give the features of the whole row). */
export const FEATURE_SELECT = {
  id: true, title: true, abstract: true, authors: true, year: true, journal: true, journalAbbrev: true, volume: true, issue: true,
  pages: true, doi: true, pmid: true, pmcid: true, issn: true, publicationType: true,
} satisfies Prisma.RecordSelect;
export type FeatureRow = Prisma.RecordGetPayload<{ select: typeof FEATURE_SELECT }>;

const asBibRecord = (row: FeatureRow) => toBibRecord({ ...row, keywords: [], mesh: [], language: "", url: "", sourceDatabase: "", raw: {} });

/** Comparison features of a stored row read with FEATURE_SELECT (or more columns). */
export function featuresOfRow(row: FeatureRow, extract: (r: BibRecord) => RecordFeatures = extractFeatures): RecordFeatures {
  return extract(asBibRecord(row));
}

export type RunRecords = {
  /** Records compared by an earlier run first, then those imported since: the order findDuplicatesInFeatures takes. */
  ids: string[];
  features: RecordFeatures[];
  /** Index of the first record not compared yet. */
  firstNew: number;
  grouping: { id: string; duplicateGroupId: string | null }[];
};

/** Rows per page: a page is read and turned into features in one go (~0.1 s), with the event loop held. */
export const LOAD_CHUNK = 1000;

/** Reads every record of the review in pages of `chunk`, keeping features, not rows. */
export async function loadRunRecords(tx: Tx, reviewId: string, onPage?: (loaded: number) => void, chunk = LOAD_CHUNK): Promise<RunRecords> {
  const old = { ids: [] as string[], features: [] as RecordFeatures[] };
  const fresh = { ids: [] as string[], features: [] as RecordFeatures[] };
  const grouping: RunRecords["grouping"] = [];
  const extract = featureExtractor();
  let cursor: string | undefined;
  for (;;) {
    const page = await tx.record.findMany({
      where: { reviewId },
      select: { ...FEATURE_SELECT, duplicateGroupId: true, dedupCheckedAt: true },
      orderBy: { id: "asc" },
      take: chunk,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const row of page) {
      const into = row.dedupCheckedAt === null ? fresh : old;
      into.ids.push(row.id);
      into.features.push(featuresOfRow(row, extract));
      grouping.push({ id: row.id, duplicateGroupId: row.duplicateGroupId });
    }
    onPage?.(grouping.length);
    if (page.length < chunk) break;
    await nextTurn();
    cursor = page[page.length - 1].id;
  }
  return { ids: old.ids.concat(fresh.ids), features: old.features.concat(fresh.features), firstNew: old.ids.length, grouping };
}
