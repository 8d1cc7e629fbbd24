import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getStudyRating } from "@/lib/rob/data";
import { RatingForm } from "./rating-form";
import { ConsensusView } from "./consensus";

export const metadata: Metadata = { title: "Rate risk of bias" };

export default async function RateStudyPage({ params, searchParams }: { params: Promise<{ slug: string; studyId: string }>; searchParams: Promise<{ pdf?: string }> }) {
  const { slug, studyId } = await params;
  const { pdf } = await searchParams;
  const { review, user, roles } = await requireReviewAccess(slug, "view");
  const view = await getStudyRating(review.id, studyId, user.id);
  if (!view) notFound();
  const canAppraise = hasCapability(roles, "appraise");
  const canReconcile = hasCapability(roles, "reconcile");
  const shownPdf = view.pdfs.find((p) => p.recordId === pdf) ?? view.pdfs[0];
  const raters = [...(view.mine ? [{ raterId: user.id, raterName: "You", status: view.mine.status, ratings: view.mine.ratings }] : []), ...view.others];
  const keys = new Map<string, { item: string; experiment: string; label: string }>();
  const labels = Object.fromEntries(view.tool.items.map((i) => [i.id, `${i.id}. ${i.label}`]));
  for (const a of raters) for (const r of a.ratings) keys.set(`${r.item}|${r.experiment}`, { item: r.item, experiment: r.experiment, label: `${labels[r.item] ?? "Overall"}${r.experiment ? ` (${r.experiment})` : ""}` });
  const order = [...view.tool.items.map((i) => i.id), "overall"];
  const rows = [...keys.values()].sort((a, b) => order.indexOf(a.item) - order.indexOf(b.item) || a.experiment.localeCompare(b.experiment));
  return (
    <div className="space-y-3">
      <p className="text-sm"><Link className="underline" href={`/reviews/${review.slug}/risk-of-bias`}>Risk of bias</Link> › {view.study.label}</p>
      <h2 className="text-lg font-semibold">Risk of bias: {view.study.label}</h2>
      <p className="text-xs text-slate-600">{view.tool.name} · {view.settings.blinded ? (view.revealed ? "both raters have submitted: judgements are visible" : "blinded: you see the other rater's judgements once you have both submitted") : "not blinded"}</p>
      <div className="grid gap-4 xl:grid-cols-2">
        <section aria-label="Full text" className="xl:sticky xl:top-2 xl:h-[85vh]">
          {shownPdf ? (
            <>
              {view.pdfs.length > 1 ? (
                <nav aria-label="Reports" className="mb-1 flex gap-2 text-xs">
                  {view.pdfs.map((p) => <Link key={p.recordId} className="underline" href={`?pdf=${p.recordId}`}>{p.title.slice(0, 60)}</Link>)}
                </nav>
              ) : null}
              <iframe title={`Full text of ${view.study.label}`} className="h-[80vh] w-full rounded border border-slate-200" src={`/reviews/${review.slug}/screening/full-text/${shownPdf.recordId}/pdf`} />
            </>
          ) : (
            <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">No full-text PDF is stored for this study.</p>
          )}
        </section>
        <section aria-label="Your risk-of-bias assessment" className="space-y-4">
          {canAppraise && (view.mine || view.raterCount < view.settings.ratersPerStudy) ? (
            <RatingForm slug={review.slug} studyId={view.study.id} tool={view.tool} ratings={view.mine?.ratings ?? []} showOverall={view.settings.showOverall} status={view.mine?.status ?? null} />
          ) : canAppraise ? (
            <p className="text-sm text-slate-600">This study already has {view.settings.ratersPerStudy} raters.</p>
          ) : null}
          {view.revealed || !view.settings.blinded ? (
            <section aria-labelledby="comparison-heading" className="space-y-2">
              <h3 id="comparison-heading" className="font-semibold">Comparison and consensus</h3>
              <ConsensusView slug={review.slug} studyId={view.study.id} rows={rows} raters={raters} consensus={view.consensus} judgements={view.tool.judgements} canReconcile={canReconcile && view.revealed} />
            </section>
          ) : (
            <p className="text-sm text-slate-600" data-testid="rob-blinded">The comparison opens once every rater has submitted this study.</p>
          )}
        </section>
      </div>
    </div>
  );
}
