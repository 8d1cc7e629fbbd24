import { z } from "zod";
import { COUNT_FIELDS, LIST_FIELDS, type CountField, type ListField } from "./fields";

const MAX_COUNT = 100_000_000;

/** A typed count: blank clears the entry (null); "1,967" and "1967" both read as 1967. */
const countInput = z
  .string()
  .trim()
  .transform((s) => s.replace(/[,\s]/g, ""))
  .refine((s) => s === "" || /^\d+$/.test(s), "Enter a whole number (0 or more), or leave blank.")
  .transform((s) => (s === "" ? null : Number(s)))
  .refine((n) => n === null || n <= MAX_COUNT, "That number is too large.");

/**
 * One "Label, n" per line, as the PRISMA2020 package writes them ("Wrong population, 12"); also
 * "Label (n = 12)" and "Label: 12". The number is the part after the last separator that parses
 * whole, so labels may contain commas and numbers may group thousands ("Web of Science, 1,145").
 */
export function parseListLines(text: string): { items: { label: string; n: number }[]; errors: string[] } {
  const items: { label: string; n: number }[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/\r?\n|;\s*(?=\D)/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(.*?)\s*\(n\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)\)\s*$/.exec(line) ?? /^(.*?)\s*[,;:]\s*(\d{1,3}(?:,\d{3})+|\d+)\s*$/.exec(line);
    if (!m || !m[1].trim()) {
      errors.push(`"${line.slice(0, 60)}" needs a label and a number, e.g. "Wrong population, 12".`);
      continue;
    }
    items.push({ label: m[1].trim().slice(0, 200), n: Number(m[2].replace(/,/g, "")) });
  }
  if (items.length > 50) errors.push("List at most 50 lines.");
  return { items, errors };
}

const listInput = z.string().transform((text, ctx) => {
  const { items, errors } = parseListLines(text);
  for (const message of errors) ctx.addIssue({ code: "custom", message });
  return items.length ? items : null;
});

/** The owner's form: any subset of fields; a field left out of the form is left as it was. */
export const saveFlowCountsSchema = z.object({
  slug: z.string().min(1),
  ...(Object.fromEntries(COUNT_FIELDS.map((f) => [f, countInput.optional()])) as Record<CountField, z.ZodOptional<typeof countInput>>),
  ...(Object.fromEntries(LIST_FIELDS.map((f) => [f, listInput.optional()])) as Record<ListField, z.ZodOptional<typeof listInput>>),
});
export type SaveFlowCountsInput = z.infer<typeof saveFlowCountsSchema>;

export const setFlowModeSchema = z.object({ slug: z.string().min(1), mode: z.enum(["data", "manual"]) });
export type SetFlowModeInput = z.infer<typeof setFlowModeSchema>;
