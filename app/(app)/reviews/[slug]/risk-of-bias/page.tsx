import type { Metadata } from "next";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getRobAgreement, getRobGrid } from "@/lib/rob/data";
import { ProgressBar } from "@/app/components/progress-bar";
import { RobGrid } from "./grid";
import { RobAgreementTable } from "./agreement-table";
import { RobSettingsForm } from "./owner-forms";

export const metadata: Metadata = { title: "Risk of bias" };

export default async function RiskOfBiasPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, user, roles } = await requireReviewAccess(slug, "view");
  const [grid, agreement] = await Promise.all([getRobGrid(review.id, user.id), getRobAgreement(review.id)]);
  const base = `/reviews/${review.slug}/risk-of-bias`;
  const settled = grid.rows.filter((r) => r.consensus.length > 0).length;
  const labels = Object.fromEntries(grid.tool.items.map((i) => [i.id, i.label]));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Risk of bias: {grid.tool.name}</h2>
        <p className="text-xs text-slate-600">
          {grid.settings.ratersPerStudy === 2 ? "Two raters per study" : "One rater per study"} · {grid.settings.blinded ? "blinded until both raters submit" : "not blinded"} · {grid.tool.citation}
        </p>
      </div>
      <section aria-labelledby="rob-progress" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="rob-progress" className="font-semibold">Progress</h3>
        <ProgressBar done={settled} total={grid.studyCount} label="Studies with a consensus" />
        <p className="text-xs text-slate-600">{settled} of {grid.studyCount} studies with a consensus</p>
        <ul className="text-sm" data-testid="rob-progress">
          {grid.progress.map((p) => <li key={p.raterId}>{p.name}: {p.submitted} submitted, {p.inProgress} in progress, of {grid.studyCount}</li>)}
        </ul>
      </section>
      <section aria-labelledby="rob-grid-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="rob-grid-heading" className="font-semibold">Studies × items</h3>
        <RobGrid slug={review.slug} items={grid.tool.items} rows={grid.rows} viewerId={user.id} showOverall={grid.settings.showOverall} canAppraise={hasCapability(roles, "appraise")} />
      </section>
      <section aria-labelledby="rob-agreement-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex items-baseline justify-between">
          <h3 id="rob-agreement-heading" className="font-semibold">Agreement between raters</h3>
          <a className="text-sm underline" href={`${base}/export?format=agreement`}>Agreement CSV</a>
        </div>
        <p className="text-xs text-slate-600">Cohen&apos;s kappa on first independent judgements of studies both raters submitted; overall pools every item judgement into one table. Weighted kappa: quadratic weights on low &lt; unclear &lt; high.</p>
        <RobAgreementTable agreement={agreement} labels={labels} />
      </section>
      <section aria-labelledby="rob-plots-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="rob-plots-heading" className="font-semibold">Plots of the consensus judgements</h3>
        {settled === 0 ? (
          <p className="text-sm text-slate-600">The plots appear once studies have a consensus.</p>
        ) : (
          <div className="grid gap-4 xl:grid-cols-2">
            {(["traffic-light", "summary"] as const).map((plot) => (
              <figure key={plot} className="space-y-1">
                {/* eslint-disable-next-line @next/next/no-img-element -- the SVG comes from our own export route */}
                <img src={`${base}/export?format=${plot}.svg`} alt={plot === "traffic-light" ? "Traffic-light plot of the consensus judgements" : "Summary bar plot of the consensus judgements"} className="max-w-full" data-testid={`rob-${plot}`} />
                <figcaption className="flex flex-wrap gap-3 text-sm">
                  <a className="underline" href={`${base}/export?format=${plot}.svg`} download>SVG</a>
                  <a className="underline" href={`${base}/export?format=${plot}.png`} download>PNG</a>
                  <a className="underline" href={`${base}/export?format=${plot}.png&palette=colourblind`} download>PNG (colour-blind safe)</a>
                </figcaption>
              </figure>
            ))}
          </div>
        )}
        {settled > 40 ? (
          <p className="flex flex-wrap gap-3 text-sm">
            Traffic-light plot in pages of 40 studies:
            {Array.from({ length: Math.ceil(settled / 40) }, (_, i) => (
              <span key={i}>
                page {i + 1} <a className="underline" href={`${base}/export?format=traffic-light.svg&page=${i + 1}`} download>SVG</a>{" "}
                <a className="underline" href={`${base}/export?format=traffic-light.png&page=${i + 1}`} download>PNG</a>
              </span>
            ))}
          </p>
        ) : null}
        <a className="text-sm underline" href={`${base}/export?format=csv`}>robvis-ready CSV</a>
      </section>
      {hasCapability(roles, "manage") ? (
        <section aria-labelledby="rob-settings-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="rob-settings-heading" className="font-semibold">Tool and settings</h3>
          <RobSettingsForm slug={review.slug} settings={grid.settings} toolLocked={grid.ratedStudies > 0} />
        </section>
      ) : null}
    </div>
  );
}
