import { NextResponse } from "next/server";
import { analysisDownload, authorizeDownload, type Download } from "@/lib/analyses/downloads";

export const dynamic = "force-dynamic";

function respond(request: Request, d: Download) {
  if ("status" in d) {
    if (d.status === 302) return NextResponse.redirect(new URL(d.location, request.url));
    return new NextResponse(d.message, { status: d.status });
  }
  return new NextResponse(typeof d.body === "string" ? d.body : new Uint8Array(d.body), {
    headers: { "Content-Type": d.contentType, "Content-Disposition": `attachment; filename="${d.fileName}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** A figure of the analysis (SVG, PDF, PNG/TIFF at ?dpi=300|600|1000&width=85|176), its numbers (CSV), or the reproducibility bundle. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; analysisId: string; file: string }> }) {
  const { slug, analysisId, file } = await params;
  const url = new URL(request.url);
  const access = await authorizeDownload(slug, url.pathname);
  if ("status" in access || "body" in access) return respond(request, access);
  return respond(request, await analysisDownload(access, analysisId, file, url.searchParams));
}
