"use client";
import { StatusLines } from "@/app/components/status-lines";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { useWindowKeys } from "@/app/components/use-window-keys";
import type { OpenPair, PresentedRecord } from "@/lib/dedup/data";
import { decidePairAction } from "@/lib/dedup/actions";
import type { PairDecision } from "@/lib/dedup/schema";

const FIELDS: { key: keyof PresentedRecord["fields"]; label: string }[] = [
  { key: "title", label: "Title" },
  { key: "authors", label: "Authors" },
  { key: "year", label: "Year" },
  { key: "journal", label: "Journal" },
  { key: "volume", label: "Volume" },
  { key: "issue", label: "Issue" },
  { key: "pages", label: "Pages" },
  { key: "doi", label: "DOI" },
  { key: "pmid", label: "PMID" },
  { key: "abstract", label: "Abstract" },
];

/** Case, spacing and punctuation do not count as a difference worth highlighting. */
const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/** The queue of possible pairs, one at a time, side by side; decided with s / d, moved through with j / k or the arrows. */
export function PairReview({ slug, pairs, total, canDecide }: { slug: string; pairs: OpenPair[]; total: number; canDecide: boolean }) {
  const router = useRouter();
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const [index, setIndex] = useState(0);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [pending, startTransition] = useTransition();
  const open = pairs.filter((p) => !decided.has(p.id));
  const at = Math.min(index, Math.max(0, open.length - 1));
  const pair = open[at];

  const decide = useCallback(
    (decision: PairDecision) => {
      if (!pair || pending || !canDecide) return;
      const data = new FormData();
      data.set("slug", slug);
      data.set("pairId", pair.id);
      data.set("decision", decision);
      setError("");
      startTransition(async () => {
        const result = await decidePairAction(data);
        if (!result.ok) return setError(result.error);
        setDecided((d) => new Set(d).add(pair.id));
        setMessage(`Marked ${decision === "SAME" ? "the same record" : "different records"}: ${pair.a.fields.title.slice(0, 80)}`);
        router.refresh();
      });
    },
    [pair, pending, canDecide, slug, router],
  );
  const move = useCallback((step: number) => setIndex(Math.min(Math.max(0, at + step), Math.max(0, open.length - 1))), [at, open.length]);

  const listening = useWindowKeys((event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const action = { s: () => decide("SAME"), d: () => decide("DIFFERENT"), j: () => move(1), ArrowRight: () => move(1), k: () => move(-1), ArrowLeft: () => move(-1) }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  if (!pair) {
    return (
      <div className="space-y-1">
        <p className="text-slate-600" data-testid="no-pairs">
          No possible duplicates are waiting for a decision.
        </p>
        <p role="status" className="text-sm text-brand-700">
          {message}
        </p>
      </div>
    );
  }
  // Until the refreshed list arrives, pairs decided here are still counted in `total`.
  const remaining = total - (pairs.length - open.length);
  return (
    <div className="space-y-3" data-testid="pair-review" aria-busy={pending} data-keys={listening ? "on" : "off"}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm font-medium" data-testid="pair-position">
          Pair {at + 1} of {remaining} · score <span className="tabular-nums">{pair.score.toFixed(3)}</span>
        </p>
        <p className="text-xs text-slate-600" id="pair-keys">
          Keys: <kbd className="rounded border px-1">s</kbd> same · <kbd className="rounded border px-1">d</kbd> different · <kbd className="rounded border px-1">j</kbd>/<kbd className="rounded border px-1">→</kbd> next ·{" "}
          <kbd className="rounded border px-1">k</kbd>/<kbd className="rounded border px-1">←</kbd> previous
        </p>
      </div>
      <p className="text-sm text-slate-700">
        <span className="font-medium">Why: </span>
        {pair.reasons.join("; ")}
      </p>
      <table className="w-full table-fixed border-collapse text-sm" aria-label="Possible duplicate pair, side by side">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="w-24 font-medium">Field</th>
            {[pair.a, pair.b].map((r, i) => (
              <th key={r.id} className="font-medium">
                Record {i === 0 ? "A" : "B"} · {r.source || "unknown source"}
                {r.groupSize > 1 ? ` · in a group of ${r.groupSize}` : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIELDS.map(({ key, label }) => {
            const [x, y] = [pair.a.fields[key], pair.b.fields[key]];
            const differs = fold(x) !== fold(y);
            const cell = `border-t border-slate-100 px-1 py-1 align-top ${differs ? "bg-amber-100" : ""} ${key === "abstract" ? "text-xs text-slate-600" : ""}`;
            return (
              <tr key={key} data-differs={differs || undefined}>
                <th scope="row" className="border-t border-slate-100 py-1 pr-2 text-left align-top font-medium text-slate-600">
                  {label}
                  {differs ? <span className="ml-1 text-amber-700" aria-label="differs">≠</span> : null}
                </th>
                <td className={cell}>{x || <span className="text-slate-400">—</span>}</td>
                <td className={cell}>{y || <span className="text-slate-400">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="flex flex-wrap gap-2" aria-describedby="pair-keys">
        {canDecide ? (
          <>
            <button type="button" onClick={() => decide("SAME")} disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60">
              Same record (s)
            </button>
            <button type="button" onClick={() => decide("DIFFERENT")} disabled={pending} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium disabled:opacity-60">
              Different records (d)
            </button>
          </>
        ) : null}
        <button type="button" onClick={() => move(-1)} disabled={at === 0} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-40">
          Previous (k)
        </button>
        <button type="button" onClick={() => move(1)} disabled={at >= open.length - 1} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-40">
          Next (j)
        </button>
      </div>
      <StatusLines message={message} error={error} />
    </div>
  );
}
