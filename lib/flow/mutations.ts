import type { Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit/mutations";
import { COUNT_FIELDS, LIST_FIELDS, MANUAL_MODE_FIELD, type CountField, type ListField } from "./fields";
import { decodeFlowCounts, encodeListRows } from "./entries";
import type { FlowEntry } from "./model";

export type FlowChanges = {
  counts?: Partial<Record<CountField, number | null>>;
  lists?: Partial<Record<ListField, { label: string; n: number }[] | null>>;
};

const snapshotOf = (entries: FlowEntry[], fields: string[]) =>
  Object.fromEntries(fields.map((f) => {
    const e = entries.find((x) => x.field === f);
    return [f, e ? ("n" in e ? e.n : e.items) : null];
  }));

/**
 * Saves owner-entered counts: a number sets the field, null clears it, a field not named is left
 * alone. A list field's items are replaced as a whole (their order is part of the diagram).
 * Audited with the before and after values of the fields touched.
 */
export async function saveFlowCounts(tx: Tx, actorId: string, reviewId: string, changes: FlowChanges) {
  const before = decodeFlowCounts(await tx.flowCount.findMany({ where: { reviewId } })).entries;
  const touched: string[] = [];
  for (const field of COUNT_FIELDS) {
    const value = changes.counts?.[field];
    if (value === undefined) continue;
    touched.push(field);
    if (value === null) await tx.flowCount.deleteMany({ where: { reviewId, field } });
    else await tx.flowCount.upsert({ where: { reviewId_field: { reviewId, field } }, create: { reviewId, field, value }, update: { value } });
  }
  for (const field of LIST_FIELDS) {
    const items = changes.lists?.[field];
    if (items === undefined) continue;
    touched.push(field);
    await tx.flowCount.deleteMany({ where: { reviewId, field: { startsWith: `${field}:` } } });
    if (items?.length) await tx.flowCount.createMany({ data: encodeListRows(field, items).map((row) => ({ reviewId, ...row })) });
  }
  if (!touched.length) return;
  const after = decodeFlowCounts(await tx.flowCount.findMany({ where: { reviewId } })).entries;
  await recordAudit(tx, { reviewId, actorId, entity: "FlowCount", entityId: reviewId, action: "update", before: snapshotOf(before, touched), after: snapshotOf(after, touched) });
}

/** Manual mode: every number of the diagram typed (a review conducted outside Sieve). Typed numbers are kept when switching back. */
export async function setFlowMode(tx: Tx, actorId: string, reviewId: string, mode: "data" | "manual") {
  const current = await tx.flowCount.findUnique({ where: { reviewId_field: { reviewId, field: MANUAL_MODE_FIELD } } });
  const was = current?.value === 1 ? "manual" : "data";
  if (was === mode) return;
  if (mode === "manual") {
    await tx.flowCount.upsert({ where: { reviewId_field: { reviewId, field: MANUAL_MODE_FIELD } }, create: { reviewId, field: MANUAL_MODE_FIELD, value: 1 }, update: { value: 1 } });
  } else {
    await tx.flowCount.deleteMany({ where: { reviewId, field: MANUAL_MODE_FIELD } });
  }
  await recordAudit(tx, { reviewId, actorId, entity: "FlowMode", entityId: reviewId, action: "set", before: { mode: was }, after: { mode } });
}
