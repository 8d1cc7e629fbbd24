export type FieldChange = { field: string; before: unknown; after: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The top-level fields that differ between an event's before and after, so the audit page
 * shows what changed rather than two walls of JSON. A create or delete lists every field.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (!isObject(before) && !isObject(after)) return before === after ? [] : [{ field: "value", before, after }];
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((field) => ({ field, before: b[field], after: a[field] }));
}
