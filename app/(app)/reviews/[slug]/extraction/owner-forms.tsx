"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { addStudyAction, updateExtractionSettingsAction } from "@/lib/extraction/actions";

export function ExtractionSettingsForm({ slug, settings }: { slug: string; settings: { extractorsPerStudy: number; blinded: boolean; numericTolerance: number } }) {
  return (
    <ActionForm action={updateExtractionSettingsAction} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Extraction settings" successMessage="Settings saved.">
      <input type="hidden" name="slug" value={slug} />
      <label>
        Extractors per study
        <select name="extractorsPerStudy" defaultValue={String(settings.extractorsPerStudy)} className="ml-1 rounded border border-slate-300">
          <option value="2">2</option>
          <option value="1">1</option>
        </select>
      </label>
      <label>
        <input type="checkbox" name="blinded" defaultChecked={settings.blinded} /> Blinded until both submit
      </label>
      <div className="w-44">
        <Field name="tolerancePercent" label="Numeric tolerance (%)" type="number" defaultValue={String(settings.numericTolerance * 100)} />
      </div>
      <FieldError name="extractorsPerStudy" />
      <SubmitButton>Save settings</SubmitButton>
    </ActionForm>
  );
}

export function AddStudyForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={addStudyAction} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Add a study" successMessage="Study added." resetOnSuccess>
      <input type="hidden" name="slug" value={slug} />
      <div className="w-48">
        <Field name="label" label="Study label" hint="e.g. Hu 2020" />
      </div>
      <div className="w-56">
        <Field name="doi" label="DOI (links the record)" />
      </div>
      <SubmitButton>Add study</SubmitButton>
    </ActionForm>
  );
}
