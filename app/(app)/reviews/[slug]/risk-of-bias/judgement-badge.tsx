import type { Judgement } from "@/lib/rob/tools";

const STYLE: Record<Judgement, { glyph: string; className: string; label: string }> = {
  LOW: { glyph: "+", className: "bg-[#02C100] text-white", label: "Low" },
  UNCLEAR: { glyph: "\u2212", className: "bg-[#E2DF07] text-black", label: "Unclear" },
  SOME_CONCERNS: { glyph: "\u2212", className: "bg-[#E2DF07] text-black", label: "Some concerns" },
  HIGH: { glyph: "\u00d7", className: "bg-[#BF0000] text-white", label: "High" },
};

/** A judgement as robvis draws it (glyph on colour) with its word, so colour is never the only cue. */
export function JudgementBadge({ judgement, small = false }: { judgement: Judgement; small?: boolean }) {
  const s = STYLE[judgement];
  return (
    <span className={`inline-flex items-center gap-1 ${small ? "text-[11px]" : "text-xs"}`} data-judgement={judgement}>
      <span aria-hidden="true" className={`inline-flex h-4 w-4 items-center justify-center rounded-full font-bold ${s.className}`}>{s.glyph}</span>
      {s.label}
    </span>
  );
}
