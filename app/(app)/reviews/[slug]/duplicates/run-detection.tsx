"use client";
import { StatusLines } from "@/app/components/status-lines";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ProgressBar } from "@/app/components/progress-bar";
import type { DetectionEvent } from "@/lib/dedup/schema";

type Progress = Extract<DetectionEvent, { type: "progress" }>;

// Share of the bar each phase fills: comparing is one synchronous step, merging moves per group.
const SPAN: Record<Progress["phase"], [number, number]> = { loading: [0, 15], comparing: [15, 55], merging: [55, 92], queuing: [92, 99], done: [100, 100] };

function describe(p: Progress): string {
  const n = (x: number) => x.toLocaleString("en");
  switch (p.phase) {
    case "loading":
      return `Loading records: ${n(p.done)} of ${n(p.total)}`;
    case "comparing":
      return p.done === p.total ? `Compared ${n(p.total)} new records` : `Comparing ${n(p.total)} new records with every record…`;
    case "merging":
      return `Merging certain duplicates: ${n(p.done)} of ${n(p.total)} groups`;
    case "queuing":
      return `Queuing ${n(p.total)} possible pairs`;
    default:
      return "Finishing…";
  }
}

/** Starts detection and reads its NDJSON progress stream (lib/dedup/detection-stream.ts). */
export function RunDetection({ slug, unchecked }: { slug: string; unchecked: number }) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const running = progress !== null;

  async function start() {
    setMessage("");
    setError("");
    setProgress({ type: "progress", phase: "loading", done: 0, total: 0 });
    try {
      const response = await fetch(`/api/reviews/${slug}/duplicates`, { method: "POST" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? `The server answered ${response.status}.`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as DetectionEvent;
          if (event.type === "progress") setProgress(event);
          else if (event.type === "error") setError(event.error);
          else
            setMessage(
              `Compared ${event.newRecords} new record${event.newRecords === 1 ? "" : "s"}: ${event.groups} group${event.groups === 1 ? "" : "s"} merged or extended, ${event.possiblePairs} possible pair${event.possiblePairs === 1 ? "" : "s"} queued.`,
            );
        }
      }
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  }

  const [from, to] = progress ? SPAN[progress.phase] : [0, 0];
  const percent = progress ? Math.round(from + (to - from) * (progress.total ? progress.done / progress.total : 0)) : 0;
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="run-detection">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={start} disabled={running} className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60">
          {running ? "Running…" : "Run duplicate detection"}
        </button>
        <p className="text-sm text-slate-600">
          {unchecked > 0 ? `${unchecked} record${unchecked === 1 ? "" : "s"} not yet checked for duplicates.` : "Every record has been checked."} Runs compare new records with every record; decided pairs are never asked again.
        </p>
      </div>
      {progress ? (
        <div className="space-y-1">
          <ProgressBar done={percent} total={100} label="Duplicate detection" />
          <p className="text-xs text-slate-600" aria-live="polite">
            {describe(progress)}
          </p>
        </div>
      ) : null}
      <StatusLines message={message} error={error} />
    </div>
  );
}
