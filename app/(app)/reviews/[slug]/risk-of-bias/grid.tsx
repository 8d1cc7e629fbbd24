import Link from "next/link";
import type { RatingView } from "@/lib/rob/data";
import type { RobItem } from "@/lib/rob/tools";

export type GridRow = {
  id: string;
  label: string;
  revealed: boolean;
  raterCount: number;
  mine: { status: string } | null;
  assessments: { raterId: string; raterName: string; status: string; ratings: RatingView[] }[];
  consensus: RatingView[];
};

const SHORT: Record<string, string> = { LOW: "+ Low", UNCLEAR: "\u2212 Unclear", SOME_CONCERNS: "\u2212 Some concerns", HIGH: "\u00d7 High" };
const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** One cell, kept to a few elements: 2,000 of them must render in a fraction of the 300 ms budget. */
function Cell({ rating, others }: { rating?: RatingView; others: { name: string; rating?: RatingView }[] }) {
  if (!rating && others.every((o) => !o.rating)) return <span className="text-slate-400">—</span>;
  const answers = rating ? Object.entries(rating.answers).map(([q, a]) => `${q} ${a}`).join(", ") : "";
  return (
    <>
      {rating ? <span className={`rob-${rating.judgement} block font-medium`}>{SHORT[rating.judgement]}</span> : null}
      {answers ? <span className="block text-[10px] text-slate-600">{answers}</span> : null}
      {rating?.support ? <q className="block text-[10px] italic" title={rating.support.length > 50 ? rating.support : undefined}>{clip(rating.support, 50)}</q> : null}
      {others.map((o) => (o.rating ? <span key={o.name} className="block text-[10px]">{o.name}: {SHORT[o.rating.judgement]}</span> : null))}
    </>
  );
}

/**
 * The studies × items grid. Each cell shows the consensus if there is one, otherwise the
 * viewer's own judgement, with its signalling answers and quote; the other raters' judgements
 * appear only in rows the data layer has revealed (it never sends them otherwise).
 */
export function RobGrid({ slug, items, rows, viewerId, showOverall, canAppraise }: { slug: string; items: RobItem[]; rows: GridRow[]; viewerId: string; showOverall: boolean; canAppraise: boolean }) {
  const columns = [...items.map((i) => ({ id: i.id, label: i.label })), ...(showOverall ? [{ id: "overall", label: "Overall" }] : [])];
  return (
    <div className="overflow-x-auto">
      <style>{".rob-LOW{color:#016b00}.rob-UNCLEAR,.rob-SOME_CONCERNS{color:#6b6900}.rob-HIGH{color:#9b0000}"}</style>
      <table className="text-left text-xs" data-testid="rob-grid">
        <caption className="sr-only">Risk of bias by study and item</caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 bg-white p-1">Study</th>
            {columns.map((c) => <th key={c.id} scope="col" className="p-1 align-bottom" title={c.label}>{c.id}<span className="block max-w-24 font-normal text-slate-600">{c.label}</span></th>)}
            <th scope="col" className="p-1">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const whole = (list: RatingView[], item: string) => list.find((r) => r.item === item && r.experiment === "");
            const mine = row.assessments.find((a) => a.raterId === viewerId);
            const others = row.assessments.filter((a) => a.raterId !== viewerId);
            const overrides = (mine?.ratings ?? []).filter((r) => r.experiment !== "").length;
            return (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-testid="rob-row" data-study={row.label}>
                <th scope="row" className="sticky left-0 bg-white p-1 font-medium">
                  <Link className="underline" href={`/reviews/${slug}/risk-of-bias/${row.id}`}>{row.label}</Link>
                  {overrides ? <span className="block text-[10px] font-normal text-slate-600">{overrides} experiment override{overrides === 1 ? "" : "s"}</span> : null}
                </th>
                {columns.map((c) => {
                  const consensus = whole(row.consensus, c.id);
                  return (
                    <td key={c.id} className="p-1" data-item={c.id}>
                      <Cell rating={consensus ?? (mine ? whole(mine.ratings, c.id) : undefined)} others={consensus ? [] : others.map((o) => ({ name: o.raterName, rating: whole(o.ratings, c.id) }))} />
                    </td>
                  );
                })}
                <td className="p-1 text-[11px]">
                  {row.consensus.length ? "consensus" : row.revealed ? "ready for consensus" : mine ? (mine.status === "SUBMITTED" ? "you submitted" : "in progress") : canAppraise ? "not rated by you" : `${row.raterCount} rater${row.raterCount === 1 ? "" : "s"}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
