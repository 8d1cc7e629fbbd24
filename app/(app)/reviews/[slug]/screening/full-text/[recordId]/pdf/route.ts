import { NextResponse } from "next/server";
import { routeAccess } from "@/lib/screening/http";
import { readStoredFile } from "@/lib/screening/pdf-store";
import { getFullTextFile } from "@/lib/screening/data";

/** GET: a record's full-text PDF, for members of its review only (the file is never served statically). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string; recordId: string }> }) {
  const { slug, recordId } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  const filePath = await getFullTextFile(access.review.id, recordId);
  if (!filePath) return NextResponse.json({ ok: false, error: "Not found." }, { status: 404 });
  const bytes = await readStoredFile(filePath);
  return new NextResponse(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="full-text-${recordId.replace(/\W/g, "")}.pdf"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
