import { NextResponse } from "next/server";
import { DomainError } from "@/lib/errors";
import { routeAccess } from "@/lib/screening/http";
import { attachPdf } from "@/lib/screening/pdf-store";
import { MAX_PDF_BYTES } from "@/lib/screening/schema";
import { isFullTextCandidate } from "@/lib/screening/data";

/**
 * POST multipart {file}: attach a record's full-text PDF (reviewers and owners). Under /api so
 * the proxy, which buffers bodies, never sees a 50 MB upload. Size, declared type and the %PDF
 * magic number are all checked before anything is written.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string; recordId: string }> }) {
  const { slug, recordId } = await params;
  const access = await routeAccess(slug, "retrieve");
  if (access instanceof NextResponse) return access;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_PDF_BYTES + 64 * 1024) return NextResponse.json({ ok: false, error: "The PDF is larger than 50 MB." }, { status: 413 });
  if (!(await isFullTextCandidate(access.review.id, recordId))) return NextResponse.json({ ok: false, error: "Only records included at title/abstract need a full text." }, { status: 404 });
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return NextResponse.json({ ok: false, error: "Send the PDF as multipart form data." }, { status: 400 });
  }
  if (!(file instanceof File)) return NextResponse.json({ ok: false, error: "Choose a PDF file." }, { status: 400 });
  try {
    await attachPdf(access.user.id, access.review.id, recordId, new Uint8Array(await file.arrayBuffer()), file.type);
    return NextResponse.json({ ok: true });
  } catch (error) {
    if (error instanceof DomainError) return NextResponse.json({ ok: false, error: error.message }, { status: 422 });
    throw error;
  }
}
