import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { getCurrentForm, listFormVersions, listOutcomes } from "@/lib/extraction/data";
import { FormBuilder } from "./form-builder";
import { ImportForm, OutcomeList, TemplatePicker } from "./owner-panels";

export const metadata: Metadata = { title: "Extraction form" };

export default async function FormBuilderPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review } = await requireReviewAccess(slug, "manage");
  const [form, versions, outcomes] = await Promise.all([getCurrentForm(review.id), listFormVersions(review.id), listOutcomes(review.id)]);
  const base = `/reviews/${review.slug}/extraction`;
  return (
    <div className="space-y-6">
      <p className="text-sm"><Link className="underline" href={base}>Extraction</Link> › form</p>
      <h2 className="text-lg font-semibold">Extraction form</h2>
      <section aria-labelledby="outcomes-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="outcomes-heading" className="font-semibold">Outcomes</h3>
        <OutcomeList slug={review.slug} outcomes={outcomes.map((o) => ({ id: o.id, name: o.name, unit: o.unit, direction: o.direction, type: o.type, units: o.units }))} />
      </section>
      <section aria-labelledby="start-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="start-heading" className="font-semibold">{form ? "Templates and import" : "Start the form"}</h3>
        <TemplatePicker slug={review.slug} hasForm={!!form} />
        <ImportForm slug={review.slug} />
        {form ? <a className="text-sm underline" href={`${base}/form/export`}>Export this form as JSON</a> : null}
      </section>
      {form ? (
        <section aria-labelledby="builder-heading" className="space-y-2">
          <h3 id="builder-heading" className="font-semibold">Version {form.version}</h3>
          <FormBuilder key={form.id + form.version} slug={review.slug} initial={form.definition} inUse={(versions[0]?._count.entries ?? 0) > 0} />
          <p className="text-xs text-slate-600">Versions: {versions.map((v) => `v${v.version} (${v._count.entries} extraction${v._count.entries === 1 ? "" : "s"})`).join(", ")}</p>
        </section>
      ) : null}
    </div>
  );
}
