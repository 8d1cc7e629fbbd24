/**
 * What changed between two versions of a form, so answers given against the older one are kept
 * but flagged where their field changed (type, options, range, unit, label) or was removed.
 */
import { formFields } from "./validation";
import type { Answers, FormDefinition, FormField } from "./schema";

export type AnswerFlag = { fieldId: string; reason: "changed" | "removed"; label: string };

const meaning = (f: FormField) => JSON.stringify([f.type, f.label, [...f.options].sort(), f.min ?? null, f.max ?? null, f.unit]);

export function changedFieldIds(before: FormDefinition, after: FormDefinition): { changed: string[]; removed: string[] } {
  const next = new Map(formFields(after).map((f) => [f.id, f]));
  const changed: string[] = [];
  const removed: string[] = [];
  for (const f of formFields(before)) {
    const now = next.get(f.id);
    if (!now) removed.push(f.id);
    else if (meaning(now) !== meaning(f)) changed.push(f.id);
  }
  return { changed, removed };
}

/** Flags for an entry's answers: against the form version it was saved with and the current one. */
export function flagAnswers(answers: Answers, savedWith: FormDefinition | null, current: FormDefinition | null): AnswerFlag[] {
  if (!current) return [];
  const currentIds = new Set(formFields(current).map((f) => f.id));
  const labels = new Map([...formFields(savedWith ?? current), ...formFields(current)].map((f) => [f.id, f.label]));
  const changed = savedWith ? new Set(changedFieldIds(savedWith, current).changed) : new Set<string>();
  const flags: AnswerFlag[] = [];
  for (const [fieldId, answer] of Object.entries(answers)) {
    if (answer.value === null || answer.value === "") continue;
    if (!currentIds.has(fieldId)) flags.push({ fieldId, reason: "removed", label: labels.get(fieldId) ?? fieldId });
    else if (changed.has(fieldId)) flags.push({ fieldId, reason: "changed", label: labels.get(fieldId) ?? fieldId });
  }
  return flags;
}
