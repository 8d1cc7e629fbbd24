import { db } from "@/lib/db";
import { nextTurn } from "@/lib/event-loop";
import { csvHeader, csvRows, type CsvColumn } from "@/lib/formats/write-csv";
import { writeRis } from "@/lib/formats/write-ris";
import { recordIdsForExport, recordsForExportPage } from "@/lib/records/data";
import type { RecordFilter } from "@/lib/records/schema";
import { toBibRecord } from "@/lib/records/to-bib-record";

export type ExportFormat = "ris" | "csv";
type ExportRow = Awaited<ReturnType<typeof recordsForExportPage>>[number];

/** Pages of 500 (under SQLite's 999 bound parameters for the id list) keep a 100,000-record export at a few MB of rows, and give other requests a turn between pages. */
export const EXPORT_PAGE_SIZE = 500;

/** Sieve's own columns after the bibliographic ones: settled outcomes only, never a reviewer's vote. */
function sieveColumns(rows: ExportRow[], reasons: Map<string, string>): CsvColumn[] {
  const outcome = (i: number, stage: string) => rows[i].resolutions.find((r) => r.stage === stage);
  return [
    { header: "sieve_id", value: (_r, i) => rows[i].id },
    { header: "search", value: (_r, i) => rows[i].import?.search.database ?? "" },
    { header: "duplicate", value: (_r, i) => (rows[i].isDuplicate ? "yes" : "") },
    { header: "title_abstract", value: (_r, i) => outcome(i, "TITLE_ABSTRACT")?.outcome ?? "" },
    { header: "full_text", value: (_r, i) => outcome(i, "FULL_TEXT")?.outcome ?? "" },
    {
      header: "exclusion_reason",
      value: (_r, i) => {
        const fullText = outcome(i, "FULL_TEXT");
        const excluded = fullText?.outcome === "EXCLUDE" ? fullText : outcome(i, "TITLE_ABSTRACT");
        return excluded?.outcome === "EXCLUDE" && excluded.reasonId ? (reasons.get(excluded.reasonId) ?? "") : "";
      },
    },
  ];
}

/**
 * The export of `filter` as pieces of text, one page of records each (the CSV header first).
 * Only the ids are read up front; without a transaction spanning the pages (the reader is one
 * shared connection), a record deleted while the export runs is left out rather than failing it.
 */
export async function* exportPieces(reviewId: string, filter: RecordFilter, format: ExportFormat, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<string> {
  const ids = await recordIdsForExport(reviewId, filter);
  const reasons = new Map((await db.exclusionReason.findMany({ where: { reviewId } })).map((r) => [r.id, r.label]));
  if (format === "csv") yield csvHeader({ extraColumns: sieveColumns([], reasons) });
  for (let start = 0; start < ids.length; start += pageSize) {
    if (start > 0) await nextTurn();
    const page = await recordsForExportPage(ids.slice(start, start + pageSize), filter);
    const records = page.map(toBibRecord);
    yield format === "ris" ? writeRis(records) : csvRows(records, { extraColumns: sieveColumns(page, reasons) });
  }
}

/** The same pieces as a byte stream for a Response: a page is read only when the client takes the last one. */
export function exportStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}
