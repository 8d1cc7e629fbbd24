/**
 * Ready-made extraction forms. The preclinical template asks for the characteristics the seed
 * reviews extracted (their Tables 1–2: species, strain, sex, age, weight, total number, disease
 * model and its induction, EV source, cell culture, isolation and purification, EV
 * characterisation, dose, route, frequency, duration, outcome measures); the outcome data field
 * opens the experiment → groups → comparisons structure of lib/extraction/schema.ts.
 * Also: a form's JSON export and import, validated by formDefinitionSchema.
 */
import { z } from "zod";
import { formDefinitionSchema, type FieldType, type FormDefinition, type FormField } from "./schema";

type FieldSpec = Partial<FormField> & { id: string; type: FieldType; label: string };

const field = (spec: FieldSpec): FormField => ({ help: "", required: false, options: [], unit: "", locator: false, ...spec });
const text = (id: string, label: string, extra: Partial<FieldSpec> = {}) => field({ id, type: "TEXT", label, locator: true, ...extra });
const choice = (id: string, label: string, options: string[], extra: Partial<FieldSpec> = {}) => field({ id, type: "SINGLE_CHOICE", label, options, locator: true, ...extra });

const preclinical: FormDefinition = {
  name: "Preclinical intervention study (animal model)",
  sections: [
    {
      id: "study",
      title: "Study",
      fields: [
        text("first_author", "First author", { required: true, locator: false }),
        field({ id: "year", type: "INTEGER", label: "Year of publication", min: 1900, max: 2100, required: true }),
        text("country", "Country", { locator: false }),
        choice("design", "Design", ["Randomised", "Non-randomised controlled", "Not stated"]),
        field({ id: "funding", type: "LONG_TEXT", label: "Funding and conflicts of interest", locator: true }),
      ],
    },
    {
      id: "animals",
      title: "Animals",
      fields: [
        choice("species", "Species", ["Mouse", "Rat", "Rabbit", "Dog", "Pig", "Sheep", "Non-human primate", "Other"], { required: true }),
        text("strain", "Strain", { help: "e.g. C57BL/6, Sprague-Dawley, Wistar" }),
        choice("sex", "Sex", ["Female", "Male", "Both", "Not reported"], { required: true }),
        text("age", "Age", { help: "As reported, e.g. 10-week-old; 'Not reported' if absent" }),
        text("weight", "Weight", { help: "As reported, with its unit, e.g. 200–250 g" }),
        field({ id: "total_animals", type: "INTEGER", label: "Total number of animals", min: 1, locator: true, help: "The stated total; group sizes are checked against it" }),
        field({ id: "housing", type: "LONG_TEXT", label: "Housing and husbandry", locator: true }),
      ],
    },
    {
      id: "model",
      title: "Disease model",
      fields: [
        text("model", "Model", { required: true, help: "e.g. ovariectomy-induced osteoporosis, calvarial critical-size defect" }),
        field({ id: "induction", type: "LONG_TEXT", label: "Induction of the model", locator: true, help: "Method, timing, confirmation of the model" }),
        field({ id: "comorbidity", type: "YES_NO", label: "Comorbidity modelled", locator: true }),
      ],
    },
    {
      id: "intervention",
      title: "Intervention (extracellular vesicles)",
      fields: [
        text("ev_source", "EV source (cell type and tissue)", { required: true, help: "e.g. hUC-MSC, BMSC, hiPS-MSC" }),
        choice("ev_donor", "Donor species", ["Human", "Same species (allogeneic)", "Autologous", "Other", "Not reported"]),
        text("cell_culture", "Cell culture", { help: "Passage, medium, conditioning (e.g. hypoxia)" }),
        field({ id: "engineering", type: "TEXT", label: "Engineering or loading", locator: true, help: "e.g. miRNA-overexpressing; 'none'" }),
        field({ id: "isolation", type: "MULTIPLE_CHOICE", label: "Isolation", options: ["Ultracentrifugation", "Density gradient", "Size-exclusion chromatography", "Precipitation kit", "Ultrafiltration", "Other"], locator: true }),
        text("purification", "Purification", { help: "e.g. 0.22 µm filtration" }),
        field({ id: "characterisation", type: "MULTIPLE_CHOICE", label: "EV characterisation", options: ["TEM", "NTA", "DLS", "Western blot", "Flow cytometry"], locator: true }),
        text("particle_concentration", "Particle concentration"),
        text("protein_concentration", "Protein concentration"),
        text("markers", "Markers", { help: "e.g. CD9, CD63, TSG101" }),
        text("diameter", "Diameter (nm)", { unit: "nm" }),
        field({ id: "dose", type: "NUMBER", label: "Dose", unit: "particles/kg", min: 0, locator: true, help: "Convert to particles/kg where possible; the dose as reported goes in the group's descriptors" }),
        text("dose_reported", "Dose as reported", { help: "e.g. 0.5 mg/kg, 100 µg per animal" }),
        choice("route", "Route of administration", ["Intravenous", "Intraperitoneal", "Subcutaneous", "Local injection", "Local scaffold/hydrogel", "Intra-articular", "Other"], { required: true }),
        text("frequency", "Frequency of administration", { help: "e.g. every 3 days" }),
        text("duration", "Duration of treatment", { help: "e.g. 6 weeks" }),
        text("comparator", "Control treatment", { help: "e.g. PBS vehicle, no treatment" }),
      ],
    },
    {
      id: "outcomes",
      title: "Outcomes",
      fields: [
        field({ id: "outcome_measures", type: "MULTIPLE_CHOICE", label: "Outcome measures reported", options: ["BMD", "BV/TV", "Tb.N", "Tb.Th", "Tb.Sp", "Ct.Th", "MAR", "Ultimate load", "Histological score"], locator: true }),
        text("assessment_method", "Assessment method", { help: "e.g. micro-CT, double fluorescent labelling, three-point bending" }),
        field({ id: "blinded_assessment", type: "YES_NO", label: "Outcome assessment blinded", locator: true }),
        field({ id: "outcome_data", type: "OUTCOME_DATA", label: "Experiments, groups and outcome data", help: "One experiment per cohort of animals; mark the control group(s); enter each group's numbers as reported (mean with SD, SEM or CI; median with IQR/range; events)", locator: true }),
      ],
    },
  ],
};

const clinicalRct: FormDefinition = {
  name: "Clinical RCT",
  sections: [
    {
      id: "study",
      title: "Study",
      fields: [
        text("first_author", "First author", { required: true, locator: false }),
        field({ id: "year", type: "INTEGER", label: "Year of publication", min: 1900, max: 2100, required: true }),
        text("registration", "Trial registration", { help: "e.g. NCT number" }),
        text("country", "Country or countries", { locator: false }),
        choice("setting", "Setting", ["Single centre", "Multicentre", "Not reported"]),
        choice("design", "Design", ["Parallel", "Cluster", "Crossover", "Factorial"], { required: true }),
        field({ id: "funding", type: "LONG_TEXT", label: "Funding and conflicts of interest", locator: true }),
        field({ id: "start_date", type: "DATE", label: "Recruitment start", locator: true }),
      ],
    },
    {
      id: "participants",
      title: "Participants",
      fields: [
        field({ id: "inclusion", type: "LONG_TEXT", label: "Inclusion criteria", locator: true }),
        field({ id: "exclusion", type: "LONG_TEXT", label: "Exclusion criteria", locator: true }),
        field({ id: "randomised", type: "INTEGER", label: "Number randomised", min: 1, required: true, locator: true }),
        field({ id: "age_mean", type: "NUMBER", label: "Mean age", unit: "years", min: 0, max: 120, locator: true }),
        field({ id: "female_percent", type: "NUMBER", label: "Women", unit: "%", min: 0, max: 100, locator: true }),
      ],
    },
    {
      id: "interventions",
      title: "Interventions",
      fields: [
        field({ id: "intervention", type: "LONG_TEXT", label: "Intervention (dose, route, schedule)", required: true, locator: true }),
        field({ id: "comparator", type: "LONG_TEXT", label: "Comparator", required: true, locator: true }),
        text("cointerventions", "Co-interventions"),
        text("follow_up", "Length of follow-up"),
      ],
    },
    {
      id: "outcomes",
      title: "Outcomes",
      fields: [
        field({ id: "primary_outcome", type: "TEXT", label: "Primary outcome as defined by the trial", locator: true }),
        field({ id: "itt", type: "YES_NO", label: "Intention-to-treat analysis", locator: true }),
        field({ id: "outcome_data", type: "OUTCOME_DATA", label: "Arms and outcome data", help: "One experiment with one group per arm; enter the numbers as reported", locator: true }),
      ],
    },
  ],
};

export const FORM_TEMPLATES = [
  { key: "preclinical", definition: preclinical },
  { key: "clinical-rct", definition: clinicalRct },
] as const;
export type TemplateKey = (typeof FORM_TEMPLATES)[number]["key"];
export const TEMPLATE_KEYS = FORM_TEMPLATES.map((t) => t.key) as [TemplateKey, ...TemplateKey[]];

/** A fresh copy of a template (callers may edit it). */
export function formTemplate(key: TemplateKey): FormDefinition {
  const found = FORM_TEMPLATES.find((t) => t.key === key);
  if (!found) throw new Error(`Unknown form template ${key}`);
  return formDefinitionSchema.parse(structuredClone(found.definition));
}

/** Field ids are the keys of the answers, so they must be unique across the whole form. */
export function duplicateFieldIds(definition: FormDefinition): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const section of definition.sections) for (const f of section.fields) (seen.has(f.id) ? duplicates : seen).add(f.id);
  return [...duplicates];
}

export const FORM_EXPORT_FORMAT = "sieve-extraction-form";
const formExportSchema = z.object({ format: z.literal(FORM_EXPORT_FORMAT), version: z.literal(1), form: formDefinitionSchema });

/** The JSON a team saves to reuse a form in another review. */
export function exportFormJson(definition: FormDefinition): string {
  return `${JSON.stringify({ format: FORM_EXPORT_FORMAT, version: 1, form: definition }, null, 2)}\n`;
}

export type FormImportResult = { ok: true; definition: FormDefinition } | { ok: false; errors: string[] };

/** Parses an exported form (or a bare definition); every problem names its place in the JSON. */
export function importFormJson(json: string): FormImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const wrapped = raw && typeof raw === "object" && "format" in raw ? formExportSchema.safeParse(raw) : formDefinitionSchema.safeParse(raw);
  if (!wrapped.success) return { ok: false, errors: wrapped.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`) };
  const definition = "form" in wrapped.data ? wrapped.data.form : wrapped.data;
  const duplicates = duplicateFieldIds(definition);
  if (duplicates.length) return { ok: false, errors: duplicates.map((id) => `Field id “${id}” is used more than once.`) };
  return { ok: true, definition };
}
