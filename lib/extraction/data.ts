import "server-only";
import { db } from "@/lib/db";
import { hasCapability, type Role } from "@/lib/auth/roles";
import { readReviewSettings } from "@/lib/reviews/schema";
import { agreementReport, compareEntries, type ComparisonRow } from "./compare";
import { readEntry } from "./entries";
import { flagAnswers } from "./form-versions";
import { answerText, characteristicColumns, consensusOutcomeRows, longRows, rawOutcomeRows, type CsvTable, type OutcomeDef } from "./outcome-rows";
import { formFields } from "./validation";
import { formDefinitionSchema, unitConversionSchema, type FormDefinition } from "./schema";

export async function getExtractionSettings(reviewId: string) {
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { settings: true } });
  return readReviewSettings(review.settings).extraction;
}

/** The latest form version, or null before an owner made one. */
export async function getCurrentForm(reviewId: string): Promise<{ id: string; version: number; definition: FormDefinition } | null> {
  const form = await db.extractionForm.findFirst({ where: { reviewId }, orderBy: { version: "desc" }, select: { id: true, version: true, definition: true } });
  return form ? { id: form.id, version: form.version, definition: formDefinitionSchema.parse(form.definition) } : null;
}

export async function listFormVersions(reviewId: string) {
  return db.extractionForm.findMany({ where: { reviewId }, orderBy: { version: "desc" }, select: { id: true, version: true, name: true, createdAt: true, _count: { select: { entries: true } } } });
}

export async function listOutcomes(reviewId: string) {
  const rows = await db.outcome.findMany({ where: { reviewId }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map((o) => ({ ...o, units: unitConversionSchema.array().catch([]).parse(o.units) }));
}

const outcomeDefs = async (reviewId: string): Promise<OutcomeDef[]> => (await listOutcomes(reviewId)).map((o) => ({ name: o.name, unit: o.unit, type: o.type, units: o.units }));

/**
 * Whether a viewer may see other extractors' entries of a study: those who reconcile always;
 * extractors once blinding is off, or once they and enough colleagues have submitted. The
 * digitiser applies the same rule to digitised figures (lib/digitiser/data.ts).
 */
export function othersVisibleFrom(entries: { reviewerId: string | null; status: string; consensus: boolean }[], viewerId: string, roles: readonly Role[], settings: { blinded: boolean; extractorsPerStudy: number }) {
  if (hasCapability(roles, "reconcile") || !settings.blinded) return true;
  const submitted = entries.filter((e) => !e.consensus && e.status === "SUBMITTED");
  return submitted.some((e) => e.reviewerId === viewerId) && submitted.length >= settings.extractorsPerStudy;
}

/**
 * Studies with each extractor's status and the consensus status: the extraction home. Statuses
 * (not answers) are shown to everyone, so a team sees who still has work to do.
 */
export async function getExtractionProgress(reviewId: string) {
  const [studies, entries, members] = await Promise.all([
    db.study.findMany({ where: { reviewId }, orderBy: { label: "asc" }, select: { id: true, label: true } }),
    db.extractionEntry.findMany({ where: { reviewId }, select: { studyId: true, reviewerId: true, consensus: true, status: true } }),
    db.membership.findMany({ where: { reviewId, role: "REVIEWER" }, select: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } }),
  ]);
  const settings = await getExtractionSettings(reviewId);
  const byStudy = new Map<string, typeof entries>();
  for (const e of entries) byStudy.set(e.studyId, [...(byStudy.get(e.studyId) ?? []), e]);
  const reviewers = members.map((m) => m.user);
  const rows = studies.map((s) => {
    const list = byStudy.get(s.id) ?? [];
    const own = list.filter((e) => !e.consensus);
    const consensus = list.find((e) => e.consensus);
    const submitted = own.filter((e) => e.status === "SUBMITTED").length;
    return {
      ...s,
      byReviewer: Object.fromEntries(own.map((e) => [e.reviewerId ?? "", e.status])) as Record<string, string>,
      submitted,
      consensus: consensus ? consensus.status : null,
      readyForConsensus: submitted >= settings.extractorsPerStudy,
    };
  });
  const perReviewer = reviewers.map((r) => ({
    ...r,
    started: rows.filter((s) => s.byReviewer[r.id]).length,
    submitted: rows.filter((s) => s.byReviewer[r.id] === "SUBMITTED").length,
  }));
  return { settings, reviewers, studies: rows, perReviewer, done: rows.filter((r) => r.consensus === "SUBMITTED").length };
}

/** The study and its stored full texts (served by the screening PDF route). */
export async function getStudyForExtraction(reviewId: string, studyId: string) {
  const study = await db.study.findFirst({
    where: { id: studyId, reviewId },
    select: { id: true, label: true, reports: { select: { id: true, title: true, fullText: { select: { status: true, filePath: true } } } } },
  });
  if (!study) return null;
  const pdfs = study.reports.filter((r) => r.fullText?.status === "RETRIEVED" && r.fullText.filePath).map((r) => ({ recordId: r.id, title: r.title }));
  return { id: study.id, label: study.label, pdfs };
}

/**
 * The viewer's own extraction of a study, with flags on answers whose field changed or was removed
 * since, and the others' entries only when blinding allows (never before both submitted).
 */
export async function getExtractionView(reviewId: string, studyId: string, viewerId: string, roles: readonly Role[]) {
  const [settings, form, entries] = await Promise.all([
    getExtractionSettings(reviewId),
    getCurrentForm(reviewId),
    db.extractionEntry.findMany({ where: { reviewId, studyId, consensus: false }, include: { form: { select: { definition: true } } } }),
  ]);
  const mineRow = entries.find((e) => e.reviewerId === viewerId);
  const mine = mineRow ? { id: mineRow.id, status: mineRow.status, submittedAt: mineRow.submittedAt, ...readEntry(mineRow) } : null;
  const savedWith = mineRow?.form ? formDefinitionSchema.safeParse(mineRow.form.definition) : null;
  const flags = mine ? flagAnswers(mine.values, savedWith?.success ? savedWith.data : null, form?.definition ?? null) : [];
  const visible = othersVisibleFrom(entries, viewerId, roles, settings);
  const names = visible ? await reviewerNames(entries.map((e) => e.reviewerId)) : new Map<string, string>();
  const others = visible
    ? entries.filter((e) => e.reviewerId !== viewerId).map((e) => ({ reviewer: names.get(e.reviewerId ?? "") ?? "Former member", status: e.status, ...readEntry(e) }))
    : [];
  return { settings, form, mine, flags, othersVisible: visible, others };
}

async function reviewerNames(ids: (string | null)[]) {
  const users = await db.user.findMany({ where: { id: { in: ids.filter((id): id is string => !!id) } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

const fieldLabels = (definition: FormDefinition | null) => Object.fromEntries(formFields(definition).map((f) => [f.id, f.label]));

/**
 * For reconcilers: the two submitted extractions side by side, field by field, and the consensus
 * so far. Callers must hold `reconcile` (the page and actions check it).
 */
export async function getConsensusView(reviewId: string, studyId: string) {
  const [settings, form, submitted, consensus] = await Promise.all([
    getExtractionSettings(reviewId),
    getCurrentForm(reviewId),
    db.extractionEntry.findMany({ where: { reviewId, studyId, consensus: false, status: "SUBMITTED" }, orderBy: { submittedAt: "asc" }, take: 2 }),
    db.extractionEntry.findFirst({ where: { reviewId, studyId, consensus: true } }),
  ]);
  const names = await reviewerNames(submitted.map((s) => s.reviewerId));
  const ready = submitted.length >= settings.extractorsPerStudy;
  const a = submitted[0] ? readEntry(submitted[0]) : null;
  const b = submitted[1] ? readEntry(submitted[1]) : a;
  const rows: ComparisonRow[] = ready && a && b ? compareEntries(a, b, settings.numericTolerance, fieldLabels(form?.definition ?? null)) : [];
  return {
    settings,
    ready,
    reviewers: submitted.map((s) => names.get(s.reviewerId ?? "") ?? "Former member"),
    rows,
    consensus: consensus ? { status: consensus.status, decisions: (consensus.decisions ?? {}) as Record<string, { source: string; value?: unknown; note?: string }> } : null,
  };
}

/** Agreement between the first two submitted extractions of every study that has them. */
export async function getExtractionAgreement(reviewId: string) {
  const [settings, form, entries] = await Promise.all([
    getExtractionSettings(reviewId),
    getCurrentForm(reviewId),
    db.extractionEntry.findMany({ where: { reviewId, consensus: false, status: "SUBMITTED" }, orderBy: { submittedAt: "asc" } }),
  ]);
  const byStudy = new Map<string, typeof entries>();
  for (const e of entries) byStudy.set(e.studyId, [...(byStudy.get(e.studyId) ?? []), e]);
  const labels = fieldLabels(form?.definition ?? null);
  const comparisons = [...byStudy.values()].filter((l) => l.length >= 2).map(([a, b]) => compareEntries(readEntry(a), readEntry(b), settings.numericTolerance, labels));
  return { studies: comparisons.length, ...agreementReport(comparisons) };
}

const textField = { type: "TEXT" as const, help: "", required: false, options: [], unit: "", locator: false };

async function exportInputs(reviewId: string, consensus: boolean) {
  const [form, outcomes, entries] = await Promise.all([
    getCurrentForm(reviewId),
    outcomeDefs(reviewId),
    db.extractionEntry.findMany({
      where: { reviewId, consensus, ...(consensus ? { status: "SUBMITTED" } : {}) },
      select: { reviewerId: true, values: true, outcomeData: true, study: { select: { label: true } } },
      orderBy: [{ study: { label: "asc" } }, { createdAt: "asc" }],
    }),
  ]);
  // Raw rows name the extractor by e-mail: unique, and what `sieve extraction import --as` takes.
  const users = await db.user.findMany({ where: { id: { in: entries.map((e) => e.reviewerId).filter((id): id is string => !!id) } }, select: { id: true, email: true } });
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const studies = entries.map((e) => ({ label: e.study.label, ...(consensus ? {} : { reviewer: emails.get(e.reviewerId ?? "") ?? "former member" }), ...readEntry(e) }));
  // Answers to fields the form does not have (imported columns, removed fields) are exported too.
  const fields = formFields(form?.definition ?? null);
  const known = new Set(fields.map((f) => f.id));
  const extra = [...new Set(studies.flatMap((s) => Object.keys(s.values)))].filter((id) => !known.has(id)).sort();
  return { fields: [...fields, ...extra.map((id) => ({ ...textField, id, label: id }))], outcomes, studies };
}

/**
 * The finalised consensus of every study in the outcome-data layout (issue 10 point 5): the rows
 * the results page and `sieve meta` analyse through lib/stats/outcome-layout, unchanged.
 */
export async function loadConsensusOutcomeRows(reviewId: string): Promise<CsvTable> {
  const { fields, outcomes, studies } = await exportInputs(reviewId, true);
  return consensusOutcomeRows(studies, outcomes, fields);
}

/** Every extractor's own entry in the same layout, with a `reviewer` column (their e-mail). */
export async function loadRawOutcomeRows(reviewId: string): Promise<CsvTable> {
  const { fields, outcomes, studies } = await exportInputs(reviewId, false);
  return rawOutcomeRows(studies.map((s) => ({ ...s, reviewer: s.reviewer ?? "" })), outcomes, fields);
}

/** Tidy long rows (one per group × outcome × time point) of the consensus or the raw entries. */
export async function loadLongRows(reviewId: string, consensus: boolean): Promise<CsvTable> {
  const { fields, outcomes, studies } = await exportInputs(reviewId, consensus);
  return longRows(studies, outcomes, fields);
}

/** The study's characteristics table: one row per study (consensus) or per study × extractor (raw). */
export async function loadCharacteristicRows(reviewId: string, consensus: boolean): Promise<CsvTable> {
  const { fields, studies } = await exportInputs(reviewId, consensus);
  const columns = characteristicColumns(fields);
  const header = ["study", ...(consensus ? [] : ["reviewer"]), ...columns.map((c) => c.column)];
  return {
    header,
    rows: studies.map((s) => ({ study: s.label, ...(consensus ? {} : { reviewer: s.reviewer ?? "" }), ...Object.fromEntries(columns.map((c) => [c.column, answerText(s.values[c.id]?.value)])) })),
  };
}
