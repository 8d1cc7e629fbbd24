import type { DemoNotice as Notice } from "@/lib/demo/data";

const SOURCES = {
  "001": "Zhang et al. 2025, Front Endocrinol 16:1625969 (MSC-EVs in osteoporosis models)",
  "000": "Mai, Ke & Yao 2025 (MSC-EVs in bone regeneration)",
} as const;

/** Says plainly which stages of a demo review hold the seed article's own data and which are left to try. */
export function DemoNotice({ notice }: { notice: Notice }) {
  return (
    <section aria-labelledby="demo-heading" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="demo-notice">
      <h2 id="demo-heading" className="font-semibold">
        Demo review: built from {SOURCES[notice.seed]}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {notice.stages.map((s) => (
          <li key={s.stage}>
            <span className={s.holds === "seed" ? "font-medium text-emerald-800" : "font-medium text-slate-700"}>
              {s.stage}: {s.holds === "seed" ? "the article's own data." : "left for you to try."}
            </span>{" "}
            {s.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
