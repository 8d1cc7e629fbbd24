import { NextResponse } from "next/server";
import { hasCapability } from "@/lib/auth/roles";
import { routeAccess } from "@/lib/screening/http";
import { getCurrentForm } from "@/lib/extraction/data";
import { exportFormJson } from "@/lib/extraction/templates";

/** GET: the current form as JSON, to reuse in another review (owners, who may import it there). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  // 404 like any page a member's role does not open (requireReviewAccess).
  if (!hasCapability(access.roles, "manage")) return NextResponse.json({ ok: false, error: "Not found." }, { status: 404 });
  const form = await getCurrentForm(access.review.id);
  // Before a form exists the export is an empty (still importable) form.
  const definition = form?.definition ?? { name: "Untitled form", sections: [] };
  return new NextResponse(exportFormJson(definition), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${access.review.slug}-form-v${form?.version ?? 0}.json"`, "cache-control": "private, no-store" },
  });
}
