/**
 * Plausibility of an extraction, on the server as in the browser: errors block the save and are
 * keyed by the path of the field they concern ("values.species", "outcomeData.arms.3.sd");
 * warnings (suspicious, not impossible) are shown but never block.
 */
import { fieldAnswerSchema, outcomeDataSchema, type Answers, type FormDefinition, type FormField, type OutcomeData } from "./schema";

export type Messages = Record<string, string[]>;
export type ValidationResult = { errors: Messages; warnings: Messages };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function push(target: Messages, key: string, message: string) {
  (target[key] ??= []).push(message);
}

const isBlank = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

/** One answer against its field; returns the problem or null. */
export function answerProblem(field: FormField, value: unknown): string | null {
  if (isBlank(value)) return null;
  switch (field.type) {
    case "TEXT":
      return typeof value === "string" && value.length <= 2000 ? null : "Enter at most 2,000 characters.";
    case "LONG_TEXT":
      return typeof value === "string" && value.length <= 20000 ? null : "Enter at most 20,000 characters.";
    case "INTEGER":
    case "NUMBER": {
      if (typeof value !== "number" || !Number.isFinite(value)) return "Enter a number.";
      if (field.type === "INTEGER" && !Number.isInteger(value)) return "Enter a whole number.";
      if (field.min !== undefined && value < field.min) return `Must be at least ${field.min}.`;
      if (field.max !== undefined && value > field.max) return `Must be at most ${field.max}.`;
      return null;
    }
    case "SINGLE_CHOICE":
      return typeof value === "string" && field.options.includes(value) ? null : `Choose one of: ${field.options.join(", ")}.`;
    case "MULTIPLE_CHOICE":
      return Array.isArray(value) && value.every((v) => field.options.includes(v)) ? null : `Choose among: ${field.options.join(", ")}.`;
    case "YES_NO":
      return typeof value === "boolean" ? null : "Answer yes or no.";
    case "DATE":
      return typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : "Enter a date as YYYY-MM-DD.";
    case "OUTCOME_DATA":
      return null;
  }
}

export function formFields(definition: FormDefinition | null): FormField[] {
  return definition ? definition.sections.flatMap((s) => s.fields) : [];
}

/**
 * Answers: each against its field (answers to fields the form no longer has are kept, not
 * validated); `requireAll` (on submit) makes required fields mandatory.
 */
export function validateAnswers(definition: FormDefinition | null, answers: Answers, requireAll: boolean): Messages {
  const errors: Messages = {};
  for (const field of formFields(definition)) {
    const answer = answers[field.id];
    const parsed = answer === undefined ? null : fieldAnswerSchema.safeParse(answer);
    if (parsed && !parsed.success) {
      push(errors, `values.${field.id}`, "Not a valid answer.");
      continue;
    }
    const value = parsed?.data.value ?? null;
    if (field.type === "OUTCOME_DATA") continue;
    const problem = answerProblem(field, value);
    if (problem) push(errors, `values.${field.id}`, problem);
    else if (requireAll && field.required && isBlank(value)) push(errors, `values.${field.id}`, "Required.");
  }
  return errors;
}

/** The numbers of outcome data: SD > 0, n ≥ 1 whole, events ≤ total, min ≤ q1 ≤ median ≤ q3 ≤ max. */
export function validateOutcomeData(data: OutcomeData): ValidationResult {
  const errors: Messages = {};
  const warnings: Messages = {};
  const groups = new Map<string, { n?: number; name: string }>();
  data.experiments.forEach((experiment, e) => {
    const ids = new Set<string>();
    experiment.groups.forEach((group, g) => {
      if (ids.has(group.id)) push(errors, `outcomeData.experiments.${e}.groups.${g}.id`, "Two groups share this id.");
      ids.add(group.id);
      groups.set(`${experiment.id}/${group.id}`, { n: group.n, name: group.name });
    });
    const total = experiment.groups.reduce((sum, g) => sum + (g.n ?? 0), 0);
    if (experiment.totalN !== undefined && experiment.groups.every((g) => g.n !== undefined) && total !== experiment.totalN)
      push(warnings, `outcomeData.experiments.${e}.totalN`, `The groups add up to ${total}, but the study states ${experiment.totalN}.`);
    experiment.comparisons.forEach((comparison, c) => {
      const key = `outcomeData.experiments.${e}.comparisons.${c}`;
      const missing = [...comparison.treatmentGroupIds, comparison.controlGroupId].filter((id) => !ids.has(id));
      if (missing.length) push(errors, key, "A comparison names a group this experiment does not have.");
      if (comparison.treatmentGroupIds.includes(comparison.controlGroupId)) push(errors, key, "A group cannot be compared with itself.");
      if (comparison.treatmentGroupIds.length > 1 && comparison.sharedControl !== "COMBINE") push(errors, `${key}.sharedControl`, "Several treatment groups in one comparison are combined (Handbook 6.5.2.10): choose COMBINE.");
    });
  });
  data.arms.forEach((arm, i) => {
    const key = `outcomeData.arms.${i}`;
    const group = groups.get(`${arm.experimentId}/${arm.groupId}`);
    if (!group) push(errors, key, "These numbers belong to a group that no longer exists.");
    const d = arm.data;
    if (d.n !== undefined && (!Number.isInteger(d.n) || d.n < 1)) push(errors, `${key}.n`, "n must be a whole number of at least 1.");
    if (d.sd !== undefined && d.sd <= 0) push(errors, `${key}.sd`, "SD must be greater than 0.");
    if (d.se !== undefined && d.se <= 0) push(errors, `${key}.se`, "SE must be greater than 0.");
    if (d.ciLower !== undefined && d.ciUpper !== undefined && d.ciLower > d.ciUpper) push(errors, `${key}.ciUpper`, "The upper CI limit is below the lower one.");
    if (d.events !== undefined) {
      if (!Number.isInteger(d.events) || d.events < 0) push(errors, `${key}.events`, "Events must be a whole number, 0 or more.");
      else if (d.n !== undefined && d.events > d.n) push(errors, `${key}.events`, `Events (${d.events}) exceed the total (${d.n}).`);
    }
    const ordered = (["min", "q1", "median", "q3", "max"] as const).filter((k) => d[k] !== undefined);
    for (let j = 1; j < ordered.length; j++) {
      if (d[ordered[j - 1]]! > d[ordered[j]]!) push(errors, `${key}.${ordered[j]}`, `Must be at least ${ordered[j - 1]} (${d[ordered[j - 1]]}): min ≤ q1 ≤ median ≤ q3 ≤ max.`);
    }
    if (d.sd !== undefined && d.mean !== undefined && d.mean > 0 && d.sd > d.mean)
      push(warnings, `${key}.sd`, "The SD is larger than the mean of a positive quantity: check it is not a variance or a typo.");
    if (group?.n !== undefined && d.n !== undefined && group.n !== d.n)
      push(warnings, `${key}.n`, `n here (${d.n}) differs from the group's n (${group.n}): animals lost, or a typo?`);
  });
  data.effects.forEach((effect, i) => {
    const key = `outcomeData.effects.${i}`;
    if (effect.se !== undefined && effect.se <= 0) push(errors, `${key}.se`, "SE must be greater than 0.");
    if (effect.se === undefined && (effect.ciLower === undefined || effect.ciUpper === undefined)) push(errors, `${key}.se`, "Give the SE or both CI limits.");
    if (effect.ciLower !== undefined && effect.ciUpper !== undefined && effect.ciLower > effect.ciUpper) push(errors, `${key}.ciUpper`, "The upper CI limit is below the lower one.");
  });
  return { errors, warnings };
}

/** Everything about an entry; `raw` outcome data is parsed here so shape errors are reported too. */
export function validateEntry(definition: FormDefinition | null, answers: Answers, rawOutcomeData: unknown, requireAll: boolean): ValidationResult & { outcomeData: OutcomeData | null } {
  const parsed = outcomeDataSchema.safeParse(rawOutcomeData ?? {});
  const errors = validateAnswers(definition, answers, requireAll);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) push(errors, ["outcomeData", ...issue.path].join("."), issue.message);
    return { errors, warnings: {}, outcomeData: null };
  }
  const numbers = validateOutcomeData(parsed.data);
  for (const [k, v] of Object.entries(numbers.errors)) for (const m of v) push(errors, k, m);
  return { errors, warnings: numbers.warnings, outcomeData: parsed.data };
}
