"use client";
import { useState } from "react";
import type { ScreeningItem } from "@/lib/screening/data";
import { markNotRetrievedAction } from "@/lib/screening/actions";
import { reopenRetrievalAction } from "@/lib/screening/study-actions";

type FullText = ScreeningItem["fullText"];

/** The PDF beside the decision form, with upload and "not retrieved" for reviewers and owners. */
export function FullTextPanel({ slug, item, canRetrieve, onChange }: { slug: string; item: ScreeningItem; canRetrieve: boolean; onChange: (f: FullText) => void }) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const ft = item.fullText;

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage("");
    try {
      // A route handler, not a server action: server actions cap request bodies far below 50 MB.
      const response = await fetch(`/api/reviews/${slug}/full-text/${item.id}`, { method: "POST", body: new FormData(event.currentTarget) });
      const body = (await response.json()) as { ok: boolean; error?: string };
      if (!body.ok) return setMessage(body.error ?? "Upload failed.");
      onChange({ status: "RETRIEVED", hasFile: true, note: "" });
      setVersion((v) => v + 1);
      setMessage("PDF attached.");
    } finally {
      setBusy(false);
    }
  }

  async function notRetrieved(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const result = await markNotRetrievedAction(data);
    if (!result.ok) return setMessage(result.fieldErrors?.note?.join(" ") ?? result.error);
    onChange({ status: "NOT_RETRIEVED", hasFile: false, note: String(data.get("note")) });
    setMessage("Marked as not retrieved: this record's full-text stage is closed.");
  }

  async function reopen() {
    const result = await reopenRetrievalAction({ slug, recordId: item.id });
    if (!result.ok) return setMessage(result.error);
    onChange(null);
    setMessage("Reopened: attach the PDF and screen it.");
  }

  return (
    <section aria-label="Full text" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {ft?.hasFile ? (
        <iframe
          key={`${item.id}-${version}`}
          title={`Full text of ${item.title}`}
          src={`/reviews/${slug}/screening/full-text/${item.id}/pdf?v=${version}`}
          className="h-[75vh] w-full rounded border border-slate-200"
        />
      ) : ft?.status === "NOT_RETRIEVED" ? (
        <div className="space-y-2 text-sm text-slate-700" data-testid="not-retrieved">
          <p>
            Full text not retrieved: {ft.note}. This record&apos;s full-text stage is closed, and PRISMA counts it as not retrieved.
          </p>
          {canRetrieve ? (
            <button type="button" onClick={reopen} className="rounded border border-slate-300 px-3 py-1.5">
              Reopen (the PDF turned up)
            </button>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">No full text attached yet.</p>
      )}
      {canRetrieve && ft?.status !== "NOT_RETRIEVED" ? (
        <details className="text-sm" open={!ft}>
          <summary className="cursor-pointer font-medium">{ft?.hasFile ? "Replace the PDF or mark not retrieved" : "Attach the PDF or mark not retrieved"}</summary>
          <form onSubmit={upload} className="mt-2 space-y-2" aria-label="Upload full text">
            <label className="block">
              PDF (up to 50 MB)
              <input type="file" name="file" accept="application/pdf" required className="mt-1 block w-full text-sm" />
            </label>
            <button type="submit" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-60">
              {busy ? "Uploading…" : "Upload PDF"}
            </button>
          </form>
          <form onSubmit={notRetrieved} className="mt-3 space-y-2" aria-label="Mark not retrieved">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="recordId" value={item.id} />
            <label className="block">
              Why it could not be retrieved
              <input name="note" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
            </label>
            <button type="submit" className="rounded border border-slate-300 px-3 py-1.5">
              Mark not retrieved
            </button>
          </form>
        </details>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {message}
      </p>
    </section>
  );
}
