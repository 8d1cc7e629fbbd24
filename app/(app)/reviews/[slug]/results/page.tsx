import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { RESULTS_BLINDED_MESSAGE } from "@/lib/analyses/blinding";
import { loadResultsOverview } from "@/lib/analyses/page-data";
import { AnalysisDefinitionForm } from "./analysis-forms";
import { SofTable } from "./sof-table";

export const metadata: Metadata = { title: "Results" };

const f2 = (x: number | null) => (x === null ? "—" : x.toFixed(2));

export default async function ResultsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles, user } = await requireReviewAccess(slug, "view");
  const data = await loadResultsOverview(review.id, { id: user.id, roles });
  const base = `/reviews/${review.slug}/results`;
  if (data.hidden) {
    return (
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="text-lg font-semibold">Results</h2>
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="results-blinded">{RESULTS_BLINDED_MESSAGE}</p>
      </section>
    );
  }
  const canManage = hasCapability(roles, "manage");
  return (
    <section className="space-y-6" aria-labelledby="results-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h2 id="results-heading" className="text-lg font-semibold">Results</h2>
          <p className="text-sm text-slate-600">Every analysis is recomputed from the consensus extraction and risk of bias each time it is shown.</p>
        </div>
        <nav aria-label="Export the summary table" className="flex gap-2 text-sm">
          <a href={`${base}/summary/csv`} download className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">Summary CSV</a>
          <a href={`${base}/summary/xlsx`} download className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">Summary XLSX</a>
        </nav>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="summary-table">
          <caption className="sr-only">Summary of the analyses across outcomes</caption>
          <thead className="bg-slate-50 text-left">
            <tr>{["Analysis", "Outcome", "k", "Pooled effect [95% CI]", "I²", "τ²", "Egger p", "Model", "Last changed"].map((h) => <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>)}</tr>
          </thead>
          <tbody>
            {data.summary.map((row, i) => {
              const a = data.analyses[i];
              return (
                <tr key={a.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2"><Link href={`${base}/${a.id}`} className="text-brand-800 underline">{row.analysis}</Link></td>
                  <td className="px-3 py-2">{row.outcome}{row.timepoint ? ` (${row.timepoint})` : ""}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.k ?? "—"}</td>
                  <td className="px-3 py-2 tabular-nums">{row.k === null ? <span className="text-red-800">{row.note}</span> : `${row.measure} ${f2(row.estimate)} [${f2(row.ciLower)}, ${f2(row.ciUpper)}]`}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.I2 === null ? "—" : `${row.I2.toFixed(0)}%`}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{f2(row.tau2)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.eggerP === null ? "—" : row.eggerP.toFixed(3)}</td>
                  <td className="px-3 py-2">{row.model}</td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {a.snapshotAt ? new Date(a.snapshotAt).toISOString().slice(0, 16).replace("T", " ") : "—"}
                    {a.snapshot?.changes.length ? <span className="block">{a.snapshot.changes.join(" ")}</span> : null}
                  </td>
                </tr>
              );
            })}
            {data.summary.length === 0 ? <tr><td colSpan={9} className="px-3 py-4 text-slate-600">No analyses yet.{canManage ? " Define one below." : " An owner defines them."}</td></tr> : null}
          </tbody>
        </table>
      </div>

      {data.sof.length ? <SofTable rows={data.sof} /> : null}

      {canManage ? <AnalysisDefinitionForm slug={review.slug} choices={data.choices} /> : null}
    </section>
  );
}
