"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { StatusLines } from "@/app/components/status-lines";
import { reopenMyExtractionAction, saveMyExtractionAction } from "@/lib/extraction/actions";
import type { Answers, FormDefinition, FormField, OutcomeData } from "@/lib/extraction/schema";
import { Hint, OutcomeEditor } from "./outcome-editor";

type Messages = Record<string, string[] | undefined>;
type Flag = { fieldId: string; reason: "changed" | "removed"; label: string };
const box = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

function FieldInput({ field, value, onChange, disabled }: { field: FormField; value: Answers[string]["value"]; onChange: (v: Answers[string]["value"]) => void; disabled: boolean }) {
  const id = `field-${field.id}`;
  const common = { id, disabled, "aria-describedby": `${id}-help ${id}-error` };
  switch (field.type) {
    case "LONG_TEXT":
      return <textarea {...common} className={box} rows={3} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />;
    case "INTEGER":
    case "NUMBER":
      return <input {...common} className={box} type="number" step={field.type === "INTEGER" ? 1 : "any"} min={field.min} max={field.max} value={typeof value === "number" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))} />;
    case "DATE":
      return <input {...common} className={box} type="date" value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />;
    case "SINGLE_CHOICE":
      return (
        <select {...common} className={box} value={String(value ?? "")} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">—</option>
          {field.options.map((o) => <option key={o}>{o}</option>)}
        </select>
      );
    case "YES_NO":
      return (
        <select {...common} className={box} value={value === true ? "yes" : value === false ? "no" : ""} onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}>
          <option value="">—</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      );
    case "MULTIPLE_CHOICE": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <span className="mt-1 flex flex-wrap gap-3 text-sm" role="group" aria-labelledby={`${id}-label`}>
          {field.options.map((o) => (
            <label key={o}>
              <input type="checkbox" disabled={disabled} checked={chosen.includes(o)} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} /> {o}
            </label>
          ))}
        </span>
      );
    }
    default:
      return <input {...common} className={box} value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} />;
  }
}

export function ExtractionForm(props: {
  slug: string;
  studyId: string;
  form: FormDefinition | null;
  outcomes: { name: string; unit: string; type: string }[];
  initial: { values: Answers; outcomeData: OutcomeData; status: string } | null;
  flags: Flag[];
}) {
  const router = useRouter();
  const [values, setValues] = useState<Answers>(props.initial?.values ?? {});
  const [data, setData] = useState<OutcomeData>(props.initial?.outcomeData ?? { experiments: [], arms: [], effects: [] });
  const [status, setStatus] = useState(props.initial?.status ?? "NEW");
  const [errors, setErrors] = useState<Messages>({});
  const [warnings, setWarnings] = useState<Messages>({});
  const [message, setMessage] = useState({ message: "", error: "" });
  const [pending, start] = useTransition();
  const submitted = status === "SUBMITTED";
  const flagged = new Map(props.flags.map((f) => [f.fieldId, f]));
  const set = (id: string, patch: Partial<Answers[string]>) => setValues({ ...values, [id]: { value: values[id]?.value ?? null, locator: values[id]?.locator ?? "", ...patch } });

  function save(submit: boolean) {
    start(async () => {
      const result = await saveMyExtractionAction({ slug: props.slug, studyId: props.studyId, values, outcomeData: data, submit });
      if (result.ok) {
        setErrors({});
        setWarnings(result.data.warnings);
        setStatus(result.data.status);
        const count = Object.keys(result.data.warnings).length;
        setMessage({ message: `${submit ? "Submitted" : "Saved"}.${count ? ` ${count} value${count === 1 ? "" : "s"} to check.` : ""}`, error: "" });
        if (submit) router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ message: "", error: result.error });
      }
    });
  }
  function reopen() {
    start(async () => {
      const result = await reopenMyExtractionAction({ slug: props.slug, studyId: props.studyId });
      if (result.ok) {
        setStatus("IN_PROGRESS");
        setMessage({ message: "Reopened.", error: "" });
      } else setMessage({ message: "", error: result.error });
    });
  }

  const removed = props.flags.filter((f) => f.reason === "removed");
  return (
    <form aria-label="Extraction form" className="space-y-5" onSubmit={(e) => e.preventDefault()} aria-busy={pending}>
      {removed.length ? (
        <p className="rounded bg-amber-50 p-2 text-sm text-amber-900">
          Kept, but no longer on the form: {removed.map((f) => `${f.label} (“${String(values[f.fieldId]?.value ?? "")}”)`).join("; ")}.
        </p>
      ) : null}
      {(props.form?.sections ?? []).map((section) => (
        <fieldset key={section.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-3" disabled={submitted}>
          <legend className="px-1 font-semibold">{section.title}</legend>
          {section.fields.map((field) =>
            field.type === "OUTCOME_DATA" ? (
              <div key={field.id}>
                <p className="text-sm font-medium">{field.label}</p>
                <p className="text-xs text-slate-600">{field.help}</p>
                <OutcomeEditor data={data} setData={setData} outcomes={props.outcomes} errors={errors} warnings={warnings} disabled={submitted} />
              </div>
            ) : (
              <div key={field.id}>
                <p className="text-sm font-medium">
                  <label id={`field-${field.id}-label`} htmlFor={`field-${field.id}`}>
                    {field.label}
                  </label>
                  {field.unit ? <span className="font-normal text-slate-600"> ({field.unit})</span> : null}
                  {field.required ? <span className="text-red-700"> * required</span> : null}
                </p>
                <FieldInput field={field} value={values[field.id]?.value ?? null} onChange={(v) => set(field.id, { value: v })} disabled={submitted} />
                <p id={`field-${field.id}-help`} className="text-xs text-slate-600">{field.help}</p>
                {flagged.get(field.id)?.reason === "changed" ? <p className="text-xs text-amber-800">This field changed since you answered it: check the answer.</p> : null}
                {field.locator ? (
                  <label className="mt-1 block text-xs text-slate-700">
                    Where found (page, table, figure)
                    <input className="ml-2 w-48 rounded border border-slate-300 px-1" value={values[field.id]?.locator ?? ""} onChange={(e) => set(field.id, { locator: e.target.value })} />
                  </label>
                ) : null}
                <div id={`field-${field.id}-error`}>
                  <Hint text={errors[`values.${field.id}`]} />
                </div>
              </div>
            ),
          )}
        </fieldset>
      ))}
      {!props.form ? (
        <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
          <p className="text-sm text-slate-700">The review has no form yet; outcome data can still be entered.</p>
          <OutcomeEditor data={data} setData={setData} outcomes={props.outcomes} errors={errors} warnings={warnings} disabled={submitted} />
        </section>
      ) : null}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white py-2">
        {submitted ? (
          <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={reopen} disabled={pending}>
            Reopen to correct
          </button>
        ) : (
          <>
            <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => save(false)} disabled={pending}>
              Save
            </button>
            <button type="button" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white" onClick={() => save(true)} disabled={pending}>
              Submit extraction
            </button>
          </>
        )}
        <span className="text-xs text-slate-600" data-testid="entry-status">
          {submitted ? "Submitted" : status === "IN_PROGRESS" ? "In progress" : "Not started"}
        </span>
        <StatusLines message={message.message} error={message.error} testId="extraction-status" />
      </div>
    </form>
  );
}
