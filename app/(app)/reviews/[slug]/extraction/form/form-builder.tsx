"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { StatusLines } from "@/app/components/status-lines";
import { saveFormAction } from "@/lib/extraction/actions";
import { FIELD_TYPES, type FormDefinition, type FormField } from "@/lib/extraction/schema";

const TYPE_LABEL: Record<string, string> = { TEXT: "Text", LONG_TEXT: "Long text", INTEGER: "Integer", NUMBER: "Number with unit", SINGLE_CHOICE: "Single choice", MULTIPLE_CHOICE: "Multiple choice", YES_NO: "Yes/no", DATE: "Date", OUTCOME_DATA: "Outcome data" };
const box = "rounded border border-slate-300 px-1 py-0.5 text-sm";
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "").slice(0, 50) || "field";

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

function FieldEditor({ field, onChange, onRemove, onMove }: { field: FormField; onChange: (f: FormField) => void; onRemove: () => void; onMove: (d: number) => void }) {
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const choice = field.type === "SINGLE_CHOICE" || field.type === "MULTIPLE_CHOICE";
  const numeric = field.type === "INTEGER" || field.type === "NUMBER";
  return (
    <li className="space-y-1 rounded border border-slate-200 p-2" data-testid="builder-field">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <input aria-label="Field label" className={`${box} w-64`} value={field.label} onChange={(e) => set({ label: e.target.value })} />
        <select aria-label={`${field.label} type`} className={box} value={field.type} onChange={(e) => set({ type: e.target.value as FormField["type"] })}>
          {FIELD_TYPES.map((t) => <option key={t} value={t}>{TYPE_LABEL[t]}</option>)}
        </select>
        <label className="text-xs">id <input aria-label={`${field.label} id`} className={`${box} w-32`} value={field.id} onChange={(e) => set({ id: e.target.value })} /></label>
        <label><input type="checkbox" checked={field.required} onChange={(e) => set({ required: e.target.checked })} /> required</label>
        <label><input type="checkbox" checked={field.locator} onChange={(e) => set({ locator: e.target.checked })} /> ask where found</label>
        <button type="button" className="text-xs underline" onClick={() => onMove(-1)} aria-label={`Move ${field.label} up`}>↑</button>
        <button type="button" className="text-xs underline" onClick={() => onMove(1)} aria-label={`Move ${field.label} down`}>↓</button>
        <button type="button" className="text-xs text-red-700 underline" onClick={onRemove}>Remove<span className="sr-only"> {field.label}</span></button>
      </div>
      <input aria-label={`${field.label} help text`} placeholder="Help text" className={`${box} w-full`} value={field.help} onChange={(e) => set({ help: e.target.value })} />
      {choice ? (
        <textarea aria-label={`${field.label} options, one per line`} rows={3} className={`${box} w-full`} value={field.options.join("\n")} onChange={(e) => set({ options: e.target.value.split("\n").map((o) => o.trimStart()) })} />
      ) : null}
      {numeric ? (
        <div className="flex gap-2 text-xs">
          <label>min <input aria-label={`${field.label} minimum`} type="number" className={`${box} w-20`} value={field.min ?? ""} onChange={(e) => set({ min: e.target.value === "" ? undefined : Number(e.target.value) })} /></label>
          <label>max <input aria-label={`${field.label} maximum`} type="number" className={`${box} w-20`} value={field.max ?? ""} onChange={(e) => set({ max: e.target.value === "" ? undefined : Number(e.target.value) })} /></label>
          <label>unit <input aria-label={`${field.label} unit`} className={`${box} w-24`} value={field.unit} onChange={(e) => set({ unit: e.target.value })} /></label>
        </div>
      ) : null}
    </li>
  );
}

/** Sections and fields; saving after extraction began writes a new version (answers are kept). */
export function FormBuilder({ slug: reviewSlug, initial, inUse }: { slug: string; initial: FormDefinition; inUse: boolean }) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [status, setStatus] = useState({ message: "", error: "", details: [] as string[] });
  const [pending, start] = useTransition();
  const setSection = (i: number, patch: Partial<FormDefinition["sections"][number]>) => setForm({ ...form, sections: form.sections.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  function save() {
    const cleaned = { ...form, sections: form.sections.map((s) => ({ ...s, fields: s.fields.map((f) => ({ ...f, options: f.options.map((o) => o.trim()).filter(Boolean) })) })) };
    start(async () => {
      const result = await saveFormAction({ slug: reviewSlug, definition: cleaned });
      if (result.ok) {
        setStatus({ message: result.data.newVersion ? `Saved as version ${result.data.version}; answers already given are kept and flagged where their field changed.` : `Saved (version ${result.data.version}).`, error: "", details: [] });
        router.refresh();
      } else setStatus({ message: "", error: result.error, details: Object.values(result.fieldErrors ?? {}).flat().filter((x): x is string => !!x) });
    });
  }
  return (
    <form aria-label="Form builder" className="space-y-4" onSubmit={(e) => e.preventDefault()} aria-busy={pending}>
      <label className="block text-sm font-medium">
        Form name <input className={`${box} ml-2 w-96`} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </label>
      {inUse ? <p className="text-xs text-slate-600">Extraction has started: saving creates a new version.</p> : null}
      {form.sections.map((section, i) => (
        <fieldset key={i} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
          <legend className="px-1">
            <input aria-label={`Section ${i + 1} title`} className={`${box} font-semibold`} value={section.title} onChange={(e) => setSection(i, { title: e.target.value })} />
          </legend>
          <ul className="space-y-2">
            {section.fields.map((field, j) => (
              <FieldEditor
                key={j}
                field={field}
                onChange={(f) => setSection(i, { fields: section.fields.map((o, k) => (k === j ? f : o)) })}
                onRemove={() => setSection(i, { fields: section.fields.filter((_, k) => k !== j) })}
                onMove={(d) => setSection(i, { fields: move(section.fields, j, j + d) })}
              />
            ))}
          </ul>
          <div className="flex gap-3 text-sm">
            <button type="button" className="rounded border border-slate-300 px-2 py-0.5" onClick={() => setSection(i, { fields: [...section.fields, { id: slug(`field_${Date.now().toString(36)}`), type: "TEXT", label: "New field", help: "", required: false, options: [], unit: "", locator: false }] })}>
              Add field
            </button>
            <button type="button" className="text-red-700 underline" onClick={() => setForm({ ...form, sections: form.sections.filter((_, k) => k !== i) })}>Remove section</button>
          </div>
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={() => setForm({ ...form, sections: [...form.sections, { id: `s${Date.now().toString(36)}`, title: "New section", fields: [] }] })}>Add section</button>
        <button type="button" className="rounded bg-brand-700 px-3 py-1.5 text-sm font-medium text-white" disabled={pending} onClick={save}>Save form</button>
        <StatusLines message={status.message} error={status.error} testId="form-status" />
      </div>
      {status.details.length ? <ul className="text-xs text-red-700">{status.details.map((d, i) => <li key={i}>{d}</li>)}</ul> : null}
    </form>
  );
}
