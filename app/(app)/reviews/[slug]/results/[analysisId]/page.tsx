import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { RESULTS_BLINDED_MESSAGE } from "@/lib/analyses/blinding";
import { sieveMetaCommand } from "@/lib/analyses/bundle";
import { loadAnalysisPage } from "@/lib/analyses/page-data";
import { RATIO_MEASURES, type AnalysisMeasure } from "@/lib/analyses/schema";
import { formatRevManP } from "@/lib/stats/revman-text";
import { AnalysisDefinitionForm, DeleteAnalysisButton, GradeForm } from "../analysis-forms";
import { SofTable } from "../sof-table";
import { ExportLinks } from "./export-links";

export const metadata: Metadata = { title: "Analysis" };

function Figure({ svg, name, label }: { svg?: string; name: string; label: string }) {
  if (!svg) return null;
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2" data-testid={`figure-${name}`} aria-label={label}>
      {/* Our own SVG builders escape every text they write (lib/charts/svg-text.ts). */}
      <div className="[&>svg]:h-auto [&>svg]:max-w-full" dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
  );
}

export default async function AnalysisPage({ params }: { params: Promise<{ slug: string; analysisId: string }> }) {
  const { slug, analysisId } = await params;
  const { review, roles, user } = await requireReviewAccess(slug, "view");
  const page = await loadAnalysisPage(review.id, analysisId, { id: user.id, roles });
  if (page.hidden) return <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="results-blinded">{RESULTS_BLINDED_MESSAGE}</p>;
  if (!page.analysis) notFound();
  const { analysis, computed, figures, sof } = page;
  const def = analysis.definition;
  const canManage = hasCapability(roles, "manage");
  const base = `/reviews/${review.slug}/results/${analysis.id}`;
  const show = (x: number) => (RATIO_MEASURES.includes(def.measure as AnalysisMeasure) ? Math.exp(x) : x);
  const ci = (e: number, lo: number, hi: number) => `${show(e).toFixed(2)} [${show(lo).toFixed(2)}, ${show(hi).toFixed(2)}]`;

  return (
    <section className="space-y-6" aria-labelledby="analysis-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <p className="text-sm"><Link href={`/reviews/${review.slug}/results`} className="text-brand-800 underline">Results</Link></p>
          <h2 id="analysis-heading" className="text-lg font-semibold">{def.name}</h2>
          <p className="text-sm text-slate-600">
            {def.outcome}{def.timepoint ? ` at ${def.timepoint}` : ""}; {def.measure}, {def.method}{def.options.test === "knha" ? " with Hartung-Knapp" : ""}
            {def.options.timepointRule === "combine" ? "; each study's rows combined first" : ""}
          </p>
          <p className="text-xs text-slate-600" data-testid="last-changed">
            Last changed {computed.snapshotAt ? new Date(computed.snapshotAt).toISOString().slice(0, 16).replace("T", " ") : "—"} UTC{computed.snapshot.changes.length ? `: ${computed.snapshot.changes.join(" ")}` : ""}
          </p>
        </div>
        {computed.ok ? (
          <nav aria-label="Reproduce" className="flex flex-wrap gap-2 text-sm">
            <a href={`${base}/export/bundle.zip`} download className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">Download reproducibility bundle (zip)</a>
          </nav>
        ) : null}
      </div>

      {!computed.ok ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">This analysis cannot run on the current consensus data: {computed.error}</p>
      ) : (
        <>
          <div className="space-y-2">
            <ExportLinks base={base} figure="forest" />
            <Figure svg={figures.forest} name="forest" label="Forest plot" />
            <p className="text-xs text-slate-600">Reproduce: <code data-testid="meta-command">{sieveMetaCommand(computed.pipeline, def)}</code></p>
          </div>

          {computed.pipeline.dropped.length ? (
            <div>
              <h3 className="font-medium">Studies not analysed</h3>
              <ul className="list-disc pl-5 text-sm" data-testid="dropped-studies">
                {computed.pipeline.dropped.map((d) => <li key={`${d.study}-${d.row}`}>{d.study}: {d.reason}</li>)}
              </ul>
            </div>
          ) : null}
          {computed.pipeline.conversions.length ? <p className="text-sm text-slate-600">{computed.pipeline.conversions.length} arm(s) converted to mean and SD (median/IQR, SE or CI); the bundle&apos;s results.json lists each method.</p> : null}

          {computed.pipeline.result.subgroupTest ? (
            <p className="text-sm" data-testid="subgroup-test">
              Test for subgroup differences ({computed.pipeline.subgroupField}): Chi² = {computed.pipeline.result.subgroupTest.Q.toFixed(2)}, df = {computed.pipeline.result.subgroupTest.df} (P {formatRevManP(computed.pipeline.result.subgroupTest.pValue)})
              {def.options.bonferroni ? `; Bonferroni-adjusted threshold ${(0.05 / def.options.bonferroni).toPrecision(2)} across ${def.options.bonferroni} stratifications: ${computed.pipeline.result.subgroupTest.pValue < 0.05 / def.options.bonferroni ? "significant" : "not significant"}` : ""}
            </p>
          ) : null}

          <details className="rounded-lg border border-slate-200 bg-white p-3" open>
            <summary className="cursor-pointer font-medium">Sensitivity analyses</summary>
            <table className="mt-2 min-w-full text-sm" data-testid="sensitivity-table">
              <thead className="text-left"><tr>{["Analysis", "k", "Estimate [95% CI]", "τ²", "I²"].map((h) => <th key={h} scope="col" className="px-2 py-1 font-medium">{h}</th>)}</tr></thead>
              <tbody>
                {computed.sensitivity.rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="px-2 py-1">{r.label}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{r.k}</td>
                    <td className="px-2 py-1 tabular-nums">{r.estimate === undefined ? r.note : ci(r.estimate, r.ciLower!, r.ciUpper!)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{r.tau2 === undefined ? "—" : r.tau2.toFixed(3)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{r.I2 === undefined ? "—" : `${r.I2.toFixed(0)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>

          <details className="rounded-lg border border-slate-200 bg-white p-3" data-testid="leave1out">
            <summary className="cursor-pointer font-medium">Leave-one-out</summary>
            <div className="mt-2 grid gap-4 xl:grid-cols-2">
              <table className="text-sm" data-testid="leave1out-table">
                <thead className="text-left"><tr>{["Omitted", "Estimate [95% CI]", "I²"].map((h) => <th key={h} scope="col" className="px-2 py-1 font-medium">{h}</th>)}</tr></thead>
                <tbody>
                  {(computed.pipeline.result.leave1out ?? []).map((l) => (
                    <tr key={l.omitted} className="border-t border-slate-100"><td className="px-2 py-1">{l.omitted}</td><td className="px-2 py-1 tabular-nums">{ci(l.estimate, l.ciLower, l.ciUpper)}</td><td className="px-2 py-1 text-right tabular-nums">{l.I2.toFixed(0)}%</td></tr>
                  ))}
                </tbody>
              </table>
              <div className="space-y-2"><ExportLinks base={base} figure="leave1out" /><Figure svg={figures.leave1out} name="leave1out" label="Leave-one-out plot" /></div>
            </div>
          </details>

          <details className="rounded-lg border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-medium">Cumulative meta-analysis by year</summary>
            {computed.sensitivity.cumulativeNote ? <p className="text-sm text-slate-600">{computed.sensitivity.cumulativeNote}</p> : null}
            <ExportLinks base={base} figure="cumulative" />
            <Figure svg={figures.cumulative} name="cumulative" label="Cumulative meta-analysis" />
          </details>

          <details className="rounded-lg border border-slate-200 bg-white p-3" open>
            <summary className="cursor-pointer font-medium">Publication bias</summary>
            {computed.pipeline.result.k < 10 ? (
              <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="funnel-caution">
                Only {computed.pipeline.result.k} studies. As a rule of thumb, tests for funnel plot asymmetry should be used only when there are at least 10 studies; with fewer, their power is too low to distinguish chance from real asymmetry (Cochrane Handbook, section 13.3.5.4).
              </p>
            ) : null}
            <ul className="mt-2 text-sm">
              {computed.pipeline.result.egger ? <li>Egger&apos;s test: intercept {computed.pipeline.result.egger.intercept.toFixed(3)}, t = {computed.pipeline.result.egger.statistic.toFixed(2)}, df = {computed.pipeline.result.egger.df}, P = {computed.pipeline.result.egger.pValue.toFixed(3)}</li> : null}
              {computed.pipeline.result.begg ? <li>Begg&apos;s test: Kendall&apos;s τ = {computed.pipeline.result.begg.tau.toFixed(3)}, P = {computed.pipeline.result.begg.pValue.toFixed(3)}</li> : null}
              {computed.pipeline.result.trimfill ? <li>Trim-and-fill: {computed.pipeline.result.trimfill.k0} studies filled on the {computed.pipeline.result.trimfill.side}; adjusted {ci(computed.pipeline.result.trimfill.estimate, computed.pipeline.result.trimfill.ciLower, computed.pipeline.result.trimfill.ciUpper)} (hollow points)</li> : null}
            </ul>
            <ExportLinks base={base} figure="funnel" />
            <Figure svg={figures.funnel} name="funnel" label="Funnel plot" />
          </details>

          {computed.pipeline.regression ? (
            <details className="rounded-lg border border-slate-200 bg-white p-3" open>
              <summary className="cursor-pointer font-medium">Meta-regression on {computed.pipeline.regression.log10 ? "log10 " : ""}{computed.pipeline.regression.field}</summary>
              <p className="text-sm" data-testid="regression">
                Slope {computed.pipeline.regression.fit.slope.toFixed(4)} [{computed.pipeline.regression.slopeCi[0].toFixed(4)}, {computed.pipeline.regression.slopeCi[1].toFixed(4)}], P {formatRevManP(computed.pipeline.regression.fit.slopePValue)}; k = {computed.pipeline.regression.k}
                {computed.pipeline.regression.missing.length ? `; without a value: ${computed.pipeline.regression.missing.join(", ")}` : ""}
              </p>
              <ExportLinks base={base} figure="bubble" />
              <Figure svg={figures.bubble} name="bubble" label="Bubble plot" />
            </details>
          ) : def.options.moderator ? <p className="text-sm text-slate-600">Meta-regression needs at least 3 studies with a numeric {def.options.moderator}.</p> : null}

          {sof ? (
            <div className="space-y-2">
              <SofTable rows={[{ ...sof, name: def.name, grade: analysis.grade }]} />
              {canManage ? <GradeForm slug={review.slug} analysisId={analysis.id} grade={analysis.grade} /> : null}
            </div>
          ) : null}
        </>
      )}

      {canManage ? (
        <div className="space-y-2">
          <AnalysisDefinitionForm slug={review.slug} analysisId={analysis.id} initial={def} choices={page.choices} />
          <DeleteAnalysisButton slug={review.slug} analysisId={analysis.id} />
        </div>
      ) : null}
    </section>
  );
}
