/** Stored JSON → typed answers and outcome data (rows written before a shape gained a field still parse). */
import { answersSchema, outcomeDataSchema, type Answers, type OutcomeData } from "./schema";

export function readEntry(row: { values: unknown; outcomeData: unknown }): { values: Answers; outcomeData: OutcomeData } {
  const values = answersSchema.safeParse(row.values ?? {});
  const outcomeData = outcomeDataSchema.safeParse(row.outcomeData ?? {});
  return { values: values.success ? values.data : {}, outcomeData: outcomeData.success ? outcomeData.data : { experiments: [], arms: [], effects: [] } };
}
