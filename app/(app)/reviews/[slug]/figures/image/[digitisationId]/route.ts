import { NextResponse } from "next/server";
import { routeAccess } from "@/lib/screening/http";
import { readStoredFile } from "@/lib/screening/pdf-store";
import { getVisibleDigitisation } from "@/lib/digitiser/data";

/** GET: the uploaded figure image of a digitisation, for those its blinding lets see it. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; digitisationId: string }> }) {
  const { slug, digitisationId } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  const row = await getVisibleDigitisation(access.review.id, digitisationId, access.user.id, access.roles);
  if (!row?.imagePath) return NextResponse.json({ ok: false, error: "Not found." }, { status: 404 });
  const bytes = await readStoredFile(row.imagePath);
  return new NextResponse(new Uint8Array(bytes), {
    headers: { "content-type": row.imagePath.endsWith(".png") ? "image/png" : "image/jpeg", "cache-control": "private, no-store", "x-content-type-options": "nosniff" },
  });
}
