"use client";
import { ActionForm, FieldError, SubmitButton } from "@/app/components/action-form";
import { acceptAgreementsAction, setConsensusAction } from "@/lib/rob/actions";
import { judgementLabel, type Judgement } from "@/lib/rob/tools";
import type { AssessmentView, RatingView } from "@/lib/rob/data";
import { JudgementBadge } from "../judgement-badge";

type Row = { item: string; experiment: string; label: string };

/** Side-by-side raters' judgements, disagreements first and marked, with a consensus form per item. */
export function ConsensusView({ slug, studyId, rows, raters, consensus, judgements, canReconcile }: { slug: string; studyId: string; rows: Row[]; raters: AssessmentView[]; consensus: RatingView[]; judgements: readonly Judgement[]; canReconcile: boolean }) {
  const find = (list: RatingView[], r: Row) => list.find((x) => x.item === r.item && x.experiment === r.experiment);
  const disagree = (r: Row) => new Set(raters.map((a) => find(a.ratings, r)?.judgement)).size > 1;
  const ordered = [...rows].sort((a, b) => Number(disagree(b)) - Number(disagree(a)));
  return (
    <div className="space-y-3">
      {canReconcile ? (
        <ActionForm action={acceptAgreementsAction} aria-label="Accept agreements" successMessage="Agreed items taken as consensus.">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="studyId" value={studyId} />
          <SubmitButton variant="quiet">Take every agreed item as consensus</SubmitButton>
        </ActionForm>
      ) : null}
      <table className="w-full text-sm" data-testid="rob-comparison">
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col">Item</th>
            {raters.map((a) => <th key={a.raterId} scope="col">{a.raterName}</th>)}
            <th scope="col">Consensus</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((r) => {
            const settled = find(consensus, r);
            const conflict = disagree(r);
            return (
              <tr key={`${r.item}|${r.experiment}`} className={`border-t border-slate-100 align-top ${conflict ? "bg-amber-50" : ""}`} data-item={r.item} data-disagreement={conflict ? "yes" : "no"}>
                <th scope="row" className="text-left font-normal">{r.label}{conflict ? <span className="ml-1 text-xs font-semibold text-amber-800">disagreement</span> : null}</th>
                {raters.map((a) => {
                  const x = find(a.ratings, r);
                  return <td key={a.raterId}>{x ? <><JudgementBadge judgement={x.judgement} /><div className="text-xs italic">{x.support}</div>{x.overrideReason ? <div className="text-xs">Override: {x.overrideReason}</div> : null}</> : "—"}</td>;
                })}
                <td>
                  {settled ? <div><JudgementBadge judgement={settled.judgement} /><div className="text-xs">{settled.support}</div></div> : null}
                  {canReconcile ? (
                    <ActionForm action={setConsensusAction} className="mt-1 space-y-1" aria-label={`Consensus for ${r.label}`} successMessage="Consensus saved.">
                      <input type="hidden" name="slug" value={slug} />
                      <input type="hidden" name="studyId" value={studyId} />
                      <input type="hidden" name="item" value={r.item} />
                      <input type="hidden" name="experiment" value={r.experiment} />
                      <label className="block text-xs">Consensus judgement
                        <select name="judgement" defaultValue={settled?.judgement ?? ""} className="ml-1 rounded border border-slate-300">
                          <option value="">Choose…</option>
                          {judgements.map((j) => <option key={j} value={j}>{judgementLabel(j)}</option>)}
                        </select>
                      </label>
                      <label className="block text-xs">Note{conflict ? " (how it was settled)" : ""}
                        <input name="note" className="ml-1 rounded border border-slate-300 p-0.5" />
                      </label>
                      <FieldError name="note" />
                      <SubmitButton variant="quiet">Save consensus</SubmitButton>
                    </ActionForm>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
