"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { removeCustomItemAction, saveCustomItemAction, updateRobSettingsAction } from "@/lib/rob/actions";

type Settings = { tool: string; ratersPerStudy: number; blinded: boolean; showOverall: boolean; customItems: { id: string; label: string; question: string }[] };

export function RobSettingsForm({ slug, settings, toolLocked }: { slug: string; settings: Settings; toolLocked: boolean }) {
  return (
    <div className="space-y-3">
      <ActionForm action={updateRobSettingsAction} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Risk of bias settings" successMessage="Settings saved.">
        <input type="hidden" name="slug" value={slug} />
        <label>
          Tool
          <select name="tool" defaultValue={settings.tool} className="ml-1 rounded border border-slate-300" aria-describedby="tool-hint">
            <option value="SYRCLE">SYRCLE (animal studies)</option>
            <option value="ROB2">RoB 2 (parallel trials)</option>
            <option value="CAMARADES">CAMARADES checklist</option>
          </select>
        </label>
        <label>
          Raters per study
          <select name="ratersPerStudy" defaultValue={String(settings.ratersPerStudy)} className="ml-1 rounded border border-slate-300">
            <option value="2">2</option>
            <option value="1">1</option>
          </select>
        </label>
        <label><input type="checkbox" name="blinded" defaultChecked={settings.blinded} /> Blinded until both submit</label>
        <label><input type="checkbox" name="showOverall" defaultChecked={settings.showOverall} /> Overall judgement (only if the protocol asks for one)</label>
        <SubmitButton>Save settings</SubmitButton>
        <p id="tool-hint" className="w-full text-xs text-slate-600">{toolLocked ? "The tool is fixed now that studies have been rated." : "Choose the tool before anyone rates."}</p>
        <FieldError name="tool" />
      </ActionForm>
      <div>
        <h4 className="text-sm font-medium">Custom items</h4>
        <ul className="text-sm">
          {settings.customItems.map((c) => (
            <li key={c.id} className="flex items-center gap-2">
              <span>{c.id}: {c.label}</span>
              <ActionForm action={removeCustomItemAction} aria-label={`Remove ${c.id}`}>
                <input type="hidden" name="slug" value={slug} />
                <input type="hidden" name="id" value={c.id} />
                <SubmitButton variant="quiet">Remove<span className="sr-only"> {c.label}</span></SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
        <ActionForm action={saveCustomItemAction} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Add a custom item" successMessage="Item saved." resetOnSuccess>
          <input type="hidden" name="slug" value={slug} />
          <div className="w-24"><Field name="id" label="Id" hint="e.g. C1" /></div>
          <div className="w-56"><Field name="label" label="Label" /></div>
          <div className="w-72"><Field name="question" label="Question" /></div>
          <SubmitButton>Add item</SubmitButton>
        </ActionForm>
      </div>
    </div>
  );
}
