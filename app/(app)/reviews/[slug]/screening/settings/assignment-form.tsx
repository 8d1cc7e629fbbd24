"use client";
import { useState } from "react";
import { ActionForm, FieldError, SubmitButton } from "@/app/components/action-form";
import { assignNewRecordsAction, setStageAssignmentAction } from "@/lib/screening/assignment-actions";
import type { AssignmentMode } from "@/lib/screening/assignment";

type Person = { id: string; name: string };
export type AssignmentSummary = {
  plan: { mode: "SPLIT" | "CHECK"; seed: string; reviewerIds: readonly string[]; perRecord?: number; checkPercent?: number };
  records: number;
  unassigned: number;
  reviewers: { id: string; name: string; inPlan: boolean; assigned: number; voted: number }[];
} | null;

const MODES: { value: AssignmentMode; label: string; hint: string }[] = [
  { value: "EVERYONE", label: "Everyone screens everything", hint: "Every reviewer gets every record; the votes per record above apply." },
  { value: "SPLIT", label: "Split among reviewers", hint: "Each record goes to a fixed number of the chosen reviewers, balanced between them." },
  { value: "CHECK", label: "One screens all, a second checks a share", hint: "The first reviewer screens every record; the second a random share, for kappa on the overlap." },
];

/** An owner's assignment of one stage's records: the rule, its reviewers and seed, and what it drew. */
export function AssignmentForm({ slug, stage, legend, reviewers, summary }: { slug: string; stage: string; legend: string; reviewers: Person[]; summary: AssignmentSummary }) {
  const plan = summary?.plan ?? null;
  const [mode, setMode] = useState<AssignmentMode>(plan?.mode ?? "EVERYONE");
  const prefix = `${stage}-assign`;
  return (
    <section className="space-y-2 rounded border border-slate-200 p-3" aria-labelledby={`${prefix}-heading`} data-testid={`assignment-${stage}`}>
      <h3 id={`${prefix}-heading`} className="text-sm font-semibold">
        {legend}: who screens which records
      </h3>
      {summary ? <AssignmentTable summary={summary} /> : null}
      {summary && summary.unassigned > 0 ? (
        <ActionForm action={assignNewRecordsAction} className="flex items-center gap-2" successMessage="New records assigned.">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="stage" value={stage} />
          <span className="text-sm">{summary.unassigned} records arrived since the draw.</span>
          <SubmitButton variant="quiet">Assign them by the same rule</SubmitButton>
        </ActionForm>
      ) : null}
      <ActionForm action={setStageAssignmentAction} className="space-y-2" aria-label={`${legend} assignment`} successMessage="Assignment saved.">
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="stage" value={stage} />
        <fieldset className="space-y-1">
          <legend className="sr-only">Assignment mode</legend>
          {MODES.map((m) => (
            <label key={m.value} className="flex items-start gap-2 text-sm">
              <input type="radio" name="mode" value={m.value} checked={mode === m.value} onChange={() => setMode(m.value)} className="mt-1" />
              <span>
                {m.label}
                <span className="block text-xs text-slate-500">{m.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === "SPLIT" ? (
          <div className="space-y-1 pl-5">
            <fieldset>
              <legend className="text-sm font-medium">Reviewers who share the records</legend>
              {reviewers.map((p) => (
                <label key={p.id} className="mr-4 inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="reviewerIds" value={p.id} defaultChecked={plan?.mode === "SPLIT" ? plan.reviewerIds.includes(p.id) : true} /> {p.name}
                </label>
              ))}
            </fieldset>
            <FieldError name="reviewerIds" />
            <label className="block text-sm">
              Reviewers per record{" "}
              <input type="number" name="perRecord" min={1} max={10} defaultValue={plan?.perRecord ?? 2} className="w-16 rounded border border-slate-300 px-1" />
              <span className="ml-2 text-xs text-slate-500">1 = a pure split (one vote settles a record); 2 = every record screened twice.</span>
            </label>
            <FieldError name="perRecord" />
          </div>
        ) : null}
        {mode === "CHECK" ? (
          <div className="space-y-1 pl-5">
            <label className="block text-sm">
              Screens every record{" "}
              <ReviewerSelect name="primaryId" reviewers={reviewers} defaultValue={plan?.mode === "CHECK" ? plan.reviewerIds[0] : (reviewers[0]?.id ?? "")} />
            </label>
            <FieldError name="primaryId" />
            <label className="block text-sm">
              Checks a share{" "}
              <ReviewerSelect name="checkerId" reviewers={reviewers} defaultValue={plan?.mode === "CHECK" ? plan.reviewerIds[1] : (reviewers[1]?.id ?? "")} />
            </label>
            <FieldError name="checkerId" />
            <label className="block text-sm">
              Share checked (%){" "}
              <input type="number" name="checkPercent" min={1} max={100} defaultValue={plan?.checkPercent ?? 20} className="w-16 rounded border border-slate-300 px-1" />
            </label>
            <FieldError name="checkPercent" />
          </div>
        ) : null}
        {mode !== "EVERYONE" ? (
          <div className="pl-5">
            <label className="block text-sm">
              Seed{" "}
              <input name="seed" defaultValue="" placeholder={plan ? `blank: new seed (now ${plan.seed})` : "blank: a new random seed"} className="w-56 rounded border border-slate-300 px-1" />
            </label>
            <p className="text-xs text-slate-500">The same seed, reviewers and records always give the same assignment. Saving re-draws every open record; votes already cast stay with their reviewers.</p>
            <FieldError name="seed" />
          </div>
        ) : null}
        <SubmitButton>{plan ? "Save and re-draw" : "Save assignment"}</SubmitButton>
      </ActionForm>
    </section>
  );
}

function AssignmentTable({ summary }: { summary: NonNullable<AssignmentSummary> }) {
  const { plan } = summary;
  return (
    <div className="text-sm">
      <p>
        {plan.mode === "SPLIT" ? `Split, ${plan.perRecord} per record` : `Check share ${plan.checkPercent}%`} · seed <code>{plan.seed}</code> · {summary.records} records assigned
      </p>
      <table className="mt-1 text-left text-sm" data-testid="assignment-counts">
        <thead className="text-xs text-slate-600">
          <tr>
            <th className="pr-4">Reviewer</th>
            <th className="pr-4">Assigned</th>
            <th>Screened</th>
          </tr>
        </thead>
        <tbody>
          {summary.reviewers.map((r) => (
            <tr key={r.id}>
              <td className="pr-4">
                {r.name}
                {r.inPlan ? "" : " (not in the plan: kept the records they had voted on)"}
              </td>
              <td className="pr-4 tabular-nums">{r.assigned}</td>
              <td className="tabular-nums">{r.voted}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewerSelect({ name, reviewers, defaultValue }: { name: string; reviewers: { id: string; name: string }[]; defaultValue: string }) {
  return (
    <select name={name} defaultValue={defaultValue} className="rounded border border-slate-300">
      {reviewers.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
