import { COUNT_FIELDS, LIST_FIELDS, MANUAL_MODE_FIELD, isCountField, listItemKey, parseListItemKey, type ListField } from "./fields";
import type { FlowEntry } from "./model";

export type FlowCountRow = { field: string; value: number; note: string };

/** FlowCount rows → the owner's entries and the mode switch. Rows with unknown fields are ignored. */
export function decodeFlowCounts(rows: readonly FlowCountRow[]): { entries: FlowEntry[]; manual: boolean } {
  const entries: FlowEntry[] = [];
  const lists = new Map<ListField, { position: number; label: string; n: number }[]>();
  let manual = false;
  for (const row of rows) {
    if (row.field === MANUAL_MODE_FIELD) {
      manual = row.value === 1;
      continue;
    }
    if (isCountField(row.field)) {
      entries.push({ field: row.field, n: row.value, ...(row.note ? { note: row.note } : {}) });
      continue;
    }
    const item = parseListItemKey(row.field);
    if (item) lists.set(item.field, [...(lists.get(item.field) ?? []), { position: item.position, label: item.label, n: row.value }]);
  }
  for (const [field, items] of lists) {
    entries.push({ field, items: items.sort((a, b) => a.position - b.position).map(({ label, n }) => ({ label, n })) });
  }
  const order = [...COUNT_FIELDS, ...LIST_FIELDS] as string[];
  return { entries: entries.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)), manual };
}

/** The rows that store one list field's items, in typed order. */
export function encodeListRows(field: ListField, items: readonly { label: string; n: number }[]): { field: string; value: number }[] {
  return items.map((item, position) => ({ field: listItemKey(field, position, item.label), value: item.n }));
}

/** Form text for a list field, one "Label, n" per line. */
export function listToLines(items: readonly { label: string; n: number }[]): string {
  return items.map((i) => `${i.label}, ${i.n}`).join("\n");
}
