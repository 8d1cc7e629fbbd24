import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getCurrentForm, getExtractionAgreement, getExtractionProgress } from "@/lib/extraction/data";
import { ProgressBar } from "@/app/components/progress-bar";
import { AddStudyForm, ExtractionSettingsForm } from "./owner-forms";

export const metadata: Metadata = { title: "Extraction" };

const STATUS: Record<string, string> = { IN_PROGRESS: "in progress", SUBMITTED: "submitted" };

export default async function ExtractionPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, user, roles } = await requireReviewAccess(slug, "view");
  const canExtract = hasCapability(roles, "extract");
  const canManage = hasCapability(roles, "manage");
  const canReconcile = hasCapability(roles, "reconcile");
  const [progress, form] = await Promise.all([getExtractionProgress(review.id), getCurrentForm(review.id)]);
  // Agreement reveals how colleagues answered, so under blinding only reconcilers see it.
  const agreement = canReconcile || !progress.settings.blinded ? await getExtractionAgreement(review.id) : null;
  const base = `/reviews/${review.slug}/extraction`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">Data extraction</h2>
        <p className="text-xs text-slate-600">
          {progress.settings.extractorsPerStudy === 2 ? "Two extractors per study" : "One extractor per study"} · {progress.settings.blinded ? "blinded" : "not blinded"} · numbers agree within{" "}
          {(progress.settings.numericTolerance * 100).toLocaleString("en")} %
        </p>
      </div>
      <div className="flex flex-wrap gap-3 text-sm">
        {canManage ? (
          <Link className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white" href={`${base}/form`}>
            {form ? `Edit form (version ${form.version})` : "Build the form"}
          </Link>
        ) : null}
        <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=consensus&format=csv`}>Consensus CSV</a>
        <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=consensus&format=long`}>Consensus long CSV</a>
        <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=consensus&format=xlsx`}>Consensus XLSX</a>
        {canReconcile ? (
          <>
            <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=raw&format=csv`}>Raw CSV</a>
            <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=raw&format=long`}>Raw long CSV</a>
            <a className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/export?set=raw&format=xlsx`}>Raw XLSX</a>
          </>
        ) : null}
      </div>
      <section aria-labelledby="progress-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="progress-heading" className="font-semibold">Progress</h3>
        <p className="text-xs text-slate-600">{progress.done} of {progress.studies.length} studies with a final consensus</p>
        <ProgressBar done={progress.done} total={progress.studies.length} label="Studies with a final consensus" />
        <ul className="text-sm">
          {progress.perReviewer.map((r) => (
            <li key={r.id}>
              {r.name}: {r.submitted} submitted, {r.started - r.submitted} in progress, of {progress.studies.length}
            </li>
          ))}
        </ul>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600">
              <th className="py-1">Study</th>
              {progress.reviewers.map((r) => <th key={r.id}>{r.name}</th>)}
              <th>Consensus</th>
              <th><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {progress.studies.map((s) => (
              <tr key={s.id} className="border-t border-slate-100" data-testid="extraction-study">
                <td className="py-1">{s.label}</td>
                {progress.reviewers.map((r) => <td key={r.id}>{STATUS[s.byReviewer[r.id] ?? ""] ?? "—"}</td>)}
                <td>{s.consensus === "SUBMITTED" ? "final" : s.consensus ? "draft" : s.readyForConsensus ? "ready" : "—"}</td>
                <td className="space-x-3 text-right">
                  {canExtract ? <Link className="underline" href={`${base}/${s.id}`}>{s.byReviewer[user.id] ? "Continue" : "Extract"}<span className="sr-only"> {s.label}</span></Link> : null}
                  {canReconcile && s.readyForConsensus ? <Link className="underline" href={`${base}/${s.id}/consensus`}>Consensus<span className="sr-only"> for {s.label}</span></Link> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {progress.studies.length === 0 ? <p className="text-sm text-slate-600">No included studies yet: they appear when reports are included at full text{canManage ? ", or add one below" : ""}.</p> : null}
      </section>
      {agreement ? (
        <section aria-labelledby="agreement-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="agreement-heading" className="font-semibold">Agreement between extractors</h3>
          <p className="text-sm" data-testid="extraction-agreement">
            {agreement.studies
              ? `${(agreement.overall.share * 100).toFixed(1)} % of fields agree (${agreement.overall.agree} of ${agreement.overall.total}, ${agreement.studies} stud${agreement.studies === 1 ? "y" : "ies"} with two submitted extractions)`
              : "No study has two submitted extractions yet."}
          </p>
          {agreement.perField.length ? (
            <table className="text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-600"><th className="pr-4">Field</th><th className="pr-4">Agree</th><th>Share</th></tr>
              </thead>
              <tbody>
                {agreement.perField.map((f) => (
                  <tr key={f.field}><td className="pr-4">{f.field}</td><td className="pr-4">{f.agree} / {f.total}</td><td>{(f.share * 100).toFixed(0)} %</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
      {canManage ? (
        <section aria-labelledby="owner-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="owner-heading" className="font-semibold">Settings</h3>
          <ExtractionSettingsForm slug={review.slug} settings={progress.settings} />
          <h3 className="font-semibold">Add a study by hand</h3>
          <AddStudyForm slug={review.slug} />
        </section>
      ) : null}
    </div>
  );
}
