import type { Tx } from "@/lib/db";
import type { BibRecord } from "@/lib/formats/record";

// SQLite caps bound variables per statement; ~30 columns × 200 rows stays far below it.
const CHUNK = 200;

/** The database row for one normalised record; `raw` keeps every original tag so nothing is lost. */
export function recordRow(reviewId: string, importId: string | null, position: number, r: BibRecord) {
  return {
    reviewId,
    importId,
    position,
    title: r.title,
    abstract: r.abstract ?? "",
    authors: r.authors,
    authorText: r.authors.map((a) => a.normalized).join("; "),
    year: r.year ?? null,
    journal: r.journal ?? "",
    journalAbbrev: r.journalAbbrev ?? "",
    volume: r.volume ?? "",
    issue: r.issue ?? "",
    pages: r.pages ?? "",
    doi: r.doi ?? null,
    pmid: r.pmid ?? null,
    pmcid: r.pmcid ?? null,
    issn: r.issn ?? "",
    keywords: r.keywords,
    mesh: r.mesh,
    language: r.language ?? "",
    publicationType: r.publicationType ?? "",
    url: r.url ?? "",
    sourceDatabase: r.sourceDatabase ?? "",
    raw: r.raw,
  };
}

/** Inserts in chunks inside the caller's transaction, so an import is all or nothing. */
export async function insertRecords(tx: Tx, reviewId: string, importId: string | null, records: BibRecord[]): Promise<number> {
  for (let i = 0; i < records.length; i += CHUNK) {
    await tx.record.createMany({ data: records.slice(i, i + CHUNK).map((r, j) => recordRow(reviewId, importId, i + j, r)) });
  }
  return records.length;
}
