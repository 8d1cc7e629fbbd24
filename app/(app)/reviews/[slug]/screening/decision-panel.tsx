"use client";
import type { Stage } from "@/lib/reviews/schema";

export type Settings = { reviewersPerRecord: number; blinded: boolean; allowMaybe: boolean; highlightInclude: string[]; highlightExclude: string[] };

const kbd = "rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs";

/** Decision buttons, reasons, note, the eligibility criteria and the shortcut legend. */
export function DecisionPanel(props: {
  stage: Stage;
  settings: Settings;
  reasons: { id: string; label: string }[];
  reasonId: string | null;
  onReason: (id: string | null) => void;
  note: string;
  onNote: (note: string) => void;
  onDecide: (d: "INCLUDE" | "EXCLUDE" | "MAYBE") => void;
  onUndo: () => void;
  onMove: (delta: number) => void;
  error: string;
  locked: boolean;
  criteria: { inclusion: string; exclusion: string };
}) {
  const { stage, settings, reasons, reasonId } = props;
  const button = "rounded px-3 py-2 text-sm font-medium disabled:opacity-50";
  return (
    <aside className="space-y-4" aria-label="Decision">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap gap-2">
          <button type="button" disabled={props.locked} onClick={() => props.onDecide("INCLUDE")} className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`}>
            Include <kbd className="ml-1 opacity-80">I</kbd>
          </button>
          <button type="button" disabled={props.locked} onClick={() => props.onDecide("EXCLUDE")} className={`${button} bg-rose-700 text-white hover:bg-rose-800`}>
            Exclude <kbd className="ml-1 opacity-80">E</kbd>
          </button>
          {settings.allowMaybe ? (
            <button type="button" disabled={props.locked} onClick={() => props.onDecide("MAYBE")} className={`${button} bg-amber-500 text-slate-900 hover:bg-amber-600`}>
              Maybe <kbd className="ml-1 opacity-80">M</kbd>
            </button>
          ) : null}
        </div>
        <fieldset className="mt-3">
          <legend className="text-sm font-medium">Exclusion reason{stage === "FULL_TEXT" ? " (required to exclude)" : " (optional)"}</legend>
          <ol className="mt-1 space-y-1">
            {reasons.map((r, i) => (
              <li key={r.id}>
                <label className="flex cursor-pointer items-center gap-2 text-sm">
                  <input type="radio" name="reason" checked={reasonId === r.id} onChange={() => props.onReason(r.id)} onClick={() => reasonId === r.id && props.onReason(null)} />
                  {i < 9 ? <kbd className={kbd}>{i + 1}</kbd> : null}
                  {r.label}
                </label>
              </li>
            ))}
          </ol>
        </fieldset>
        <label className="mt-3 block text-sm font-medium" htmlFor="screening-note">
          Note
        </label>
        <textarea id="screening-note" rows={2} value={props.note} onChange={(e) => props.onNote(e.target.value)} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm" />
        <p role="alert" aria-live="assertive" className="mt-2 text-sm text-red-700">
          {props.error}
        </p>
        <div className="mt-2 flex gap-2 text-sm">
          <button type="button" onClick={() => props.onMove(-1)} className="rounded border border-slate-300 px-2 py-1">
            ← Previous
          </button>
          <button type="button" onClick={() => props.onMove(1)} className="rounded border border-slate-300 px-2 py-1">
            Next →
          </button>
          <button type="button" onClick={props.onUndo} className="rounded border border-slate-300 px-2 py-1">
            Undo <kbd className={kbd}>U</kbd>
          </button>
        </div>
      </div>
      <section aria-label="Keyboard shortcuts" className="rounded-lg border border-slate-200 bg-white p-4 text-xs text-slate-700">
        <h3 className="mb-1 font-semibold">Keyboard</h3>
        <p>
          <kbd className={kbd}>I</kbd> include · <kbd className={kbd}>E</kbd> exclude{settings.allowMaybe ? <> · <kbd className={kbd}>M</kbd> maybe</> : null} ·{" "}
          <kbd className={kbd}>1</kbd>–<kbd className={kbd}>9</kbd> reason · <kbd className={kbd}>U</kbd> undo · <kbd className={kbd}>←</kbd>/<kbd className={kbd}>→</kbd> move ·{" "}
          <kbd className={kbd}>Esc</kbd> leave the note
        </p>
        <p className="mt-1">{settings.blinded ? "Blinded: colleagues' votes stay hidden until the record is resolved." : "Not blinded: colleagues' votes are shown."}</p>
      </section>
      <section aria-label="Eligibility criteria" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h3 className="font-semibold">Inclusion criteria</h3>
        <p className="whitespace-pre-wrap text-slate-700">{props.criteria.inclusion || "Not written yet (see Protocol)."}</p>
        <h3 className="mt-2 font-semibold">Exclusion criteria</h3>
        <p className="whitespace-pre-wrap text-slate-700">{props.criteria.exclusion || "Not written yet (see Protocol)."}</p>
      </section>
    </aside>
  );
}
