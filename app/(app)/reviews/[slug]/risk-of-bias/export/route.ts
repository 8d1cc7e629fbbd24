import { NextResponse } from "next/server";
import { routeAccess } from "@/lib/screening/http";
import { getRobAgreement, getRobSetup, listConsensusJudgements } from "@/lib/rob/data";
import { agreementCsv } from "@/lib/rob/agreement";
import { buildRobPlots, robvisCsv } from "@/lib/rob/export";
import { svgToPng } from "@/lib/flow/export";

const FORMATS = ["csv", "agreement", "traffic-light.svg", "traffic-light.png", "summary.svg", "summary.png"] as const;

/**
 * GET ?format=…: the robvis-ready CSV, the agreement CSV, or a plot as SVG or PNG (palette
 * cochrane or colourblind; page=N for a traffic-light page of 40 studies, else all in one).
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const access = await routeAccess(slug, "view");
  if (access instanceof NextResponse) return access;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!(FORMATS as readonly string[]).includes(format)) return NextResponse.json({ ok: false, error: `format must be one of ${FORMATS.join(", ")}.` }, { status: 400 });
  const palette = url.searchParams.get("palette") === "colourblind" ? "colourblind" : "cochrane";
  const file = `risk-of-bias-${access.review.slug}`;
  const send = (body: string | Uint8Array, type: string, name: string) =>
    new NextResponse(typeof body === "string" ? body : new Uint8Array(body), { headers: { "content-type": type, "content-disposition": `attachment; filename="${name}"`, "cache-control": "private, no-store" } });
  if (format === "agreement") return send(agreementCsv(await getRobAgreement(access.review.id)), "text/csv; charset=utf-8", `${file}-agreement.csv`);
  const [{ tool, settings }, studies] = await Promise.all([getRobSetup(access.review.id), listConsensusJudgements(access.review.id)]);
  if (format === "csv") return send(robvisCsv(tool, studies, settings), "text/csv; charset=utf-8", `${file}.csv`);
  const page = Number(url.searchParams.get("page") ?? 0);
  const plots = buildRobPlots(tool, studies, { palette, showOverall: settings.showOverall, perPage: page > 0 ? 40 : Math.max(1, studies.length) });
  const [plot, kind] = format.split(".") as ["traffic-light" | "summary", "svg" | "png"];
  const svg = plot === "summary" ? plots.summary : (plots.trafficLight[Math.max(0, page - 1)] ?? plots.trafficLight[0]);
  if (kind === "svg") return new NextResponse(svg, { headers: { "content-type": "image/svg+xml; charset=utf-8", "content-disposition": `inline; filename="${file}-${plot}.svg"`, "cache-control": "private, no-store" } });
  return send(svgToPng(svg), "image/png", `${file}-${plot}.png`);
}
