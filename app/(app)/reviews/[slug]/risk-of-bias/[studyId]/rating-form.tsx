"use client";
import { useState } from "react";
import { ActionForm, FieldError, SubmitButton } from "@/app/components/action-form";
import { saveRatingAction, submitAssessmentAction } from "@/lib/rob/actions";
import { ALLOWED_ANSWERS, proposeJudgement, worstJudgement } from "@/lib/rob/derive";
import { judgementLabel, type Judgement, type RobItem, type RobTool } from "@/lib/rob/tools";
import type { RatingView } from "@/lib/rob/data";

const ANSWER_WORDS: Record<string, string> = { Y: "Yes", PY: "Probably yes", PN: "Probably no", N: "No", NI: "No information", U: "Unclear", NA: "Not applicable" };

/** One item: signalling questions (radio groups) propose the judgement live; the rater may override it with a reason. */
function ItemForm({ slug, studyId, tool, item, saved, experiment, proposedOverall }: { slug: string; studyId: string; tool: RobTool; item: RobItem | null; saved?: RatingView; experiment: string; proposedOverall?: Judgement | null }) {
  const id = item?.id ?? "overall";
  const [answers, setAnswers] = useState<Record<string, string>>(saved?.answers ?? {});
  const proposed = item ? proposeJudgement(tool, item, answers) : (proposedOverall ?? null);
  const [choice, setChoice] = useState<Judgement | "">(saved?.judgement ?? "");
  const judgement = choice || proposed || "";
  const overriding = proposed !== null && judgement !== "" && judgement !== proposed;
  const prefix = `r-${id}-${experiment || "study"}`.replace(/\W/g, "-");
  return (
    <ActionForm action={saveRatingAction} className="space-y-2 rounded border border-slate-200 p-3" aria-label={`${experiment ? `${experiment}: ` : ""}${id === "overall" ? "Overall" : `Item ${id}`}`} successMessage="Saved.">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="studyId" value={studyId} />
      <input type="hidden" name="item" value={id} />
      <input type="hidden" name="experiment" value={experiment} />
      <input type="hidden" name="answers" value={JSON.stringify(answers)} />
      <h4 className="font-medium">{id === "overall" ? "Overall judgement" : `${id}. ${item!.label}`}{item?.biasType ? <span className="ml-2 text-xs font-normal text-slate-600">{item.biasType}</span> : null}</h4>
      {item ? <p className="text-sm">{item.question}</p> : <p className="text-sm">Proposed as the worst item judgement; raise it with a justification if the protocol says so.</p>}
      {item?.questions.map((q) => (
        <fieldset key={q.id} className="text-sm">
          <legend className="text-slate-800">{q.id} {q.text}</legend>
          <div className="flex flex-wrap gap-3">
            {ALLOWED_ANSWERS[tool.id].map((a) => (
              <label key={a} className="inline-flex items-center gap-1">
                <input type="radio" name={`${prefix}-${q.id}`} value={a} checked={answers[q.id] === a} onChange={() => setAnswers({ ...answers, [q.id]: a })} />
                {ANSWER_WORDS[a]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {item?.guidance ? <p className="text-xs text-slate-600">{item.guidance}</p> : null}
      <p className="text-sm" data-testid={`proposed-${id}`}>Proposed: <strong>{proposed ? judgementLabel(proposed) : "answer the questions"}</strong></p>
      <label className="block text-sm">
        Judgement
        <select name="judgement" value={judgement} onChange={(e) => setChoice(e.target.value as Judgement)} className="ml-2 rounded border border-slate-300">
          <option value="">Choose…</option>
          {tool.judgements.map((j) => <option key={j} value={j}>{judgementLabel(j)}</option>)}
        </select>
      </label>
      <FieldError name="judgement" />
      <label className="block text-sm">
        Supporting quote or note {judgement === "LOW" || judgement === "HIGH" ? "(required)" : "(optional)"}
        <textarea name="support" defaultValue={saved?.support ?? ""} rows={2} className="mt-1 block w-full rounded border border-slate-300 p-1" />
      </label>
      <FieldError name="support" />
      {overriding ? (
        <label className="block text-sm">
          Reason for departing from the proposed judgement
          <textarea name="overrideReason" defaultValue={saved?.overrideReason ?? ""} rows={2} className="mt-1 block w-full rounded border border-slate-300 p-1" />
        </label>
      ) : null}
      <FieldError name="overrideReason" />
      <FieldError name="answers" />
      <SubmitButton>Save {id === "overall" ? "overall" : `item ${id}`}</SubmitButton>
    </ActionForm>
  );
}

export function RatingForm({ slug, studyId, tool, ratings, showOverall, status }: { slug: string; studyId: string; tool: RobTool; ratings: RatingView[]; showOverall: boolean; status: string | null }) {
  const [experiments, setExperiments] = useState<string[]>([...new Set(ratings.filter((r) => r.experiment).map((r) => r.experiment))]);
  const [draft, setDraft] = useState("");
  const find = (item: string, experiment = "") => ratings.find((r) => r.item === item && r.experiment === experiment);
  const overall = worstJudgement(tool.items.map((i) => find(i.id)?.judgement));
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="assessment-status">Your assessment: {status === "SUBMITTED" ? "submitted" : status ? "in progress" : "not started"}</p>
      {tool.items.map((item) => <ItemForm key={item.id} slug={slug} studyId={studyId} tool={tool} item={item} saved={find(item.id)} experiment="" />)}
      {showOverall ? <ItemForm slug={slug} studyId={studyId} tool={tool} item={null} saved={find("overall")} experiment="" proposedOverall={overall} /> : null}
      <details className="rounded border border-slate-200 p-3 text-sm">
        <summary className="cursor-pointer font-medium">Override an item for one experiment</summary>
        <div className="mt-2 flex items-end gap-2">
          <label>Experiment name<input value={draft} onChange={(e) => setDraft(e.target.value)} className="ml-1 rounded border border-slate-300 p-1" /></label>
          <button type="button" className="rounded border border-slate-300 px-2 py-1" onClick={() => { if (draft.trim() && !experiments.includes(draft.trim())) setExperiments([...experiments, draft.trim()]); setDraft(""); }}>Add experiment</button>
        </div>
        {experiments.map((exp) => (
          <details key={exp} className="mt-2">
            <summary>{exp}</summary>
            {tool.items.map((item) => <ItemForm key={item.id} slug={slug} studyId={studyId} tool={tool} item={item} saved={find(item.id, exp)} experiment={exp} />)}
          </details>
        ))}
      </details>
      <ActionForm action={submitAssessmentAction} aria-label="Submit assessment" successMessage="Submitted.">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="studyId" value={studyId} />
        <SubmitButton>{status === "SUBMITTED" ? "Submitted: submit again" : "Submit assessment"}</SubmitButton>
      </ActionForm>
    </div>
  );
}
