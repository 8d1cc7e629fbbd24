import { NextResponse } from "next/server";
import { authorizeDownload } from "@/lib/analyses/downloads";
import { summaryDownload } from "@/lib/analyses/summary-download";

export const dynamic = "force-dynamic";

/** The summary table across outcomes as CSV or XLSX. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; format: string }> }) {
  const { slug, format } = await params;
  const access = await authorizeDownload(slug, new URL(request.url).pathname);
  if ("status" in access) return access.status === 302 ? NextResponse.redirect(new URL(access.location, request.url)) : new NextResponse(access.message, { status: access.status });
  if ("body" in access) return new NextResponse("Not found", { status: 404 });
  if (format !== "csv" && format !== "xlsx") return new NextResponse("Not found", { status: 404 });
  const d = await summaryDownload(access, format);
  return new NextResponse(typeof d.body === "string" ? d.body : new Uint8Array(d.body), {
    headers: { "Content-Type": d.contentType, "Content-Disposition": `attachment; filename="${d.fileName}"`, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
