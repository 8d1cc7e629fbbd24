"use client";
import Link from "next/link";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { moveReportAction, renameStudyAction, splitReportAction } from "@/lib/studies/actions";

type Study = { id: string; label: string; hasData: boolean; reports: { id: string; title: string; year: number | null; doi: string | null; journal: string }[] };

export function StudyCard({ slug, study, others, canManage }: { slug: string; study: Study; others: { id: string; label: string }[]; canManage: boolean }) {
  return (
    <li className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="study" data-label={study.label}>
      {canManage ? (
        <ActionForm action={renameStudyAction} className="flex flex-wrap items-end gap-2" aria-label={`Rename ${study.label}`} successMessage="Renamed.">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="studyId" value={study.id} />
          <Field name="label" label="Study name" defaultValue={study.label} />
          <SubmitButton variant="quiet">Rename</SubmitButton>
        </ActionForm>
      ) : (
        <h3 className="font-medium">{study.label}</h3>
      )}
      <p className="text-xs text-slate-600">
        {study.reports.length} report{study.reports.length === 1 ? "" : "s"}
        {study.hasData ? " · has extraction or risk-of-bias data" : ""}
      </p>
      <ul className="space-y-2">
        {study.reports.map((report) => (
          <li key={report.id} className="rounded border border-slate-100 p-2 text-sm" data-testid="study-report">
            <Link href={`/reviews/${slug}/records/${report.id}`} className="break-words text-brand-700 underline">
              {report.title.length > 200 ? `${report.title.slice(0, 200)}…` : report.title || "(no title)"}
            </Link>
            <span className="text-slate-600">
              {" "}
              {[report.journal, report.year].filter(Boolean).join(", ")}
            </span>
            {canManage ? (
              <div className="mt-1 flex flex-wrap items-start gap-2">
                {others.length ? (
                  <ActionForm action={moveReportAction} className="flex items-start gap-1" aria-label={`Link ${report.title} to another study`}>
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="recordId" value={report.id} />
                    <select name="studyId" defaultValue="" aria-label="Link this report to study" className="rounded border border-slate-300 px-1 py-1 text-xs">
                      <option value="">Link to study…</option>
                      {others.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                    <SubmitButton variant="quiet">Link</SubmitButton>
                  </ActionForm>
                ) : null}
                {study.reports.length > 1 ? (
                  <ActionForm action={splitReportAction} aria-label={`Split ${report.title} into its own study`}>
                    <input type="hidden" name="slug" value={slug} />
                    <input type="hidden" name="recordId" value={report.id} />
                    <SubmitButton variant="quiet">Split into its own study</SubmitButton>
                  </ActionForm>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </li>
  );
}
