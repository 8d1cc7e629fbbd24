import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { getExtractionView, getStudyForExtraction, listOutcomes } from "@/lib/extraction/data";
import { compareEntries } from "@/lib/extraction/compare";
import { ExtractionForm } from "../extraction-form";
import { CellText } from "../cell-text";

export const metadata: Metadata = { title: "Extract study" };

export default async function ExtractStudyPage({ params, searchParams }: { params: Promise<{ slug: string; studyId: string }>; searchParams: Promise<{ pdf?: string }> }) {
  const { slug, studyId } = await params;
  const { pdf } = await searchParams;
  const { review, user, roles } = await requireReviewAccess(slug, "extract");
  const study = await getStudyForExtraction(review.id, studyId);
  if (!study) notFound();
  const [view, outcomes] = await Promise.all([getExtractionView(review.id, studyId, user.id, roles), listOutcomes(review.id)]);
  const shownPdf = study.pdfs.find((p) => p.recordId === pdf) ?? study.pdfs[0];
  const colleague = view.others[0];
  const differences = view.mine && colleague ? compareEntries(view.mine, colleague, view.settings.numericTolerance).filter((r) => !r.agree && r.kind !== "locator") : [];
  return (
    <div className="space-y-3">
      <p className="text-sm">
        <Link className="underline" href={`/reviews/${review.slug}/extraction`}>
          Extraction
        </Link>{" "}
        › {study.label}
      </p>
      <h2 className="text-lg font-semibold">Extract: {study.label}</h2>
      <p className="text-xs text-slate-600">
        {view.form ? `Form “${view.form.definition.name}”, version ${view.form.version}` : "No form yet"} ·{" "}
        {view.settings.blinded ? "blinded: you see your colleague's answers once you have both submitted" : "not blinded"} ·{" "}
        <Link className="underline" href={`/reviews/${review.slug}/figures/${study.id}`}>
          Digitise a figure
        </Link>{" "}
        (values read off a bar chart or box plot land in your outcome data with their locator)
      </p>
      <div className="grid gap-4 xl:grid-cols-2">
        <section aria-label="Full text" className="xl:sticky xl:top-2 xl:h-[85vh]">
          {shownPdf ? (
            <>
              {study.pdfs.length > 1 ? (
                <nav aria-label="Reports" className="mb-1 flex gap-2 text-xs">
                  {study.pdfs.map((p) => (
                    <Link key={p.recordId} className="underline" href={`?pdf=${p.recordId}`}>
                      {p.title.slice(0, 60)}
                    </Link>
                  ))}
                </nav>
              ) : null}
              <iframe title={`Full text of ${study.label}`} className="h-[80vh] w-full rounded border border-slate-200" src={`/reviews/${review.slug}/screening/full-text/${shownPdf.recordId}/pdf`} />
            </>
          ) : (
            <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">No full-text PDF is stored for this study.</p>
          )}
        </section>
        <section aria-label="Your extraction">
          <ExtractionForm
            slug={review.slug}
            studyId={study.id}
            form={view.form?.definition ?? null}
            outcomes={outcomes.map((o) => ({ name: o.name, unit: o.unit, type: o.type }))}
            initial={view.mine ? { values: view.mine.values, outcomeData: view.mine.outcomeData, status: view.mine.status } : null}
            flags={view.flags}
          />
        </section>
      </div>
      {colleague ? (
        <section aria-labelledby="colleague-heading" className="rounded-lg border border-slate-200 bg-white p-3">
          <h3 id="colleague-heading" className="font-semibold">
            Where {colleague.reviewer} ({colleague.status === "SUBMITTED" ? "submitted" : "in progress"}) differs from you
          </h3>
          {differences.length ? (
            <table className="mt-2 text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-600">
                  <th className="pr-3">Field</th>
                  <th className="pr-3">You</th>
                  <th>{colleague.reviewer}</th>
                </tr>
              </thead>
              <tbody>
                {differences.map((d) => (
                  <tr key={d.key}>
                    <td className="pr-3">{d.label}</td>
                    <td className="pr-3"><CellText value={d.a} /></td>
                    <td><CellText value={d.b} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm">No differences.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
