"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { saveFlowCountsAction, setFlowModeAction } from "@/lib/flow/actions";
import { listToLines } from "@/lib/flow/entries";
import { COUNT_FIELDS, ENTERABLE_IN_DATA_MODE, FIELD_LABELS, LIST_FIELDS, type FlowField } from "@/lib/flow/fields";
import type { FlowEntry } from "@/lib/flow/model";

const TOTAL_HINT: Partial<Record<FlowField, string>> = {
  database_results: "Leave blank to add up the specific databases.",
  register_results: "Leave blank to add up the specific registers.",
  total_studies: "Leave blank for new + previous studies.",
  total_reports: "Leave blank for new + previous reports.",
};

function valueOf(entries: FlowEntry[], field: FlowField): string {
  const entry = entries.find((e) => e.field === field);
  if (!entry) return "";
  return "items" in entry ? listToLines(entry.items) : String(entry.n);
}

/**
 * The counts an owner types: in live mode only those the data cannot know (records removed by
 * tools outside Sieve, a previous version's studies, the meta-analysis); in manual mode every box.
 */
export function FlowCountsForm({ slug, manual, entries }: { slug: string; manual: boolean; entries: FlowEntry[] }) {
  const counts = manual ? COUNT_FIELDS : ENTERABLE_IN_DATA_MODE;
  return (
    <ActionForm action={saveFlowCountsAction} aria-label="Counts entered by hand" successMessage="Counts saved." className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">{manual ? "Type every count (manual mode)" : "Counts the data cannot know"}</h3>
      <p className="text-xs text-slate-600">Blank clears a count. The diagram marks these numbers as entered by hand.</p>
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-3 sm:grid-cols-2">
        {counts.map((field) => (
          <Field key={field} name={field} label={FIELD_LABELS[field]} defaultValue={valueOf(entries, field)} hint={manual ? TOTAL_HINT[field] : undefined} />
        ))}
      </div>
      {manual
        ? LIST_FIELDS.map((field) => (
            <Field key={field} name={field} label={FIELD_LABELS[field]} multiline rows={4} defaultValue={valueOf(entries, field)} hint={'One per line: "Label, number" (e.g. "PubMed, 380").'} />
          ))
        : null}
      <SubmitButton>Save counts</SubmitButton>
    </ActionForm>
  );
}

export function FlowModeForm({ slug, manual }: { slug: string; manual: boolean }) {
  return (
    <ActionForm action={setFlowModeAction} aria-label="Diagram mode" className="space-y-3 self-start rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="font-medium">Mode</h3>
      <p className="text-sm text-slate-600">
        {manual
          ? "The diagram shows only typed numbers. Switch back to draw it live from the review's records; typed numbers are kept."
          : "For a review conducted outside Sieve, manual mode lets you type every number, as in the PRISMA2020 app."}
      </p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="mode" value={manual ? "data" : "manual"} />
      <SubmitButton variant="quiet">{manual ? "Switch to live counts" : "Switch to manual mode"}</SubmitButton>
    </ActionForm>
  );
}
