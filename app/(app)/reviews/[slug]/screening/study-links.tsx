"use client";
import { ActionForm, SubmitButton } from "@/app/components/action-form";
import { linkReportAction } from "@/lib/screening/actions";

type Study = { id: string; label: string; reports: { id: string; title: string; year: number | null }[] };

/** Owners gather several reports of one study: each report can be moved to another study. */
export function StudyLinks({ slug, studies }: { slug: string; studies: Study[] }) {
  return (
    <section aria-labelledby="studies-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="studies-heading" className="text-lg font-semibold">
        Included studies ({studies.length})
      </h2>
      <p className="text-xs text-slate-600">Each report included at full text starts as its own study. Link a report to another study when both describe the same experiment.</p>
      <ul className="mt-3 space-y-3">
        {studies.map((study) => (
          <li key={study.id}>
            <p className="font-medium">{study.label}</p>
            <ul className="ml-4 space-y-1">
              {study.reports.map((report) => (
                <li key={report.id} className="text-sm">
                  <span>
                    {report.title} {report.year ? `(${report.year})` : ""}
                  </span>
                  {studies.length > 1 ? (
                    <ActionForm action={linkReportAction} className="mt-1 flex items-center gap-2" aria-label={`Link ${report.title} to another study`} successMessage="Linked.">
                      <input type="hidden" name="slug" value={slug} />
                      <input type="hidden" name="recordId" value={report.id} />
                      <label className="text-xs">
                        Move to study{" "}
                        <select name="studyId" defaultValue={study.id} className="rounded border border-slate-300 text-xs">
                          {studies.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.label}
                            </option>
                          ))}
                        </select>
                      </label>
                      <SubmitButton variant="quiet">Link</SubmitButton>
                    </ActionForm>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
