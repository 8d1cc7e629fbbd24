"use client";
import { useEffect, useState } from "react";
import { myRecordNoteAction, saveRecordNoteAction } from "@/lib/records/actions";

/**
 * My labels and private note on the record on screen, as on the record page: loaded when the
 * box is open (so fast screening with it closed costs nothing) and saved with the button.
 * Teammates see them on the record page once blinding no longer applies.
 */
export function MyLabels({ slug, recordId }: { slug: string; recordId: string }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [labels, setLabels] = useState("");
  const [text, setText] = useState("");
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (!open || loaded === recordId) return;
    let stale = false;
    myRecordNoteAction({ slug, recordId }).then((r) => {
      if (stale) return;
      if (!r.ok) return setMessage(r.error);
      setLabels(r.data.labels.join(", "));
      setText(r.data.text);
      setMessage("");
      setLoaded(recordId);
    });
    return () => {
      stale = true;
    };
  }, [open, loaded, recordId, slug]);

  async function save() {
    const form = new FormData();
    for (const [k, v] of Object.entries({ slug, recordId, labels, text })) form.set(k, v);
    const r = await saveRecordNoteAction(form);
    setMessage(r.ok ? "Saved." : r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.error);
  }

  const ready = loaded === recordId;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="my-labels" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer font-medium">My labels and note</summary>
      <div className="mt-2 space-y-2" aria-busy={!ready}>
        <label className="flex flex-col">
          Labels
          <input value={labels} disabled={!ready} onChange={(e) => setLabels(e.target.value)} placeholder="animal study, check later" className="mt-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          Private note
          <textarea value={text} disabled={!ready} onChange={(e) => setText(e.target.value)} rows={2} className="mt-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="button" disabled={!ready} onClick={save} className="rounded border border-slate-300 px-3 py-1.5 disabled:opacity-50">
          Save labels
        </button>
        <p role="status" className="text-xs text-slate-600">
          {message}
        </p>
      </div>
    </details>
  );
}
