"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { reopenResolutionAction, resolveConflictAction } from "@/lib/screening/actions";

const LABEL: Record<string, string> = { INCLUDE: "Include", EXCLUDE: "Exclude", MAYBE: "Maybe" };

type Conflict = {
  id: string;
  title: string;
  year: number | null;
  journal: string;
  abstract: string;
  votes: { reviewerId: string; reviewerName: string; decision: string; reason: string; note: string }[];
};

export function ConflictCard({ slug, stage, conflict, reasons }: { slug: string; stage: string; conflict: Conflict; reasons: { id: string; label: string }[] }) {
  return (
    <article tabIndex={-1} className="rounded-lg border border-slate-200 bg-white p-4 focus:outline-2 focus:outline-brand-700" data-testid="conflict" aria-label={`Conflict: ${conflict.title}`}>
      <h3 className="font-medium">{conflict.title}</h3>
      <p className="text-xs text-slate-600">{[conflict.journal, conflict.year].filter(Boolean).join(", ")}</p>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-slate-600">Abstract</summary>
        <p className="whitespace-pre-wrap">{conflict.abstract || "No abstract."}</p>
      </details>
      <ul className="mt-2 text-sm">
        {conflict.votes.map((v) => (
          <li key={v.reviewerId}>
            {v.reviewerName}: <strong>{LABEL[v.decision]}</strong>
            {v.reason ? ` (${v.reason})` : ""}
            {v.note ? ` — “${v.note}”` : ""}
          </li>
        ))}
      </ul>
      <ActionForm action={resolveConflictAction} className="mt-3 space-y-2" aria-label={`Resolve ${conflict.title}`} successMessage="Resolved.">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="stage" value={stage} />
        <input type="hidden" name="recordId" value={conflict.id} />
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Outcome</legend>
          <label>
            <input type="radio" name="outcome" value="INCLUDE" required /> Include
          </label>
          <label>
            <input type="radio" name="outcome" value="EXCLUDE" /> Exclude
          </label>
        </fieldset>
        <FieldError name="outcome" />
        <label className="block text-sm">
          Reason (if excluding{stage === "FULL_TEXT" ? "; required at full text" : ""})
          <select name="reasonId" defaultValue="" className="ml-2 rounded border border-slate-300 text-sm">
            <option value="">—</option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <FieldError name="reasonId" />
        <Field name="note" label="Adjudication note" />
        <SubmitButton>Resolve</SubmitButton>
      </ActionForm>
    </article>
  );
}

export function ReopenForm({ slug, stage, recordId, title }: { slug: string; stage: string; recordId: string; title: string }) {
  return (
    <ActionForm action={reopenResolutionAction} className="flex items-center gap-2" aria-label={`Reopen ${title}`} successMessage="Reopened.">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="stage" value={stage} />
      <input type="hidden" name="recordId" value={recordId} />
      <input name="note" aria-label="Why reopen" placeholder="Why reopen" className="rounded border border-slate-300 px-2 py-1 text-xs" />
      <SubmitButton variant="quiet">Reopen</SubmitButton>
    </ActionForm>
  );
}
