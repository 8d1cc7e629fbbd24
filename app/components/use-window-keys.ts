"use client";
import { useEffect, useRef, useState } from "react";

/**
 * Listens for keydown on the window with the latest handler, and says when it is listening, so a
 * page can mark (`data-keys="on"`) that its shortcuts work: keys pressed on the server-rendered
 * page before hydration go nowhere.
 */
export function useWindowKeys(onKey: (event: KeyboardEvent) => void): boolean {
  const latest = useRef(onKey);
  useEffect(() => {
    latest.current = onKey;
  });
  const [listening, setListening] = useState(false);
  useEffect(() => {
    const handler = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener("keydown", handler);
    // Set from a callback, not the effect body: the listener is attached by the time it runs.
    queueMicrotask(() => setListening(true));
    return () => window.removeEventListener("keydown", handler);
  }, []);
  return listening;
}
