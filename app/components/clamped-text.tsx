"use client";
import { useState } from "react";

/**
 * Long text cut to `limit` characters with a "more" toggle, so one absurd field (a 100,000-
 * character title from a broken export) cannot stretch a page to thousands of pixels.
 */
export function ClampedText({ text, limit = 600, children }: { text: string; limit?: number; children?: (shown: string) => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  const shown = long && !open ? `${text.slice(0, limit).trimEnd()}…` : text;
  return (
    <>
      {children ? children(shown) : shown}
      {long ? (
        <button type="button" onClick={() => setOpen((o) => !o)} className="ml-1 text-sm font-normal text-brand-700 underline" aria-expanded={open}>
          {open ? "less" : `more (${text.length.toLocaleString("en")} characters)`}
        </button>
      ) : null}
    </>
  );
}
