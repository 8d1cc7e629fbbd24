import { highlightText } from "@/lib/screening/highlight";

const STYLE = { include: "rounded-sm bg-emerald-100 px-0.5 text-emerald-900", exclude: "rounded-sm bg-rose-100 px-0.5 text-rose-900" } as const;

/** Renders highlight segments as text nodes: React escapes them, so no record text becomes HTML. */
export function HighlightedText({ text, include, exclude }: { text: string; include: readonly string[]; exclude: readonly string[] }) {
  return (
    <>
      {highlightText(text, include, exclude).map((segment, i) =>
        segment.kind === "plain" ? (
          <span key={i}>{segment.text}</span>
        ) : (
          <mark key={i} className={STYLE[segment.kind]} data-highlight={segment.kind}>
            {segment.text}
          </mark>
        ),
      )}
    </>
  );
}
