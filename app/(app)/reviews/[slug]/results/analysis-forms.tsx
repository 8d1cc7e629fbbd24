"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import { createAnalysisAction, deleteAnalysisAction, saveGradeAction, updateAnalysisAction } from "@/lib/analyses/actions";
import { CERTAINTY, MEASURE_LABELS, MEASURES, METHODS, ROB_FIELD_PREFIX, TAU2_METHODS, type AnalysisDefinition, type GradeJudgement } from "@/lib/analyses/schema";

type Choices = { outcomes?: { outcome: string; timepoints: string[] }[]; fields: string[]; robItems: string[] };

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
const label = "block text-sm font-medium text-slate-700";

function useSubmit<T>(after: (data: T) => void) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const submit = (call: () => Promise<ActionResult<T>>) =>
    start(async () => {
      const result = await call();
      if (!result.ok) {
        const details = Object.entries(result.fieldErrors ?? {}).map(([k, v]) => `${k}: ${(v ?? []).join(" ")}`);
        setError([result.error, ...details].join(" "));
        return;
      }
      setError(null);
      after(result.data);
    });
  return { pending, error, submit };
}

const text = (f: FormData, k: string) => String(f.get(k) ?? "").trim();
const optional = (f: FormData, k: string) => text(f, k) || undefined;
const optionalNumber = (f: FormData, k: string) => (text(f, k) === "" ? undefined : Number(text(f, k)));

/** "Study: reason" per line → exclusions. */
function exclusionsFrom(raw: string) {
  return raw.split("\n").map((l) => l.trim()).filter(Boolean).map((line) => {
    const at = line.lastIndexOf(":");
    return at > 0 ? { study: line.slice(0, at).trim(), reason: line.slice(at + 1).trim() || "excluded" } : { study: line, reason: "excluded" };
  });
}

function definitionFrom(f: FormData): AnalysisDefinition {
  return {
    name: text(f, "name"), outcome: text(f, "outcome"), timepoint: text(f, "timepoint"),
    measure: text(f, "measure") as AnalysisDefinition["measure"], method: text(f, "method") as AnalysisDefinition["method"],
    options: {
      test: f.get("knha") ? "knha" : "z", smdVariant: text(f, "smdVariant") === "revman" ? "revman" : "metafor",
      prediction: f.get("prediction") !== null, direction: optional(f, "direction") as "higher" | "lower" | undefined,
      subgroup: optional(f, "subgroup"), subgroupThreshold: optionalNumber(f, "subgroupThreshold"), bonferroni: optionalNumber(f, "bonferroni"),
      moderator: optional(f, "moderator"), moderatorLog10: f.get("moderatorLog10") !== null,
      exclusions: exclusionsFrom(text(f, "exclusions")),
      timepointRule: text(f, "timepointRule") === "combine" ? "combine" : "one", withinR: optionalNumber(f, "withinR") ?? 1,
      sensitivity: { highRiskItems: f.getAll("highRiskItems").map(String), altTau2: (text(f, "altTau2") || "REML") as AnalysisDefinition["options"]["sensitivity"]["altTau2"], yearField: text(f, "yearField") },
      funnelContours: f.get("funnelContours") !== null,
    },
  };
}

function Select({ name, title, value, options, empty }: { name: string; title: string; value?: string; options: { value: string; label: string }[]; empty?: string }) {
  // A separate label (not wrapping the select), so the select's accessible name is the title alone.
  const id = `${useId()}-${name}`;
  return (
    <div>
      <label htmlFor={id} className={label}>{title}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={input}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** Owners: defines a new analysis or changes one (subgroups, moderator, exclusions, sensitivity choices). */
export function AnalysisDefinitionForm({ slug, analysisId, initial, choices }: { slug: string; analysisId?: string; initial?: AnalysisDefinition; choices: Choices }) {
  const router = useRouter();
  const { pending, error, submit } = useSubmit<unknown>((data) => {
    if (!analysisId && data && typeof data === "object" && "id" in data) router.push(`/reviews/${slug}/results/${(data as { id: string }).id}`);
    else router.refresh();
  });
  const o = initial?.options;
  const fieldOptions = [...choices.fields.map((f) => ({ value: f, label: f })), ...choices.robItems.map((i) => ({ value: `${ROB_FIELD_PREFIX}${i}`, label: `Risk of bias: ${i}` }))];
  return (
    <form
      aria-label={analysisId ? "Analysis settings" : "New analysis"}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const definition = definitionFrom(new FormData(e.currentTarget));
        submit(() => (analysisId ? updateAnalysisAction({ slug, analysisId, definition }) : createAnalysisAction({ slug, definition })) as Promise<ActionResult<unknown>>);
      }}
    >
      <h3 className="font-medium">{analysisId ? "Analysis settings" : "New analysis"}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className={label}>Name<input name="name" required defaultValue={initial?.name} className={input} /></label>
        {choices.outcomes?.length ? (
          <Select name="outcome" title="Outcome" value={initial?.outcome} options={choices.outcomes.map((c) => ({ value: c.outcome, label: c.outcome }))} />
        ) : (
          <label className={label}>Outcome<input name="outcome" required defaultValue={initial?.outcome} className={input} /></label>
        )}
        <label className={label}>Time point<input name="timepoint" defaultValue={initial?.timepoint} placeholder="(only one)" className={input} /></label>
        <Select name="measure" title="Effect measure" value={initial?.measure ?? "SMD"} options={MEASURES.map((m) => ({ value: m, label: `${m}: ${MEASURE_LABELS[m]}` }))} />
        <Select name="method" title="Model" value={initial?.method ?? "REML"} options={METHODS.map((m) => ({ value: m, label: m === "FE" ? "Fixed effect (inverse variance)" : m === "MH" ? "Fixed effect (Mantel-Haenszel)" : `Random effects, τ² ${m}` }))} />
        <Select name="smdVariant" title="SMD variant" value={o?.smdVariant} options={[{ value: "metafor", label: "Hedges' g (metafor)" }, { value: "revman", label: "RevMan 5" }]} />
        <Select name="subgroup" title="Subgroups by" value={o?.subgroup} empty="No subgroups" options={fieldOptions} />
        <label className={label}>Split a numeric subgroup field at<input name="subgroupThreshold" type="number" step="any" defaultValue={o?.subgroupThreshold} className={input} /></label>
        <label className={label}>Bonferroni: stratifications tested<input name="bonferroni" type="number" min={1} defaultValue={o?.bonferroni} className={input} /></label>
        <Select name="moderator" title="Meta-regression on" value={o?.moderator} empty="No meta-regression" options={choices.fields.map((f) => ({ value: f, label: f }))} />
        <Select name="timepointRule" title="Several time points or comparisons" value={o?.timepointRule} options={[{ value: "one", label: "Use the chosen time point" }, { value: "combine", label: "Combine within study first" }]} />
        <label className={label}>Within-study correlation (combine)<input name="withinR" type="number" min={0} max={1} step="any" defaultValue={o?.withinR ?? 1} className={input} /></label>
        <Select name="altTau2" title="Sensitivity: other τ² estimator" value={o?.sensitivity.altTau2} options={TAU2_METHODS.map((m) => ({ value: m, label: m }))} />
        <Select name="yearField" title="Year (cumulative analysis)" value={o?.sensitivity.yearField} empty="From the study label" options={choices.fields.map((f) => ({ value: f, label: f }))} />
        <Select name="direction" title="NMD: outcome direction" value={o?.direction} empty="From the data" options={[{ value: "higher", label: "Higher is better" }, { value: "lower", label: "Lower is better" }]} />
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label><input type="checkbox" name="knha" defaultChecked={o?.test === "knha"} /> Hartung-Knapp</label>
        <label><input type="checkbox" name="prediction" defaultChecked={o?.prediction ?? true} /> Prediction interval</label>
        <label><input type="checkbox" name="moderatorLog10" defaultChecked={o?.moderatorLog10} /> log10 of the moderator</label>
        <label><input type="checkbox" name="funnelContours" defaultChecked={o?.funnelContours ?? true} /> Contour-enhanced funnel</label>
      </div>
      {choices.robItems.length ? (
        <fieldset className="text-sm">
          <legend className={label}>Sensitivity: exclude studies at high risk on</legend>
          {choices.robItems.map((item) => (
            <label key={item} className="mr-3"><input type="checkbox" name="highRiskItems" value={item} defaultChecked={o?.sensitivity.highRiskItems.includes(item)} /> {item}</label>
          ))}
        </fieldset>
      ) : null}
      <label className={label}>
        Studies left out by the reviewers (one per line: &quot;Study: reason&quot;)
        <textarea name="exclusions" rows={2} defaultValue={o?.exclusions.map((e) => `${e.study}: ${e.reason}`).join("\n")} className={input} />
      </label>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-50">
        {pending ? "Saving…" : analysisId ? "Save and recompute" : "Create analysis"}
      </button>
    </form>
  );
}

export function DeleteAnalysisButton({ slug, analysisId }: { slug: string; analysisId: string }) {
  const router = useRouter();
  const { pending, error, submit } = useSubmit<unknown>(() => router.push(`/reviews/${slug}/results`));
  return (
    <span>
      <button type="button" disabled={pending} onClick={() => confirm("Delete this analysis?") && submit(() => deleteAnalysisAction({ slug, analysisId }) as Promise<ActionResult<unknown>>)} className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
        Delete analysis
      </button>
      {error ? <span role="alert" className="ml-2 text-sm text-red-700">{error}</span> : null}
    </span>
  );
}

export function GradeForm({ slug, analysisId, grade }: { slug: string; analysisId: string; grade: GradeJudgement }) {
  const router = useRouter();
  const { pending, error, submit } = useSubmit<unknown>(() => router.refresh());
  return (
    <form
      aria-label="GRADE certainty"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const certainty = text(f, "certainty") || undefined;
        submit(() => saveGradeAction({ slug, analysisId, grade: { certainty, downgrades: grade.downgrades, footnotes: text(f, "footnotes") } }) as Promise<ActionResult<unknown>>);
      }}
    >
      <Select name="certainty" title="Certainty (reviewers' judgement)" value={grade.certainty} empty="Not judged" options={CERTAINTY.map((c) => ({ value: c, label: c }))} />
      <label className={`${label} grow`}>Footnotes<textarea name="footnotes" rows={2} defaultValue={grade.footnotes} className={input} /></label>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100">{pending ? "Saving…" : "Save judgement"}</button>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
