"use client";
import { ActionForm, FieldError, SubmitButton } from "@/app/components/action-form";
import { bulkDecideAction } from "@/lib/dedup/actions";

/** Accepts (or rejects) every open pair in a score band, e.g. all ≥ 0.95, strongest first. */
export function BulkDecideForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={bulkDecideAction} aria-label="Decide a score band" className="flex flex-wrap items-end gap-3 text-sm" successMessage="The pairs in that band were decided.">
      <input type="hidden" name="slug" value={slug} />
      <label className="flex flex-col">
        Score from
        <input name="minScore" type="number" step="0.01" min="0" max="1" defaultValue="0.95" className="w-24 rounded border border-slate-300 px-2 py-1" aria-describedby="band-hint" />
        <FieldError name="minScore" />
      </label>
      <label className="flex flex-col">
        to
        <input name="maxScore" type="number" step="0.01" min="0" max="1" defaultValue="1" className="w-24 rounded border border-slate-300 px-2 py-1" />
        <FieldError name="maxScore" />
      </label>
      <label className="flex flex-col">
        Decision
        <select name="decision" defaultValue="SAME" className="rounded border border-slate-300 px-2 py-1">
          <option value="SAME">Same record (merge)</option>
          <option value="DIFFERENT">Different records</option>
        </select>
      </label>
      <SubmitButton variant="quiet">Decide band</SubmitButton>
      <p id="band-hint" className="w-full text-xs text-slate-500">
        Every open pair with a score in the band is decided at once; each decision is audited and a merge can be undone below.
      </p>
    </ActionForm>
  );
}
