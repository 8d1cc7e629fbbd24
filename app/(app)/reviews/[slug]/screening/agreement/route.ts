import { NextResponse } from "next/server";
import { hasCapability } from "@/lib/auth/roles";
import { routeAccess } from "@/lib/screening/http";
import { getAgreement } from "@/lib/screening/agreement-data";
import { getStageContext } from "@/lib/screening/data";
import { agreementCsv } from "@/lib/screening/agreement-input";
import { stageSchema } from "@/lib/screening/schema";

/** GET ?stage=…: the agreement table as CSV, under the same blinding rule as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  const stage = stageSchema.safeParse(new URL(request.url).searchParams.get("stage") ?? "TITLE_ABSTRACT");
  if (!stage.success) return NextResponse.json({ ok: false, error: "Unknown stage." }, { status: 400 });
  const { stageSettings } = await getStageContext(access.review.id, stage.data);
  if (stageSettings.blinded && !hasCapability(access.roles, "adjudicate"))
    // 404 like any page a member's role does not open (requireReviewAccess); the page explains why.
    return NextResponse.json({ ok: false, error: "Not found." }, { status: 404 });
  const csv = agreementCsv(stage.data, await getAgreement(access.review.id, stage.data));
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${access.review.slug}-agreement-${stage.data.toLowerCase()}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
