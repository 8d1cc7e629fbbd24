"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ScreeningItem } from "@/lib/screening/data";
import type { Stage } from "@/lib/reviews/schema";
import { nextRecordsAction } from "@/lib/screening/actions";

/** How many records nextRecordsAction asks for; fewer back means the server has no more. */
export const NEXT_LIMIT = 2;
/** An empty queue is asked again at most this often (a colleague's vote may free a record). */
export const EMPTY_QUEUE_POLL_MS = 30_000;

/**
 * Keeps one undecided record prefetched beyond the current one, without ever fetching in a loop.
 * The queue is "exhausted" only when the server answered with fewer records than asked for; from
 * then on it is asked again only on a real event: a decision (whose answer carries the next
 * record), the reviewer pressing "Check again", or a poll every 30 s while the tab is visible.
 * A failed fetch also stops automatic fetching until one of those events.
 */
export function useQueueFeed(opts: {
  slug: string;
  stage: Stage;
  items: ScreeningItem[];
  pos: number;
  initiallyExhausted: boolean;
  append: (more: ScreeningItem[]) => void;
  heldUndecidedIds: () => string[];
}) {
  const { slug, stage, items, pos, append, heldUndecidedIds } = opts;
  const [exhausted, setExhausted] = useState(opts.initiallyExhausted);
  const [failed, setFailed] = useState("");
  const [inFlight, setInFlight] = useState(false);
  const fetching = useRef(false);

  const fetchMore = useCallback(() => {
    if (fetching.current) return;
    fetching.current = true;
    setInFlight(true);
    nextRecordsAction({ slug, stage, exclude: heldUndecidedIds() })
      .then((r) => {
        if (!r.ok) throw new Error(r.error);
        append(r.data.items);
        setExhausted(r.data.items.length < NEXT_LIMIT);
        setFailed("");
      })
      .catch((e: Error) => setFailed(e.message || "The next records could not be loaded."))
      .finally(() => {
        fetching.current = false;
        setInFlight(false);
      });
  }, [slug, stage, append, heldUndecidedIds]);

  // A record marked "not retrieved" is done at full text, like a decided one.
  const ahead = items.slice(pos + 1).filter((it) => !it.myVote && it.fullText?.status !== "NOT_RETRIEVED").length;
  useEffect(() => {
    if (ahead >= 1 || exhausted || failed) return;
    fetchMore();
  }, [ahead, exhausted, failed, fetchMore]);

  // An empty queue is polled slowly, and not at all while the tab is hidden.
  useEffect(() => {
    if (!exhausted) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") fetchMore();
    }, EMPTY_QUEUE_POLL_MS);
    return () => window.clearInterval(timer);
  }, [exhausted, fetchMore]);

  /** A decision's answer: its `next` (asked with limit 1) tells whether more remain. */
  const noteDecisionNext = useCallback((next: ScreeningItem[]) => {
    append(next);
    if (next.length > 0) setExhausted(false);
    else setExhausted(true);
  }, [append]);

  const checkAgain = useCallback(() => {
    setFailed("");
    fetchMore();
  }, [fetchMore]);

  return { exhausted, failed, loading: inFlight, noteDecisionNext, checkAgain };
}
