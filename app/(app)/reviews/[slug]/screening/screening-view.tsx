"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ScreeningItem } from "@/lib/screening/data";
import type { Stage } from "@/lib/reviews/schema";
import { decideAction, undoDecisionAction } from "@/lib/screening/actions";
import { ProgressBar } from "@/app/components/progress-bar";
import { RecordPanel } from "./record-panel";
import { DecisionPanel, type Settings } from "./decision-panel";
import { FullTextPanel } from "./full-text-panel";
import { useQueueFeed } from "./use-queue-feed";
import { QueueEnd } from "./queue-end";
import { MyLabels } from "./my-labels";
import { useWindowKeys } from "@/app/components/use-window-keys";

type Progress = { mine: { done: number; total: number }; team: { total: number; complete: number } };
type Reason = { id: string; label: string; retired?: boolean };

/**
 * One record at a time. The list holds my recent decisions (for ←) followed by the queue; the
 * record after the current one is always prefetched, so a decision moves on at once and the
 * server call runs behind it. A failed call puts the record back with the error shown.
 * A decision applies only to the record the reviewer has had on screen: held keys (auto-repeat)
 * are ignored, and after each decision the next one waits until the new record has been painted.
 */
export function ScreeningView(props: {
  slug: string;
  stage: Stage;
  history: ScreeningItem[];
  queue: ScreeningItem[];
  /** True when the server already said there is nothing more than `queue`. */
  queueExhausted: boolean;
  progress: Progress;
  reasons: Reason[];
  settings: Settings;
  criteria: { inclusion: string; exclusion: string };
  canRetrieve: boolean;
}) {
  const { slug, stage, settings } = props;
  // Every reason labels saved votes; only active ones are offered (and keyed 1–9) for deciding.
  const allReasons = props.reasons;
  const reasons = allReasons.filter((r) => !r.retired);
  const [items, setItems] = useState<ScreeningItem[]>(() => [...props.history, ...props.queue]);
  const [pos, setPos] = useState(() => (props.queue.length ? props.history.length : Math.max(0, props.history.length - 1)));
  const [mine, setMine] = useState(props.progress.mine);
  // Unsaved reason and note per record; a record without a draft shows its saved vote.
  const [drafts, setDrafts] = useState<Record<string, { reasonId: string | null; note: string }>>({});
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  // Decisions sent but not yet confirmed; while any is in flight the page says so and asks before closing.
  const [saving, setSaving] = useState(0);
  useEffect(() => {
    if (!saving) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [saving]);
  const decided = useRef<string[]>([]); // ids decided in this session, for undo
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const current: ScreeningItem | undefined = items[pos];
  const draft = current ? (drafts[current.id] ?? { reasonId: current.myVote?.reasonId ?? null, note: current.myVote?.note ?? "" }) : { reasonId: null, note: "" };
  const { reasonId, note } = draft;
  const setDraft = (change: Partial<typeof draft>) => current && setDrafts((d) => ({ ...d, [current.id]: { ...draft, ...change } }));
  const setReasonId = (value: string | null) => setDraft({ reasonId: value });
  const setNote = (value: string) => setDraft({ note: value });

  const patch = useCallback((id: string, change: Partial<ScreeningItem>) => setItems((list) => list.map((it) => (it.id === id ? { ...it, ...change } : it))), []);
  // Returns the same list when nothing is new, so an empty answer causes no re-render.
  const append = useCallback((more: ScreeningItem[]) => {
    setItems((list) => {
      const fresh = more.filter((m) => !list.some((it) => it.id === m.id));
      return fresh.length ? [...list, ...fresh] : list;
    });
  }, []);
  const undecidedIds = useCallback(() => itemsRef.current.filter((it) => !it.myVote).map((it) => it.id), []);
  const feed = useQueueFeed({ slug, stage, items, pos, initiallyExhausted: props.queueExhausted, append, heldUndecidedIds: undecidedIds });

  // The id of the record painted on screen; set one frame after it renders, cleared by a decision.
  const shownId = useRef<string | null>(null);
  // The same, as state, so the page can say (data-shown) when keys start to apply.
  const [shownState, setShownState] = useState<string | null>(null);
  const currentId = current?.id ?? null;
  useEffect(() => {
    shownId.current = null;
    const frame = requestAnimationFrame(() => {
      shownId.current = currentId;
      setShownState(currentId);
    });
    return () => cancelAnimationFrame(frame);
  }, [currentId]);

  function decide(decision: "INCLUDE" | "EXCLUDE" | "MAYBE") {
    if (!current || shownId.current !== current.id) return;
    if (current.resolution) return setError("This record is resolved; an adjudicator can reopen it.");
    if (current.fullText?.status === "NOT_RETRIEVED") return setError("Marked as not retrieved, so its full-text stage is closed. Reopen it to screen it.");
    if (decision === "MAYBE" && !settings.allowMaybe) return setError("“Maybe” is switched off at this stage.");
    const reason = decision === "EXCLUDE" ? reasonId : null;
    if (decision === "EXCLUDE" && stage === "FULL_TEXT" && !reason) return setError("Choose a reason (1–9) to exclude at full text.");
    const item = current;
    shownId.current = null; // the next decision needs the next record on screen first
    const wasNew = !item.myVote;
    const previous = item.myVote;
    patch(item.id, { myVote: { decision, reasonId: reason, note } });
    if (wasNew) {
      setMine((m) => ({ ...m, done: m.done + 1 }));
      decided.current.push(item.id);
    }
    setDrafts(({ [item.id]: _saved, ...rest }) => rest);
    setError("");
    setPos((p) => Math.min(p + 1, itemsRef.current.length));
    setStatus(`${decision.toLowerCase()}d: ${item.title.slice(0, 60)}`);
    setSaving((n) => n + 1);
    decideAction({ slug, stage, recordId: item.id, decision, reasonId: reason ?? "", note, exclude: undecidedIds().filter((id) => id !== item.id) })
      .then((r) => {
        if (r.ok) {
          feed.noteDecisionNext(r.data.next);
          if (r.data.resolved) patch(item.id, { resolution: { outcome: decision, method: "AGREEMENT", reasonId: reason } });
          return;
        }
        throw new Error(r.error);
      })
      .catch((e: Error) => {
        patch(item.id, { myVote: previous });
        if (wasNew) setMine((m) => ({ ...m, done: m.done - 1 }));
        setPos(itemsRef.current.findIndex((it) => it.id === item.id));
        setError(`Not saved: ${e.message}`);
      })
      .finally(() => setSaving((n) => n - 1));
  }

  function undo() {
    const id = decided.current.pop() ?? [...itemsRef.current].reverse().find((it) => it.myVote && !it.resolution)?.id;
    const item = itemsRef.current.find((it) => it.id === id);
    if (!item?.myVote) return setError("Nothing to undo.");
    undoDecisionAction({ slug, stage, recordId: item.id }).then((r) => {
      if (!r.ok) return setError(r.error);
      patch(item.id, { myVote: null });
      setMine((m) => ({ ...m, done: m.done - 1 }));
      setPos(itemsRef.current.findIndex((it) => it.id === item.id));
      setStatus(`Undone: ${item.title.slice(0, 60)}`);
    });
  }

  const move = (delta: number) => {
    setError("");
    setPos((p) => Math.max(0, Math.min(p + delta, itemsRef.current.length - 1)));
  };

  // Keyboard shortcuts, ignored while typing in a field (Escape leaves the field).
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      if (e.key === "Escape") target.blur();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const key = e.key.toLowerCase();
    // A held key repeats; only the first press decides (or undoes), so nothing is decided unseen.
    if (e.repeat && ["i", "e", "m", "u"].includes(key)) return e.preventDefault();
    if (key === "i") decide("INCLUDE");
    else if (key === "e") decide("EXCLUDE");
    else if (key === "m") decide("MAYBE");
    else if (key === "u") undo();
    else if (key === "arrowleft") move(-1);
    else if (key === "arrowright") move(1);
    else if (/^[1-9]$/.test(key) && reasons[Number(key) - 1]) setReasonId(reasonId === reasons[Number(key) - 1].id ? null : reasons[Number(key) - 1].id);
    else return;
    e.preventDefault();
  };
  const listening = useWindowKeys(onKey);

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <div className="flex gap-2 text-xs text-slate-600">
            <p>
              My progress: {mine.done} of {mine.total}
            </p>
            <p data-testid="save-state">{saving ? "Saving…" : mine.done ? "All decisions saved" : ""}</p>
          </div>
          <ProgressBar done={mine.done} total={mine.total} label="My progress" />
        </div>
        <div>
          <p className="text-xs text-slate-600">
            Team: {props.progress.team.complete} of {props.progress.team.total} records with all votes in
          </p>
          <ProgressBar done={props.progress.team.complete} total={props.progress.team.total} label="Team progress" />
        </div>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>
      {current ? (
        <div className={stage === "FULL_TEXT" ? "grid gap-4 xl:grid-cols-[1fr_1fr_20rem]" : "grid gap-4 lg:grid-cols-[1fr_22rem]"} data-shown={listening && shownState === current.id}>
          <RecordPanel slug={slug} item={current} reasons={allReasons} include={settings.highlightInclude} exclude={settings.highlightExclude} position={pos} />
          {stage === "FULL_TEXT" ? <FullTextPanel slug={slug} item={current} canRetrieve={props.canRetrieve} onChange={(fullText) => patch(current.id, { fullText })} /> : null}
          <div className="space-y-4">
            <DecisionPanel
              stage={stage}
              settings={settings}
              reasons={reasons}
              reasonId={reasonId}
              onReason={setReasonId}
              note={note}
              onNote={setNote}
              onDecide={decide}
              onUndo={undo}
              onMove={move}
              error={error}
              locked={Boolean(current.resolution) || current.fullText?.status === "NOT_RETRIEVED"}
              criteria={props.criteria}
            />
            <MyLabels slug={slug} recordId={current.id} />
          </div>
        </div>
      ) : (
        <QueueEnd saving={saving > 0} exhausted={feed.exhausted} failed={feed.failed} checking={feed.loading} onCheckAgain={feed.checkAgain} />
      )}
    </div>
  );
}
