"use client";
import { useState } from "react";
import type { Stage } from "@/lib/reviews/schema";
import { bulkDecideAction, searchMyQueueAction } from "@/lib/screening/bulk-actions";

type Found = { records: { id: string; title: string; year: number | null }[]; more: boolean };

/**
 * Search the records still waiting for my vote, and decide all matches at once: the count is
 * shown and must be confirmed, every decision is audited, and the bulk step is audited with its search.
 */
export function BulkPanel({ slug, stage, reasons }: { slug: string; stage: Stage; reasons: { id: string; label: string }[] }) {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<Found | null>(null);
  const [decision, setDecision] = useState<"INCLUDE" | "EXCLUDE">("EXCLUDE");
  const [reasonId, setReasonId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState("");

  async function search(event: React.FormEvent) {
    event.preventDefault();
    setConfirming(false);
    setMessage("");
    const r = await searchMyQueueAction({ slug, stage, q });
    if (!r.ok) return setMessage(r.fieldErrors?.q?.join(" ") ?? r.error);
    setFound(r.data);
  }

  async function apply() {
    if (!found) return;
    const r = await bulkDecideAction({ slug, stage, q, decision, reasonId, expected: found.records.length });
    setConfirming(false);
    if (!r.ok) return setMessage(r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : r.error);
    // The queue on this page is now stale; reload it from the server.
    window.location.reload();
  }

  const n = found?.records.length ?? 0;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="bulk-panel">
      <summary className="cursor-pointer font-medium">Search my queue and decide in bulk</summary>
      <form onSubmit={search} className="mt-3 flex flex-wrap items-end gap-2" aria-label="Search my queue">
        <label className="flex flex-col">
          Title, abstract or author contains
          <input value={q} onChange={(e) => setQ(e.target.value)} className="mt-1 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded border border-slate-300 px-3 py-1.5">
          Search
        </button>
      </form>
      {found ? (
        <div className="mt-3 space-y-2">
          <p data-testid="bulk-count">
            {n} record{n === 1 ? "" : "s"} waiting for your vote match{found.more ? " (more than the 200 shown: narrow the search to decide in bulk)" : ""}.
          </p>
          <ul className="max-h-48 list-disc overflow-y-auto pl-5 text-xs">
            {found.records.map((r) => (
              <li key={r.id}>
                <a href={`/reviews/${slug}/records/${r.id}`} target="_blank" rel="noreferrer" className="hover:underline">
                  {r.title.length > 160 ? `${r.title.slice(0, 160)}…` : r.title} {r.year ? `(${r.year})` : ""}
                </a>
              </li>
            ))}
          </ul>
          {n > 0 && !found.more ? (
            <div className="flex flex-wrap items-end gap-2">
              <select aria-label="Bulk decision" value={decision} onChange={(e) => setDecision(e.target.value as "INCLUDE" | "EXCLUDE")} className="rounded border border-slate-300 px-2 py-1">
                <option value="EXCLUDE">Exclude</option>
                <option value="INCLUDE">Include</option>
              </select>
              {decision === "EXCLUDE" ? (
                <select aria-label="Bulk reason" value={reasonId} onChange={(e) => setReasonId(e.target.value)} className="rounded border border-slate-300 px-2 py-1">
                  <option value="">{stage === "FULL_TEXT" ? "Choose a reason" : "No reason"}</option>
                  {reasons.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.label}
                    </option>
                  ))}
                </select>
              ) : null}
              {confirming ? (
                <span role="alert" className="flex items-center gap-2">
                  {decision === "EXCLUDE" ? "Exclude" : "Include"} all {n}?
                  <button type="button" onClick={apply} className="rounded bg-rose-700 px-3 py-1.5 text-white">
                    Yes, decide {n} records
                  </button>
                  <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-3 py-1.5">
                    Cancel
                  </button>
                </span>
              ) : (
                <button type="button" onClick={() => setConfirming(true)} className="rounded border border-slate-300 px-3 py-1.5">
                  Decide all {n}…
                </button>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="mt-2 text-red-700">
        {message}
      </p>
    </details>
  );
}
