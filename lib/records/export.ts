import "server-only";
import { db } from "@/lib/db";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview } from "@/lib/auth/authorize";
import { writeCsv } from "@/lib/formats/write-csv";
import { writeRis } from "@/lib/formats/write-ris";
import { recordsForExport } from "@/lib/records/data";
import { exportSchema } from "@/lib/records/schema";
import { toBibRecord } from "@/lib/records/to-bib-record";

/**
 * GET /reviews/[slug]/records/export?format=ris|csv&set=…: any record set the list can show.
 * Exports carry only settled outcomes (resolutions), never an individual reviewer's vote, so
 * they cannot break blinding.
 */
export async function handleRecordsExport(request: Request, slug: string): Promise<Response> {
  const user = await getCurrentUser();
  const access = user ? await authorizeReview(user, slug, "view") : "not-found";
  if (typeof access === "string") return new Response("Not found.", { status: 404 });
  const parsed = exportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Choose format=ris or format=csv.", { status: 400 });
  const { format, ...filter } = parsed.data;
  const rows = await recordsForExport(access.review.id, filter);
  const reasons = new Map((await db.exclusionReason.findMany({ where: { reviewId: access.review.id } })).map((r) => [r.id, r.label]));
  const records = rows.map(toBibRecord);
  const name = `${access.review.slug}-${filter.set}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${name}"` };
  if (format === "ris") return new Response(writeRis(records), { headers: { ...headers, "content-type": "application/x-research-info-systems; charset=utf-8" } });
  const outcome = (i: number, stage: string) => rows[i].resolutions.find((r) => r.stage === stage);
  const csv = writeCsv(records, {
    extraColumns: [
      { header: "sieve_id", value: (_r, i) => rows[i].id },
      { header: "search", value: (_r, i) => rows[i].import?.search.database ?? "" },
      { header: "duplicate", value: (_r, i) => (rows[i].isDuplicate ? "yes" : "") },
      { header: "title_abstract", value: (_r, i) => outcome(i, "TITLE_ABSTRACT")?.outcome ?? "" },
      { header: "full_text", value: (_r, i) => outcome(i, "FULL_TEXT")?.outcome ?? "" },
      {
        header: "exclusion_reason",
        value: (_r, i) => {
          const excluded = outcome(i, "FULL_TEXT")?.outcome === "EXCLUDE" ? outcome(i, "FULL_TEXT") : outcome(i, "TITLE_ABSTRACT");
          return excluded?.outcome === "EXCLUDE" && excluded.reasonId ? (reasons.get(excluded.reasonId) ?? "") : "";
        },
      },
    ],
  });
  return new Response(csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
