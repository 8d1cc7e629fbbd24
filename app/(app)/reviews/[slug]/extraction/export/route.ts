import { NextResponse } from "next/server";
import { hasCapability } from "@/lib/auth/roles";
import { routeAccess } from "@/lib/screening/http";
import { loadCharacteristicRows, loadConsensusOutcomeRows, loadLongRows, loadRawOutcomeRows } from "@/lib/extraction/data";
import { toCsv } from "@/lib/extraction/outcome-rows";
import { tablesToXlsx } from "@/lib/extraction/xlsx";

/**
 * GET ?set=consensus|raw&format=csv|long|characteristics|xlsx. The consensus is for every member;
 * raw dual extractions are what blinding hides, so only owners and adjudicators get them.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const url = new URL(request.url);
  const set = url.searchParams.get("set") ?? "consensus";
  const format = url.searchParams.get("format") ?? "csv";
  if (!["consensus", "raw"].includes(set) || !["csv", "long", "characteristics", "xlsx"].includes(format)) return NextResponse.json({ ok: false, error: "Unknown export." }, { status: 400 });
  const consensus = set === "consensus";
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  // 404 like any page a member's role does not open (requireReviewAccess).
  if (!consensus && !hasCapability(access.roles, "reconcile")) return NextResponse.json({ ok: false, error: "Not found." }, { status: 404 });
  const reviewId = access.review.id;
  const name = `${access.review.slug}-extraction-${set}`;
  const headers = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };
  if (format === "xlsx") {
    const [table, long, characteristics] = await Promise.all([consensus ? loadConsensusOutcomeRows(reviewId) : loadRawOutcomeRows(reviewId), loadLongRows(reviewId, consensus), loadCharacteristicRows(reviewId, consensus)]);
    const bytes = await tablesToXlsx([{ name: "Outcome data", table }, { name: "Long", table: long }, { name: "Characteristics", table: characteristics }]);
    return new NextResponse(new Uint8Array(bytes), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": `attachment; filename="${name}.xlsx"` } });
  }
  const table =
    format === "long" ? await loadLongRows(reviewId, consensus)
    : format === "characteristics" ? await loadCharacteristicRows(reviewId, consensus)
    : consensus ? await loadConsensusOutcomeRows(reviewId)
    : await loadRawOutcomeRows(reviewId);
  return new NextResponse(toCsv(table), { headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}${format === "csv" ? "" : `-${format}`}.csv"` } });
}
