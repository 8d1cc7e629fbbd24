import { NextResponse } from "next/server";
import { authorizeReview } from "@/lib/auth/authorize";
import { getCurrentUser } from "@/lib/auth/session";
import { renderPrismaFlow } from "@/lib/charts/prisma-flow";
import { getReviewFlow } from "@/lib/flow/data";
import { svgToPdf, svgToPng } from "@/lib/flow/export";
import { flowToPrismaCsv } from "@/lib/flow/prisma-csv";

export const dynamic = "force-dynamic";

const TYPES = { svg: "image/svg+xml; charset=utf-8", png: "image/png", pdf: "application/pdf", csv: "text/csv; charset=utf-8" } as const;
type Format = keyof typeof TYPES;

/**
 * The diagram as a file for the manuscript. A route handler is outside the page layout's access
 * check, so it checks itself: signed out → sign-in, non-member → 404 (never revealing the review).
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string; format: string }> }) {
  const { slug, format } = await params;
  const user = await getCurrentUser();
  if (!user) return NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(new URL(request.url).pathname)}`, request.url));
  const access = await authorizeReview(user, slug, "view");
  if (typeof access === "string" || !(format in TYPES)) return new NextResponse("Not found", { status: 404 });

  const { flow } = await getReviewFlow(access.review.id, access.review.slug);
  const name = `prisma-flow-${access.review.slug}.${format}`;
  let body: string | Buffer;
  if (format === "csv") body = flowToPrismaCsv(flow);
  else {
    const svg = renderPrismaFlow(flow);
    body = format === "png" ? svgToPng(svg) : format === "pdf" ? await svgToPdf(svg, { title: `PRISMA 2020 flow diagram: ${access.review.title}` }) : `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
  }
  return new NextResponse(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": TYPES[format as Format],
      "Content-Disposition": `inline; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
