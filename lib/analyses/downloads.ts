import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { authorizeReview, type ReviewAccess } from "@/lib/auth/authorize";
import { buildBundle, bundleFileName } from "./bundle";
import { computeAnalysis } from "./compute";
import { areResultsHidden, findAnalysis } from "./data";
import { exportFigure, FIGURE_CONTENT_TYPES, FIGURE_DPIS, FIGURE_WIDTHS_MM, type FigureDpi, type FigureFormat, type FigureWidthMm } from "@/lib/charts/figure-export";
import { figureCsv, FIGURES, renderAnalysisFigure, type FigureKind } from "./figures";
import { listOutcomes } from "@/lib/extraction/data";

const CONTENT_TYPES = { ...FIGURE_CONTENT_TYPES, csv: "text/csv; charset=utf-8", zip: "application/zip" };

export type Download = { body: string | Buffer; contentType: string; fileName: string } | { status: 302; location: string } | { status: 404 | 409; message: string };

/** Signed out → sign-in; non-member, unknown analysis or results hidden by blinding → 404 (route handlers check themselves). */
export async function authorizeDownload(slug: string, path: string): Promise<ReviewAccess | Download> {
  const user = await getCurrentUser();
  if (!user) return { status: 302, location: `/sign-in?callbackUrl=${encodeURIComponent(path)}` };
  const access = await authorizeReview(user, slug, "view");
  if (typeof access === "string" || (await areResultsHidden(access.review.id, access.roles))) return { status: 404, message: "Not found" };
  return access;
}

/** `forest.svg`, `funnel.png?dpi=600&width=85`, `leave1out.csv`, `bundle.zip`… */
export async function analysisDownload(access: ReviewAccess, analysisId: string, file: string, query: URLSearchParams): Promise<Download> {
  const analysis = await findAnalysis(access.review.id, analysisId);
  const match = /^([a-z0-9]+)\.(svg|pdf|png|tiff|csv|zip)$/.exec(file);
  if (!analysis || !match) return { status: 404, message: "Not found" };
  const [, name, ext] = match;
  const computed = await computeAnalysis(access.review.id, analysis, access.user.id);
  if (!computed.ok) return { status: 409, message: computed.error };
  const def = analysis.definition;
  const stem = `${access.review.slug}-${def.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  if (name === "bundle" && ext === "zip") {
    return { body: await buildBundle(computed.pipeline, def, { review: access.review.slug, generatedAt: new Date() }), contentType: CONTENT_TYPES.zip, fileName: bundleFileName(def.name) };
  }
  if (!(FIGURES as readonly string[]).includes(name) || ext === "zip" || (name === "bubble" && !computed.pipeline.regression)) return { status: 404, message: "Not found" };
  const kind = name as FigureKind;
  if (ext === "csv") return { body: figureCsv(kind, computed.pipeline, computed.sensitivity), contentType: CONTENT_TYPES.csv, fileName: `${stem}-${kind}.csv` };
  const format = (query.get("format") === "tiff" ? "tiff" : ext) as FigureFormat;
  const dpi = Number(query.get("dpi") ?? 300);
  const widthMm = Number(query.get("width") ?? 176);
  if (!(FIGURE_DPIS as readonly number[]).includes(dpi) || !(FIGURE_WIDTHS_MM as readonly number[]).includes(widthMm)) return { status: 404, message: "Not found" };
  const outcome = (await listOutcomes(access.review.id)).find((o) => o.name === def.outcome);
  const svg = renderAnalysisFigure(kind, computed.pipeline, def, computed.sensitivity, outcome?.direction === "LOWER_IS_BETTER" ? "lower" : "higher");
  const body = await exportFigure(svg, { format, dpi: dpi as FigureDpi, widthMm: widthMm as FigureWidthMm, title: `${def.name}: ${kind}` });
  const size = format === "png" || format === "tiff" ? `-${widthMm}mm-${dpi}dpi` : "";
  return { body, contentType: CONTENT_TYPES[format], fileName: `${stem}-${kind}${size}.${format === "tiff" ? "tiff" : format}` };
}
