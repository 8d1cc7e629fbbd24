import { NextResponse } from "next/server";
import { routeAccess } from "@/lib/screening/http";
import { getCurrentForm } from "@/lib/extraction/data";
import { exportFormJson } from "@/lib/extraction/templates";

/** GET: the current form as JSON, to reuse in another review (owners, who may import it there). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await routeAccess(slug, "manage");
  if (access instanceof NextResponse) return access;
  const form = await getCurrentForm(access.review.id);
  // Before a form exists the export is an empty (still importable) form.
  const definition = form?.definition ?? { name: "Untitled form", sections: [] };
  return new NextResponse(exportFormJson(definition), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${access.review.slug}-form-v${form?.version ?? 0}.json"`, "cache-control": "private, no-store" },
  });
}
