import { NextResponse } from "next/server";
import { routeAccess } from "@/lib/screening/http";
import { storeFigureImage } from "@/lib/digitiser/image-store";
import { DomainError } from "@/lib/errors";

/**
 * POST multipart {file}: a PNG or JPEG figure to digitise, for any member (saving it into an
 * extraction is where the role is checked); returns the stored path for the save action.
 */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string; studyId: string }> }) {
  const { slug } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  let file: FormDataEntryValue | null;
  try {
    file = (await request.formData()).get("file");
  } catch {
    return NextResponse.json({ ok: false, error: "Send the image as multipart form data." }, { status: 400 });
  }
  if (!(file instanceof File)) return NextResponse.json({ ok: false, error: "Choose a PNG or JPEG image." }, { status: 400 });
  try {
    const imagePath = await storeFigureImage(access.review.id, access.user.id, new Uint8Array(await file.arrayBuffer()), file.type);
    return NextResponse.json({ ok: true, data: { imagePath } });
  } catch (error) {
    if (error instanceof DomainError) return NextResponse.json({ ok: false, error: error.message }, { status: 422 });
    throw error;
  }
}
