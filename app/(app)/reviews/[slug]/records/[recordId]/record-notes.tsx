"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { saveRecordNoteAction } from "@/lib/records/actions";

type Note = { id: string; author: string; mine: boolean; text: string; labels: string[] };

/** The team's notes and labels on a record; colleagues' appear once blinding no longer hides their votes. */
export function RecordNotes({ slug, recordId, notes, hidden }: { slug: string; recordId: string; notes: Note[]; hidden: boolean }) {
  const mine = notes.find((n) => n.mine);
  return (
    <section className="space-y-2" aria-labelledby="notes-heading">
      <h3 id="notes-heading" className="font-medium">
        Notes and labels
      </h3>
      <ul className="space-y-1 text-sm" data-testid="record-notes">
        {notes
          .filter((n) => !n.mine)
          .map((n) => (
            <li key={n.id}>
              <strong>{n.author}</strong>
              {n.labels.map((l) => (
                <span key={l} className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                  {l}
                </span>
              ))}
              {n.text ? <span className="ml-1 text-slate-700">{n.text}</span> : null}
            </li>
          ))}
      </ul>
      {hidden ? <p className="text-xs text-slate-600">Colleagues&apos; notes are hidden while screening of this record is blinded.</p> : null}
      <ActionForm action={saveRecordNoteAction} className="space-y-2 rounded border border-slate-200 bg-white p-3" aria-label="Your note and labels" successMessage="Saved.">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="recordId" value={recordId} />
        <Field name="labels" label="Your labels" defaultValue={mine?.labels.join(", ") ?? ""} hint="Comma-separated, e.g. animal study, check later." />
        <Field name="text" label="Your note" defaultValue={mine?.text ?? ""} multiline rows={2} grow />
        <SubmitButton variant="quiet">Save note</SubmitButton>
      </ActionForm>
    </section>
  );
}
