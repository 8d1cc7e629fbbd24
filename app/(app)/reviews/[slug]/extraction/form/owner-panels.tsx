"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { createFormFromTemplateAction, deleteOutcomeAction, importFormAction, saveOutcomeAction } from "@/lib/extraction/actions";

export function TemplatePicker({ slug, hasForm }: { slug: string; hasForm: boolean }) {
  const templates = [
    { key: "preclinical", label: "Preclinical intervention study (animal model)" },
    { key: "clinical-rct", label: "Clinical RCT" },
  ];
  return (
    <div className="flex flex-wrap gap-3">
      {templates.map((t) => (
        <ActionForm key={t.key} action={createFormFromTemplateAction} aria-label={`Use template ${t.label}`} successMessage="Form created from the template.">
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="template" value={t.key} />
          <SubmitButton variant={hasForm ? "quiet" : "primary"}>{hasForm ? `Replace with “${t.label}”` : `Start from “${t.label}”`}</SubmitButton>
        </ActionForm>
      ))}
    </div>
  );
}

export function ImportForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={importFormAction} aria-label="Import a form" className="space-y-2" successMessage="Form imported.">
      <input type="hidden" name="slug" value={slug} />
      <Field name="json" label="Form JSON (exported from a review)" multiline rows={4} />
      <SubmitButton variant="quiet">Import form</SubmitButton>
    </ActionForm>
  );
}

type Outcome = { id: string; name: string; unit: string; direction: string; type: string; units: { unit: string; factor: number }[] };

function OutcomeFields({ outcome }: { outcome?: Outcome }) {
  return (
    <>
      <div className="w-40"><Field name="name" label="Outcome" defaultValue={outcome?.name} /></div>
      <div className="w-24"><Field name="unit" label="Unit" defaultValue={outcome?.unit} /></div>
      <label className="text-sm">
        Direction
        <select name="direction" defaultValue={outcome?.direction ?? "HIGHER_IS_BETTER"} className="ml-1 block rounded border border-slate-300">
          <option value="HIGHER_IS_BETTER">higher is better</option>
          <option value="LOWER_IS_BETTER">lower is better</option>
        </select>
      </label>
      <label className="text-sm">
        Type
        <select name="type" defaultValue={outcome?.type ?? "CONTINUOUS"} className="ml-1 block rounded border border-slate-300">
          <option value="CONTINUOUS">continuous</option>
          <option value="BINARY">binary (events)</option>
          <option value="GENERIC">effect with SE/CI</option>
        </select>
      </label>
      <div className="w-56"><Field name="units" label="Other units (unit=factor; …)" defaultValue={outcome?.units.map((u) => `${u.unit}=${u.factor}`).join("; ")} /></div>
      <FieldError name="direction" />
    </>
  );
}

export function OutcomeList({ slug, outcomes }: { slug: string; outcomes: Outcome[] }) {
  return (
    <div className="space-y-3">
      {outcomes.map((o) => (
        <div key={o.id} className="flex flex-wrap items-end gap-2 border-b border-slate-100 pb-2">
          <ActionForm action={saveOutcomeAction} aria-label={`Edit outcome ${o.name}`} className="flex flex-wrap items-end gap-2" successMessage="Saved.">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="outcomeId" value={o.id} />
            <OutcomeFields outcome={o} />
            <SubmitButton variant="quiet">Save</SubmitButton>
          </ActionForm>
          <ActionForm action={deleteOutcomeAction} aria-label={`Delete outcome ${o.name}`} successMessage="Deleted.">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="outcomeId" value={o.id} />
            <SubmitButton variant="danger">Delete</SubmitButton>
          </ActionForm>
        </div>
      ))}
      <ActionForm action={saveOutcomeAction} aria-label="Add an outcome" className="flex flex-wrap items-end gap-2" successMessage="Outcome added." resetOnSuccess>
        <input type="hidden" name="slug" value={slug} />
        <OutcomeFields />
        <SubmitButton>Add outcome</SubmitButton>
      </ActionForm>
    </div>
  );
}
