import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview } from "@/lib/auth/authorize";
import { exportPieces, exportStream } from "@/lib/records/export-pages";
import { exportSchema } from "@/lib/records/schema";

/**
 * GET /reviews/[slug]/records/export?format=ris|csv&set=…: any record set the list can show.
 * Exports carry only settled outcomes (resolutions), never an individual reviewer's vote, so
 * they cannot break blinding. The file is streamed a page of records at a time (export-pages.ts).
 */
export async function handleRecordsExport(request: Request, slug: string): Promise<Response> {
  const user = await getCurrentUser();
  const access = user ? await authorizeReview(user, slug, "view") : "not-found";
  if (typeof access === "string") return new Response("Not found.", { status: 404 });
  const parsed = exportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Choose format=ris or format=csv.", { status: 400 });
  const { format, ...filter } = parsed.data;
  const name = `${access.review.slug}-${filter.set}.${format}`;
  const type = format === "ris" ? "application/x-research-info-systems" : "text/csv";
  return new Response(exportStream(exportPieces(access.review.id, filter, format)), {
    headers: { "content-disposition": `attachment; filename="${name}"`, "content-type": `${type}; charset=utf-8` },
  });
}
