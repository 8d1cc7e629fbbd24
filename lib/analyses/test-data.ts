/**
 * Test helpers: consensus ExtractionEntry rows written directly, in the shapes of
 * lib/extraction/schema.ts (one experiment, one treatment vs control comparison per study).
 */
import { db } from "@/lib/db";
import type { OutcomeData } from "@/lib/extraction/schema";

export type ArmNumbers = { mean?: number; sd?: number; n?: number; events?: number };
export type TestStudy = {
  label: string;
  outcome: string;
  timepoint?: string;
  treatment?: ArmNumbers;
  control?: ArmNumbers;
  /** Generic inverse variance: an effect with its 95% CI. */
  effect?: { yi: number; ciLower: number; ciUpper: number };
  characteristics?: Record<string, string | number>;
};

export const TEST_FORM = {
  name: "Test form",
  sections: [{ id: "s1", title: "Study", fields: [
    { id: "species", type: "TEXT", label: "Species" },
    { id: "dose", type: "NUMBER", label: "Dose" },
    { id: "year", type: "INTEGER", label: "Year" },
  ] }],
};

export function outcomeDataOf(studies: TestStudy[]): OutcomeData {
  const timepoints = (s: TestStudy) => s.timepoint ?? "";
  return {
    experiments: [{
      id: "e1", label: "Experiment 1",
      groups: [
        { id: "t", name: "Treatment", model: "", treatment: "EV", isControl: false, isSham: false, descriptors: {} },
        { id: "c", name: "Control", model: "", treatment: "", isControl: true, isSham: false, descriptors: {} },
      ],
      comparisons: [{ id: "c1", label: "EV vs control", treatmentGroupIds: ["t"], controlGroupId: "c", sharedControl: "NONE" }],
    }],
    arms: studies.flatMap((s) => (s.treatment && s.control ? [
      { experimentId: "e1", groupId: "t", outcome: s.outcome, timepoint: timepoints(s), data: { ...s.treatment, unit: "" }, locator: "" },
      { experimentId: "e1", groupId: "c", outcome: s.outcome, timepoint: timepoints(s), data: { ...s.control, unit: "" }, locator: "" },
    ] : [])),
    effects: studies.flatMap((s) => (s.effect ? [{ experimentId: "e1", comparisonId: "c1", outcome: s.outcome, timepoint: timepoints(s), measure: "SMD", locator: "", ...s.effect }] : [])),
  };
}

/** One study with a submitted consensus entry holding all the given outcome rows. */
export async function addConsensusStudy(reviewId: string, formId: string, rows: TestStudy[]) {
  const study = await db.study.create({ data: { reviewId, label: rows[0].label } });
  const values = Object.fromEntries(Object.entries(rows[0].characteristics ?? {}).map(([k, v]) => [k, { value: v, locator: "" }]));
  await db.extractionEntry.create({
    data: { reviewId, studyId: study.id, reviewerId: null, consensus: true, formId, values, outcomeData: outcomeDataOf(rows), status: "SUBMITTED", submittedAt: new Date() },
  });
  return study;
}

export async function addTestForm(reviewId: string) {
  return db.extractionForm.create({ data: { reviewId, version: 1, name: TEST_FORM.name, definition: TEST_FORM } });
}
