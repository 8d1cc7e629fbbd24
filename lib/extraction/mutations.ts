import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { DomainError } from "@/lib/errors";
import { readReviewSettings } from "@/lib/reviews/schema";
import { duplicateFieldIds } from "./templates";
import { validateEntry } from "./validation";
import { buildConsensus, compareEntries, parseTypedValue, type Decisions } from "./compare";
import { readEntry } from "./entries";
import { formDefinitionSchema, type Answers, type FormDefinition, type OutcomeInput, type SaveConsensusInput, type SaveEntryInput } from "./schema";

type Actor = { id: string; reviewId: string };
const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * Saves the review's form. While no extraction used the latest version it is edited in place;
 * after that an edit writes version + 1, so answers stay tied to the version they were given
 * against (and get flagged where their field changed). Nobody is locked out of editing.
 */
export async function saveForm(tx: Tx, actor: Actor, definition: FormDefinition) {
  const parsed = formDefinitionSchema.parse(definition);
  const duplicates = duplicateFieldIds(parsed);
  if (duplicates.length) throw new DomainError(`Field ids must be unique: ${duplicates.join(", ")}.`, { definition: duplicates.map((id) => `“${id}” is used twice.`) });
  const latest = await tx.extractionForm.findFirst({ where: { reviewId: actor.reviewId }, orderBy: { version: "desc" }, include: { _count: { select: { entries: true } } } });
  if (latest && latest._count.entries === 0) {
    const after = await tx.extractionForm.update({ where: { id: latest.id }, data: { name: parsed.name, definition: json(parsed) } });
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "ExtractionForm", entityId: after.id, action: "update", before: latest.definition, after: parsed });
    return { id: after.id, version: after.version, newVersion: false };
  }
  const version = (latest?.version ?? 0) + 1;
  const created = await tx.extractionForm.create({ data: { reviewId: actor.reviewId, version, name: parsed.name, definition: json(parsed), createdById: actor.id } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "ExtractionForm", entityId: created.id, action: "create", before: latest ? { version: latest.version } : null, after: { version, definition: parsed } });
  return { id: created.id, version, newVersion: latest !== null };
}

export async function saveOutcome(tx: Tx, actor: Actor, input: OutcomeInput, outcomeId?: string) {
  const clash = await tx.outcome.findFirst({ where: { reviewId: actor.reviewId, name: input.name, ...(outcomeId ? { NOT: { id: outcomeId } } : {}) } });
  if (clash) throw new DomainError("The review already has an outcome with this name.", { name: ["Already used."] });
  const data = { name: input.name, unit: input.unit, direction: input.direction, type: input.type, units: json(input.units) };
  if (!outcomeId) {
    const position = await tx.outcome.count({ where: { reviewId: actor.reviewId } });
    const created = await tx.outcome.create({ data: { ...data, reviewId: actor.reviewId, position } });
    await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Outcome", entityId: created.id, action: "create", after: created });
    return created;
  }
  const before = await tx.outcome.findFirst({ where: { id: outcomeId, reviewId: actor.reviewId } });
  if (!before) throw new DomainError("Not found.");
  const after = await tx.outcome.update({ where: { id: outcomeId }, data });
  if (before.name !== after.name) await renameOutcomeInEntries(tx, actor.reviewId, before.name, after.name);
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Outcome", entityId: after.id, action: "update", before, after });
  return after;
}

/** A renamed outcome keeps its data: arms and effects are keyed by the outcome's name. */
async function renameOutcomeInEntries(tx: Tx, reviewId: string, from: string, to: string) {
  const entries = await tx.extractionEntry.findMany({ where: { reviewId }, select: { id: true, outcomeData: true } });
  for (const row of entries) {
    const data = readEntry({ values: {}, outcomeData: row.outcomeData }).outcomeData;
    if (!data.arms.some((a) => a.outcome === from) && !data.effects.some((e) => e.outcome === from)) continue;
    const renamed = { ...data, arms: data.arms.map((a) => (a.outcome === from ? { ...a, outcome: to } : a)), effects: data.effects.map((e) => (e.outcome === from ? { ...e, outcome: to } : e)) };
    await tx.extractionEntry.update({ where: { id: row.id }, data: { outcomeData: json(renamed) } });
  }
}

export async function deleteOutcome(tx: Tx, actor: Actor, outcomeId: string) {
  const outcome = await tx.outcome.findFirst({ where: { id: outcomeId, reviewId: actor.reviewId } });
  if (!outcome) throw new DomainError("Not found.");
  const entries = await tx.extractionEntry.findMany({ where: { reviewId: actor.reviewId }, select: { outcomeData: true } });
  const used = entries.filter((e) => readEntry({ values: {}, outcomeData: e.outcomeData }).outcomeData.arms.some((a) => a.outcome === outcome.name)).length;
  if (used) throw new DomainError(`“${outcome.name}” has data in ${used} extraction${used === 1 ? "" : "s"}; rename it instead of deleting it.`);
  await tx.outcome.delete({ where: { id: outcome.id } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Outcome", entityId: outcome.id, action: "delete", before: outcome });
}

async function studyOf(tx: Tx, reviewId: string, studyId: string) {
  const study = await tx.study.findFirst({ where: { id: studyId, reviewId }, select: { id: true, label: true } });
  if (!study) throw new DomainError("Not found.");
  return study;
}

async function latestForm(tx: Tx, reviewId: string) {
  const form = await tx.extractionForm.findFirst({ where: { reviewId }, orderBy: { version: "desc" }, select: { id: true, definition: true } });
  return form ? { id: form.id, definition: formDefinitionSchema.parse(form.definition) } : null;
}

function invalid(errors: Record<string, string[]>): never {
  const count = Object.keys(errors).length;
  throw new DomainError(`Please correct ${count} field${count === 1 ? "" : "s"}.`, errors);
}

/**
 * Saves the actor's own extraction of a study (answers + outcome data), validated with errors on
 * the field; the entry moves to the current form version. Returns the warnings.
 */
export async function saveMyEntry(tx: Tx, actor: Actor, input: SaveEntryInput, options: { submit?: boolean } = {}) {
  // The study and the actor's entry in one query: saves are frequent (bench:extraction).
  const study = await tx.study.findFirst({
    where: { id: input.studyId, reviewId: actor.reviewId },
    select: { extraction: { where: { reviewerId: actor.id, consensus: false }, select: { id: true, status: true, values: true, outcomeData: true } } },
  });
  if (!study) throw new DomainError("Not found.");
  const form = await latestForm(tx, actor.reviewId);
  const result = validateEntry(form?.definition ?? null, input.values, input.outcomeData, options.submit ?? false);
  if (Object.keys(result.errors).length || !result.outcomeData) invalid(result.errors);
  const before = study.extraction[0] ?? null;
  if (before?.status === "SUBMITTED") throw new DomainError("You have submitted this study; reopen it to change your answers.");
  const status = options.submit ? "SUBMITTED" : (before?.status ?? "IN_PROGRESS");
  const data = {
    values: json(input.values),
    outcomeData: json(result.outcomeData),
    formId: form?.id ?? null,
    ...(options.submit ? { status, submittedAt: new Date() } : {}),
  };
  // Only the id comes back: returning the row would parse its JSON again for nothing.
  const after = before
    ? await tx.extractionEntry.update({ where: { id: before.id }, data, select: { id: true } })
    : await tx.extractionEntry.create({ data: { ...data, reviewId: actor.reviewId, studyId: input.studyId, reviewerId: actor.id, consensus: false }, select: { id: true } });
  await recordAudit(tx, {
    reviewId: actor.reviewId,
    actorId: actor.id,
    entity: "ExtractionEntry",
    entityId: after.id,
    action: options.submit ? "submit" : before ? "update" : "create",
    ...auditedChange(before, { values: input.values, outcomeData: result.outcomeData, status }),
  });
  return { id: after.id, status, warnings: result.warnings };
}

/**
 * Before and after of an entry's save, keeping only what changed: the answers that differ, and
 * the outcome data when they differ. Every change stays recorded, while a save that changed one
 * answer does not copy 30 kB of outcome data twice into the audit log.
 */
function auditedChange(before: { values: unknown; outcomeData: unknown; status: string } | null, after: { values: Answers; outcomeData: unknown; status: string }) {
  if (!before) return { before: null, after };
  const old = readEntry(before);
  const keys = [...new Set([...Object.keys(old.values), ...Object.keys(after.values)])].filter((k) => JSON.stringify(old.values[k] ?? null) !== JSON.stringify(after.values[k] ?? null));
  const dataChanged = JSON.stringify(old.outcomeData) !== JSON.stringify(after.outcomeData);
  const pick = (values: Answers) => Object.fromEntries(keys.map((k) => [k, values[k] ?? null]));
  return {
    before: { values: pick(old.values), ...(dataChanged ? { outcomeData: old.outcomeData } : {}), status: before.status },
    after: { values: pick(after.values), ...(dataChanged ? { outcomeData: after.outcomeData } : {}), status: after.status },
  };
}

/** Back to in progress, to correct something; not once a consensus was made from it. */
export async function reopenMyEntry(tx: Tx, actor: Actor, studyId: string) {
  const entry = await tx.extractionEntry.findFirst({ where: { studyId, reviewerId: actor.id, consensus: false, reviewId: actor.reviewId } });
  if (!entry) throw new DomainError("Not found.");
  if (entry.status !== "SUBMITTED") return;
  const consensus = await tx.extractionEntry.findFirst({ where: { studyId, consensus: true }, select: { id: true } });
  if (consensus) throw new DomainError("A consensus was built from this extraction; ask the reconciler to change it there.");
  await tx.extractionEntry.update({ where: { id: entry.id }, data: { status: "IN_PROGRESS", submittedAt: null } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "ExtractionEntry", entityId: entry.id, action: "reopen", before: { status: "SUBMITTED" }, after: { status: "IN_PROGRESS" } });
}

/** The submitted extractions a consensus is made from (the first two submitted), A then B. */
export async function submittedPair(tx: Tx, reviewId: string, studyId: string) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  const settings = readReviewSettings(review.settings).extraction;
  const submitted = await tx.extractionEntry.findMany({ where: { reviewId, studyId, consensus: false, status: "SUBMITTED" }, orderBy: { submittedAt: "asc" }, take: 2 });
  return { settings, submitted, ready: submitted.length >= settings.extractorsPerStudy };
}

/**
 * Writes the consensus of a study from the reconciler's decisions: agreed fields go in without a
 * click; pick A, pick B or a typed value for the rest. `finalize` needs every disagreement settled.
 */
export async function saveConsensus(tx: Tx, actor: Actor, input: Omit<SaveConsensusInput, "slug">) {
  await studyOf(tx, actor.reviewId, input.studyId);
  const { settings, submitted, ready } = await submittedPair(tx, actor.reviewId, input.studyId);
  if (!ready) throw new DomainError(`A consensus needs ${settings.extractorsPerStudy} submitted extraction${settings.extractorsPerStudy === 1 ? "" : "s"}.`);
  const a = readEntry(submitted[0]);
  const b = readEntry(submitted[1] ?? submitted[0]);
  const rows = compareEntries(a, b, settings.numericTolerance);
  const kinds = new Map(rows.map((r) => [r.key, r.kind]));
  const chosen: Decisions = {};
  const typedErrors: Record<string, string[]> = {};
  for (const [key, d] of Object.entries(input.decisions)) {
    const kind = kinds.get(key);
    if (!kind) continue;
    if (d.source === "NEW") {
      const value = parseTypedValue(kind, d.typed ?? "");
      if (value !== null && typeof value === "object" && !Array.isArray(value)) typedErrors[key] = [value.error];
      else chosen[key] = { source: "NEW", value, note: d.note };
    } else chosen[key] = { source: d.source, note: d.note };
  }
  if (Object.keys(typedErrors).length) invalid(typedErrors);
  const draft = buildConsensus(rows, chosen);
  if (input.finalize && draft.unresolved.length) throw new DomainError(`${draft.unresolved.length} disagreement${draft.unresolved.length === 1 ? " is" : "s are"} not settled yet.`, Object.fromEntries(draft.unresolved.map((k) => [k, ["Pick A, B or type a value."]])));
  const form = await latestForm(tx, actor.reviewId);
  const checked = validateEntry(form?.definition ?? null, draft.values, draft.outcomeData, false);
  if (Object.keys(checked.errors).length) invalid(checked.errors);
  const before = await tx.extractionEntry.findFirst({ where: { studyId: input.studyId, consensus: true } });
  const data = {
    values: json(draft.values),
    outcomeData: json(draft.outcomeData),
    decisions: json(draft.decisions),
    formId: form?.id ?? null,
    status: input.finalize ? "SUBMITTED" : "IN_PROGRESS",
    submittedAt: input.finalize ? new Date() : null,
  };
  const after = before
    ? await tx.extractionEntry.update({ where: { id: before.id }, data })
    : await tx.extractionEntry.create({ data: { ...data, reviewId: actor.reviewId, studyId: input.studyId, reviewerId: null, consensus: true } });
  await recordAudit(tx, {
    reviewId: actor.reviewId,
    actorId: actor.id,
    entity: "ExtractionEntry",
    entityId: after.id,
    action: input.finalize ? "consensus-final" : "consensus",
    before: before ? { values: before.values, outcomeData: before.outcomeData, decisions: before.decisions, status: before.status } : null,
    after: { values: draft.values, outcomeData: draft.outcomeData, decisions: draft.decisions, status: data.status, from: submitted.map((s) => s.id) },
  });
  return { id: after.id, status: data.status, unresolved: draft.unresolved };
}

/** A study created by hand (reviews migrated from elsewhere), linked to the record with that DOI when there is one. */
export async function addStudy(tx: Tx, actor: Actor, input: { label: string; doi?: string }) {
  const doi = input.doi?.trim().replace(/^https?:\/\/(dx\.)?doi\.org\//i, "").toLowerCase();
  const record = doi ? await tx.record.findFirst({ where: { reviewId: actor.reviewId, doi }, select: { id: true, studyId: true } }) : null;
  if (record?.studyId) throw new DomainError(`The record with DOI ${doi} already belongs to a study.`);
  const study = await tx.study.create({ data: { reviewId: actor.reviewId, label: input.label } });
  if (record) await tx.record.update({ where: { id: record.id }, data: { studyId: study.id } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "Study", entityId: study.id, action: "create", after: { ...study, reportIds: record ? [record.id] : [], doi: doi ?? null } });
  return { id: study.id, label: study.label, recordId: record?.id ?? null };
}

export async function updateExtractionSettings(tx: Tx, actor: Actor, input: { extractorsPerStudy: 1 | 2; blinded: boolean; tolerancePercent: number }) {
  const review = await tx.review.findUniqueOrThrow({ where: { id: actor.reviewId }, select: { settings: true } });
  const before = readReviewSettings(review.settings);
  const after = { ...before, extraction: { extractorsPerStudy: input.extractorsPerStudy, blinded: input.blinded, numericTolerance: input.tolerancePercent / 100 } };
  await tx.review.update({ where: { id: actor.reviewId }, data: { settings: json(after) } });
  await recordAudit(tx, { reviewId: actor.reviewId, actorId: actor.id, entity: "ExtractionSettings", entityId: actor.reviewId, action: "update", before: before.extraction, after: after.extraction });
  return after.extraction;
}
