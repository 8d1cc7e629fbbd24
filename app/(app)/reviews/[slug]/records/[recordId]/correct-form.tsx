"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { correctRecordAction } from "@/lib/records/actions";

/** Owners fix a record's title, DOI or year; each change is audited with the old value. */
export function CorrectRecordForm({ slug, record }: { slug: string; record: { id: string; title: string; doi: string; year: string } }) {
  return (
    <details className="rounded border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-medium">Correct this record&apos;s metadata</summary>
      <ActionForm action={correctRecordAction} className="mt-3 space-y-3" aria-label="Correct the record" successMessage="Saved; the change is in the history.">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="recordId" value={record.id} />
        <Field name="title" label="Title" defaultValue={record.title} multiline rows={2} grow />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field name="doi" label="DOI" defaultValue={record.doi} hint="e.g. 10.1016/j.bone.2019.01.001" />
          <Field name="year" label="Year" defaultValue={record.year} />
        </div>
        <SubmitButton>Save correction</SubmitButton>
      </ActionForm>
    </details>
  );
}
