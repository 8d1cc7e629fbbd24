"use client";
import Link from "next/link";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { updateStageSettingsAction } from "@/lib/screening/actions";
import type { ReviewSettings } from "@/lib/reviews/schema";

function StageFieldset({ prefix, legend, stage }: { prefix: "ta" | "ft"; legend: string; stage: ReviewSettings["titleAbstract"] }) {
  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <label className="block text-sm">
        Reviewers per record{" "}
        <select name={`${prefix}ReviewersPerRecord`} defaultValue={String(stage.reviewersPerRecord)} className="rounded border border-slate-300">
          <option value="2">2 (dual screening)</option>
          <option value="1">1 (single reviewer)</option>
        </select>
      </label>
      <FieldError name={`${prefix}ReviewersPerRecord`} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={`${prefix}Blinded`} defaultChecked={stage.blinded} /> Blinded (reviewers cannot see each other&apos;s votes until a record is resolved)
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={`${prefix}AllowMaybe`} defaultChecked={stage.allowMaybe} /> Allow “maybe”
      </label>
    </fieldset>
  );
}

export function SettingsForm({ slug, settings }: { slug: string; settings: ReviewSettings }) {
  return (
    <ActionForm action={updateStageSettingsAction} className="max-w-3xl space-y-4" aria-label="Screening settings" successMessage="Settings saved.">
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-4 sm:grid-cols-2">
        <StageFieldset prefix="ta" legend="Title/abstract" stage={settings.titleAbstract} />
        <StageFieldset prefix="ft" legend="Full text" stage={settings.fullText} />
      </div>
      <p className="text-sm text-slate-600">
        Exclusion reasons for each stage are edited on the <Link href={`/reviews/${slug}/protocol`} className="text-brand-700 underline">Protocol</Link> page.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="highlightInclude" label="Inclusion terms (green)" multiline rows={8} defaultValue={settings.highlightInclude.join("\n")} hint="One per line. A trailing * matches word endings (random*)." />
        <Field name="highlightExclude" label="Exclusion terms (red)" multiline rows={8} defaultValue={settings.highlightExclude.join("\n")} hint="One per line." />
      </div>
      <SubmitButton>Save settings</SubmitButton>
    </ActionForm>
  );
}
