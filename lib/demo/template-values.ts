/**
 * The seed tables' cells as answers to the preclinical template (lib/extraction/templates.ts).
 * A cell that fits a template field goes there; where the template's choice would lose what the
 * article printed (species "C57BL/6J mice", route "Injected through periosteum of the femur"),
 * the printed text is kept too, in a section of the demo's form ("As tabulated by the article").
 * A cell the article marks "Not description" is answered "Not reported" for text fields and left
 * empty for choices and numbers; a field the tables do not cover stays unanswered.
 */
import { formTemplate } from "@/lib/extraction/templates";
import type { Answers, FormDefinition, FormField } from "@/lib/extraction/schema";
import type demo001 from "@/prisma/demo/review-001.json";
import type demo000 from "@/prisma/demo/review-000.json";

type Value = string | number | string[] | null;
const answers = (values: Record<string, Value | undefined>, locator: string): Answers =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { value: v as Value, locator }]));
const orNotReported = (v: string | null) => v ?? "Not reported";

const text = (id: string, label: string, help = ""): FormField => ({ id, type: "TEXT", label, help, required: false, options: [], unit: "", locator: true });
const choice = (id: string, label: string, options: string[], help = ""): FormField => ({ ...text(id, label, help), type: "SINGLE_CHOICE", options });

/** The template plus what the seed tables print that the template's choices cannot hold. */
export function demoForm(seed: "001" | "000"): FormDefinition {
  const form = formTemplate("preclinical");
  const tabulated = [
    text("species_as_tabulated", "Species/strain as tabulated"),
    text("route_as_tabulated", "Route as tabulated"),
    ...(seed === "001"
      ? [text("isolation_as_tabulated", "Isolation as tabulated"), text("ev_morphology_tem", "EV morphology (TEM)")]
      : [text("primary_outcome_as_tabulated", "Primary outcome as tabulated"), text("mechanism", "Key mechanism (pathway/marker)")]),
  ];
  form.sections.push({ id: "as_tabulated", title: "As tabulated by the article", fields: tabulated });
  if (seed === "000") {
    form.sections.push({
      id: "subgroups",
      title: "Subgroups",
      fields: [
        choice("subgroup_ev_source", "EV source group", ["BMSC-EVs", "UCMSC-EVs", "hiPS-MSC-EVs", "Other MSC-EVs"], "As Table 1 groups the studies"),
        choice("subgroup_delivery", "Delivery", ["Local", "Systemic"], "Sieve's reading of the route; left empty where the route is neither (subcutaneous, intramuscular)"),
        choice("subgroup_dose", "Dose group", ["≥1×10¹⁰ particles/kg", "<1×10¹⁰ particles/kg"], "The article's threshold"),
      ],
    });
  }
  return { ...form, name: `${form.name}, ${seed === "001" ? "Zhang et al. 2025" : "Mai et al. 2025"} demo` };
}

const SPECIES: Record<string, string> = { mice: "Mouse", rats: "Rat", rabbits: "Rabbit" };
/** "C57BL/6J mice" → Mouse + "C57BL/6J"; "Sprague Dawley (SD) rats" → Rat + "Sprague Dawley (SD)". */
function speciesAndStrain(cell: string | null): { species: string | null; strain: string } {
  if (!cell) return { species: null, strain: "Not reported" };
  const words = cell.split(" ");
  const species = SPECIES[words.at(-1)!.toLowerCase()] ?? "Other";
  return { species, strain: words.slice(0, -1).join(" ") || "Not reported" };
}

/** A printed route onto the template's choices; the printed text is kept beside it. */
const ROUTES: Record<string, string> = {
  Intravenously: "Intravenous",
  Intraperitoneally: "Intraperitoneal",
  "Scaffold loading": "Local scaffold/hydrogel",
  "Injected through periosteum of the femur": "Local injection",
  "Local injection": "Local injection",
  "Local scaffold": "Local scaffold/hydrogel",
  "Hydrogel scaffold": "Local scaffold/hydrogel",
  "Scaffold implantation": "Local scaffold/hydrogel",
  "Intra-articular": "Intra-articular",
  "Systemic (IV)": "Intravenous",
  "Systemic (tail vein)": "Intravenous",
  Subcutaneous: "Subcutaneous",
  Intramuscular: "Other",
};
const route = (cell: string | null) => (cell ? (ROUTES[cell] ?? "Other") : null);

const ISOLATION: Record<string, string> = { Ultracentrifugation: "Ultracentrifugation", "Polymer precipitation kits": "Precipitation kit", "ExoEasy Maxi Kit": "Other" };

type Study001 = (typeof demo001)["studies"][number];
export function answers001(study: Study001): Answers {
  const v = study.values;
  const { species, strain } = speciesAndStrain(v.species);
  return answers(
    {
      first_author: study.label.replace(/ \d{4}$/, ""),
      year: v.publication_year,
      country: orNotReported(v.country),
      species,
      strain,
      sex: v.sex,
      age: orNotReported(v.age),
      weight: orNotReported(v.weight),
      total_animals: v.total_animals,
      model: orNotReported(v.disease_model),
      ev_source: orNotReported(v.ev_source),
      cell_culture: orNotReported(v.cell_culture),
      isolation: v.ev_isolation ? [ISOLATION[v.ev_isolation] ?? "Other"] : null,
      purification: orNotReported(v.ev_purification),
      particle_concentration: orNotReported(v.ev_particle_concentration),
      protein_concentration: orNotReported(v.ev_protein_concentration),
      markers: orNotReported(v.ev_markers),
      diameter: orNotReported(v.ev_diameter),
      dose_reported: orNotReported(v.dose),
      route: route(v.route),
      frequency: orNotReported(v.frequency),
      duration: orNotReported(v.duration),
      species_as_tabulated: orNotReported(v.species),
      route_as_tabulated: orNotReported(v.route),
      isolation_as_tabulated: orNotReported(v.ev_isolation),
      ev_morphology_tem: orNotReported(v.ev_morphology_tem),
    },
    study.locator,
  );
}

type Study000 = (typeof demo000)["studies"][number];
export function answers000(study: Study000): Answers {
  const v = study.values;
  const { species, strain } = speciesAndStrain(v.species);
  return answers(
    {
      first_author: study.label.replace(/ \d{4}.*$/, ""),
      year: v.publication_year,
      species,
      strain,
      model: v.disease_model,
      ev_source: v.ev_source,
      dose: v.dose_particles_per_kg,
      dose_reported: `${v.dose} particles/kg`,
      route: route(v.route),
      species_as_tabulated: `${v.species} (${v.disease_model})`,
      route_as_tabulated: v.route,
      primary_outcome_as_tabulated: v.primary_outcome,
      mechanism: v.mechanism,
      subgroup_ev_source: v.subgroup_ev_source,
      subgroup_delivery: v.subgroup_delivery,
      subgroup_dose: v.subgroup_dose,
    },
    study.locator,
  );
}
