/**
 * The tables a review archive holds, their columns and their references, in an order where every
 * row's references come before it. The archive's JSON is these rows as stored (dates as ISO text),
 * so an import reproduces the review exactly. A column added to the schema must be added here and
 * the format version bumped, with a migration (format.ts); archive.test.ts fails until both are done.
 */
import { z } from "zod";

/** s text, sn text|null, i integer, in integer|null, f number, b boolean, d date, dn date|null, j JSON, jn JSON|null. */
type Kind = "s" | "sn" | "i" | "in" | "f" | "b" | "d" | "dn" | "j" | "jn";

/** Where a column points: another archived table (its ids are remapped) or "people" (mapped by e-mail). */
export type Ref = { column: string; table: string };

type TableSpec = { model: string; columns: Record<string, Kind>; refs: Ref[] };

const people = (...columns: string[]): Ref[] => columns.map((column) => ({ column, table: "people" }));

export const TABLES = {
  exclusionReasons: { model: "exclusionReason", columns: { id: "s", reviewId: "s", label: "s", stage: "s", position: "i", retired: "b" }, refs: [] },
  memberships: { model: "membership", columns: { id: "s", reviewId: "s", userId: "s", role: "s", createdAt: "d" }, refs: people("userId") },
  searches: { model: "search", columns: { id: "s", reviewId: "s", kind: "s", database: "s", platform: "s", dateRun: "dn", searchString: "s", reportedHits: "in", createdAt: "d" }, refs: [] },
  imports: {
    model: "import",
    columns: { id: "s", reviewId: "s", searchId: "s", fileName: "s", format: "s", encoding: "s", recordCount: "i", warnings: "j", createdById: "sn", createdAt: "d" },
    refs: [{ column: "searchId", table: "searches" }, ...people("createdById")],
  },
  studies: { model: "study", columns: { id: "s", reviewId: "s", label: "s", createdAt: "d" }, refs: [] },
  duplicateGroups: {
    model: "duplicateGroup",
    // primaryRecordId points at a record written after the group; it is remapped but not checked by the database.
    columns: { id: "s", reviewId: "s", primaryRecordId: "s", origin: "s", score: "f", reasons: "j", filled: "j", createdAt: "d" },
    refs: [{ column: "primaryRecordId", table: "records" }],
  },
  records: {
    model: "record",
    columns: {
      id: "s", reviewId: "s", importId: "sn", position: "i", title: "s", abstract: "s", authors: "j", authorText: "s", year: "in", journal: "s", journalAbbrev: "s",
      volume: "s", issue: "s", pages: "s", doi: "sn", pmid: "sn", pmcid: "sn", issn: "s", keywords: "j", mesh: "j", language: "s", publicationType: "s", url: "s",
      sourceDatabase: "s", raw: "j", duplicateGroupId: "sn", isDuplicate: "b", dedupCheckedAt: "dn", studyId: "sn", createdAt: "d",
    },
    refs: [{ column: "importId", table: "imports" }, { column: "duplicateGroupId", table: "duplicateGroups" }, { column: "studyId", table: "studies" }],
  },
  duplicatePairs: {
    model: "duplicatePair",
    columns: { id: "s", reviewId: "s", recordAId: "s", recordBId: "s", score: "f", reasons: "j", status: "s", decidedById: "sn", decidedAt: "dn" },
    refs: [{ column: "recordAId", table: "records" }, { column: "recordBId", table: "records" }, ...people("decidedById")],
  },
  screeningDecisions: {
    model: "screeningDecision",
    columns: { id: "s", reviewId: "s", recordId: "s", stage: "s", reviewerId: "s", decision: "s", firstDecision: "s", reasonId: "sn", note: "s", createdAt: "d", updatedAt: "d" },
    refs: [{ column: "recordId", table: "records" }, { column: "reasonId", table: "exclusionReasons" }, ...people("reviewerId")],
  },
  screeningResolutions: {
    model: "screeningResolution",
    columns: { id: "s", reviewId: "s", recordId: "s", stage: "s", outcome: "s", reasonId: "sn", method: "s", resolvedById: "sn", note: "s", resolvedAt: "d" },
    refs: [{ column: "recordId", table: "records" }, { column: "reasonId", table: "exclusionReasons" }, ...people("resolvedById")],
  },
  // reviewerIds (JSON) holds user ids; remapped like every id in a JSON column.
  screeningAssignmentPlans: {
    model: "screeningAssignmentPlan",
    columns: { id: "s", reviewId: "s", stage: "s", mode: "s", seed: "s", reviewerIds: "j", perRecord: "i", checkPercent: "i", createdById: "sn", createdAt: "d", updatedAt: "d" },
    refs: people("createdById"),
  },
  screeningAssignments: {
    model: "screeningAssignment",
    columns: { id: "s", reviewId: "s", planId: "s", recordId: "s", stage: "s", reviewerId: "s", position: "i", createdAt: "d" },
    refs: [{ column: "planId", table: "screeningAssignmentPlans" }, { column: "recordId", table: "records" }, ...people("reviewerId")],
  },
  fullTexts: { model: "fullText", columns: { id: "s", recordId: "s", status: "s", filePath: "sn", note: "s", updatedAt: "d" }, refs: [{ column: "recordId", table: "records" }] },
  extractionForms: {
    model: "extractionForm",
    columns: { id: "s", reviewId: "s", version: "i", name: "s", definition: "j", createdById: "sn", createdAt: "d" },
    refs: people("createdById"),
  },
  outcomes: { model: "outcome", columns: { id: "s", reviewId: "s", name: "s", unit: "s", direction: "s", type: "s", units: "j", position: "i", createdAt: "d" }, refs: [] },
  digitisations: {
    model: "digitisation",
    columns: {
      id: "s", reviewId: "s", studyId: "s", reviewerId: "sn", consensus: "b", locator: "s", sourceKind: "s", page: "in", imagePath: "sn",
      crop: "j", calibration: "j", points: "j", derived: "j", createdAt: "d", updatedAt: "d",
    },
    refs: [{ column: "studyId", table: "studies" }, ...people("reviewerId")],
  },
  extractionEntries: {
    model: "extractionEntry",
    columns: {
      id: "s", reviewId: "s", studyId: "s", reviewerId: "sn", consensus: "b", formId: "sn", values: "j", outcomeData: "j", decisions: "j",
      status: "s", submittedAt: "dn", createdAt: "d", updatedAt: "d",
    },
    refs: [{ column: "studyId", table: "studies" }, { column: "formId", table: "extractionForms" }, ...people("reviewerId")],
  },
  robAssessments: {
    model: "robAssessment",
    columns: { id: "s", reviewId: "s", studyId: "s", raterId: "sn", consensus: "b", tool: "s", status: "s", submittedAt: "dn", createdAt: "d", updatedAt: "d" },
    refs: [{ column: "studyId", table: "studies" }, ...people("raterId")],
  },
  robRatings: {
    model: "robRating",
    columns: { id: "s", assessmentId: "s", item: "s", experiment: "s", judgement: "s", derived: "sn", overrideReason: "s", answers: "j", support: "s", firstJudgement: "s", updatedAt: "d" },
    refs: [{ column: "assessmentId", table: "robAssessments" }],
  },
  analyses: {
    model: "analysis",
    columns: {
      id: "s", reviewId: "s", name: "s", outcome: "s", timepoint: "s", measure: "s", method: "s", options: "j", snapshot: "jn", snapshotAt: "dn", grade: "j",
      createdById: "sn", createdAt: "d", updatedAt: "d",
    },
    refs: people("createdById"),
  },
  flowCounts: { model: "flowCount", columns: { id: "s", reviewId: "s", field: "s", value: "i", note: "s" }, refs: [] },
  // The token is a secret: never archived; an imported invitation gets a fresh one.
  invitations: {
    model: "invitation",
    columns: { id: "s", reviewId: "s", email: "s", roles: "j", invitedById: "s", createdAt: "d", expiresAt: "d", acceptedAt: "dn", acceptedBy: "sn" },
    refs: people("invitedById", "acceptedBy"),
  },
  recordNotes: {
    model: "recordNote",
    columns: { id: "s", reviewId: "s", recordId: "s", userId: "s", text: "s", labels: "j", createdAt: "d", updatedAt: "d" },
    refs: [{ column: "recordId", table: "records" }, ...people("userId")],
  },
  auditEvents: {
    model: "auditEvent",
    columns: { id: "s", reviewId: "sn", actorId: "sn", at: "d", entity: "s", entityId: "sn", action: "s", before: "jn", after: "jn" },
    refs: people("actorId"),
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
export type Row = Record<string, unknown>;

export const REVIEW_COLUMNS: Record<string, Kind> = {
  id: "s", slug: "s", title: "s", question: "s", population: "s", intervention: "s", comparator: "s", outcomes: "s", studyDesigns: "s",
  registrationId: "s", inclusionCriteria: "s", exclusionCriteria: "s", settings: "j", createdAt: "d", updatedAt: "d",
};

const isoDate = z.iso.datetime();
const json = z.unknown().refine((v) => v !== undefined, "required");
const KIND_SCHEMA: Record<Kind, z.ZodType> = {
  s: z.string(), sn: z.string().nullable(), i: z.number().int(), in: z.number().int().nullable(), f: z.number(), b: z.boolean(),
  d: isoDate, dn: isoDate.nullable(), j: json, jn: z.unknown().nullable(),
};
export const rowSchema = (columns: Record<string, Kind>) => z.strictObject(Object.fromEntries(Object.entries(columns).map(([c, k]) => [c, KIND_SCHEMA[k]])));

/** A database row as archived: dates as ISO text, columns in the spec's order, nothing else. */
export function toArchiveRow(columns: Record<string, Kind>, row: Row): Row {
  return Object.fromEntries(Object.entries(columns).map(([c, k]) => {
    const v = row[c];
    return [c, v instanceof Date ? v.toISOString() : (k === "jn" || k === "dn" || k === "sn" || k === "in") && v === undefined ? null : v];
  }));
}

/** An archived row as Prisma writes it: ISO text back to dates. */
export function toDbRow(columns: Record<string, Kind>, row: Row): Row {
  return Object.fromEntries(Object.entries(columns).map(([c, k]) => {
    const v = row[c];
    if ((k === "d" || k === "dn") && typeof v === "string") return [c, new Date(v)];
    // Prisma needs JSON null spelled out; a JSON column that is null in the archive stays SQL NULL.
    return [c, v];
  }));
}
