"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { StatusLines } from "@/app/components/status-lines";
import { saveConsensusAction } from "@/lib/extraction/actions";
import { CellText } from "../../cell-text";

type Row = { key: string; label: string; kind: string; a: unknown; b: unknown; agree: boolean; hint?: string };
type Choice = { source: "A" | "B" | "NEW" | ""; typed: string; note: string };

const asText = (v: unknown) => (v === null || v === undefined ? "" : Array.isArray(v) ? v.join("; ") : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

/** Field by field: pick A, pick B, or type a value, with a note; agreed fields need no click. */
export function ConsensusForm({ slug, studyId, rows, reviewers, saved }: { slug: string; studyId: string; rows: Row[]; reviewers: string[]; saved: Record<string, { source: string; value?: unknown; note?: string }> }) {
  const router = useRouter();
  const disagreements = rows.filter((r) => !r.agree && !(r.kind === "locator" && (r.a === null || r.b === null)));
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    Object.fromEntries(disagreements.map((r) => {
      const s = saved[r.key];
      const source = s && (s.source === "A" || s.source === "B" || s.source === "NEW") ? s.source : "";
      return [r.key, { source, typed: source === "NEW" ? asText(s?.value) : "", note: s?.note ?? "" }];
    })),
  );
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const [status, setStatus] = useState({ message: "", error: "" });
  const [pending, start] = useTransition();
  const [nameA, nameB] = [reviewers[0] ?? "A", reviewers[1] ?? reviewers[0] ?? "B"];

  function save(finalize: boolean) {
    const decisions = Object.fromEntries(Object.entries(choices).filter(([, c]) => c.source).map(([k, c]) => [k, { source: c.source, typed: c.typed, note: c.note }]));
    start(async () => {
      const result = await saveConsensusAction({ slug, studyId, decisions, finalize });
      if (result.ok) {
        setErrors({});
        setStatus({ message: finalize ? "Consensus final: it is the version used for analysis." : `Draft saved (${result.data.unresolved.length} still open).`, error: "" });
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setStatus({ message: "", error: result.error });
      }
    });
  }
  const set = (key: string, patch: Partial<Choice>) => setChoices({ ...choices, [key]: { ...choices[key], ...patch } });
  return (
    <form aria-label="Consensus" className="space-y-4" onSubmit={(e) => e.preventDefault()} aria-busy={pending}>
      <p className="text-sm">
        {disagreements.length} disagreement{disagreements.length === 1 ? "" : "s"}; {rows.length - disagreements.length} field{rows.length - disagreements.length === 1 ? "" : "s"} agreed go in as they are.
      </p>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th>Field</th>
            <th>A: {nameA}</th>
            <th>B: {nameB}</th>
            <th>Consensus</th>
          </tr>
        </thead>
        <tbody>
          {disagreements.map((r) => {
            const c = choices[r.key];
            const name = `choice-${r.key}`;
            return (
              <tr key={r.key} className="border-t border-slate-200 bg-amber-50 align-top" data-testid="disagreement">
                <td className="py-1 pr-2">
                  {r.label}
                  {r.hint ? <p className="text-xs font-medium text-amber-900">{r.hint}</p> : null}
                </td>
                <td className="pr-2"><CellText value={r.a} /></td>
                <td className="pr-2"><CellText value={r.b} /></td>
                <td>
                  <fieldset className="flex flex-wrap items-center gap-2">
                    <legend className="sr-only">Consensus for {r.label}</legend>
                    <label><input type="radio" name={name} checked={c.source === "A"} onChange={() => set(r.key, { source: "A" })} /> A</label>
                    <label><input type="radio" name={name} checked={c.source === "B"} onChange={() => set(r.key, { source: "B" })} /> B</label>
                    <label><input type="radio" name={name} checked={c.source === "NEW"} onChange={() => set(r.key, { source: "NEW" })} /> new value</label>
                    {c.source === "NEW" ? <input aria-label={`New value for ${r.label}`} className="w-28 rounded border border-slate-300 px-1" value={c.typed} onChange={(e) => set(r.key, { typed: e.target.value })} /> : null}
                    <input aria-label={`Note for ${r.label}`} placeholder="note" className="w-40 rounded border border-slate-300 px-1" value={c.note} onChange={(e) => set(r.key, { note: e.target.value })} />
                  </fieldset>
                  <p className="text-xs text-red-700">{errors[r.key]?.join(" ")}</p>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary className="cursor-pointer text-sm">Agreed fields ({rows.length - disagreements.length})</summary>
        <table className="text-sm">
          <tbody>
            {rows.filter((r) => !disagreements.includes(r)).map((r) => (
              <tr key={r.key}>
                <td className="pr-3">{r.label}</td>
                <td><CellText value={r.a ?? r.b} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" disabled={pending} onClick={() => save(false)}>Save draft</button>
        <button type="button" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white" disabled={pending} onClick={() => save(true)}>Finalise consensus</button>
        <StatusLines message={status.message} error={status.error} testId="consensus-status" />
      </div>
    </form>
  );
}
