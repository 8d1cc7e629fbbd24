/**
 * What a demo review holds, stage by stage, for the dashboard's notice: the seed article's own
 * data, or nothing yet, left for the user to try. Pure, so the notice and its tests agree.
 */
import demo000 from "@/prisma/demo/review-000.json";
import demo001 from "@/prisma/demo/review-001.json";

export type DemoSeed = "001" | "000";
export const DEMO_SEEDS: readonly DemoSeed[] = ["001", "000"];
/** The audit entity marking a review as a demo; its `after` holds the seed and its stages. */
export const DEMO_AUDIT_ENTITY = "DemoReview";

export type DemoStage = { stage: string; holds: "seed" | "try"; text: string };

const fmt = (n: number) => n.toLocaleString("en-GB");

export function demoStages(seed: DemoSeed): DemoStage[] {
  if (seed === "001") {
    const total = demo001.searches.reduce((s, x) => s + x.reportedHits, 0);
    const mar = demo001.outcomeDefinitions.find((o) => o.name === "MAR")!.reported;
    return [
      { stage: "Protocol", holds: "seed", text: `The article's question, PICO, eligibility criteria and exclusion reasons (${demo001.registrationId}).` },
      { stage: "Identification", holds: "seed", text: `Its ${demo001.searches.length} database searches with their reported hits (${fmt(total)} records). The records themselves are not published, so only the ${demo001.studies.length} included studies' citations are records here.` },
      { stage: "PRISMA diagram", holds: "seed", text: "Every number typed from the article's Figure 1 and marked as typed (manual mode)." },
      { stage: "Screening", holds: "seed", text: `The ${demo001.studies.length} included studies, included at both stages. The article gives no per-reviewer votes, so none are shown; import your own file to try blinded screening.` },
      { stage: "Extraction", holds: "seed", text: `Consensus extraction of Tables 1–2 in the preclinical template for all ${demo001.studies.length} studies, and the MAR effects (SMD with 95% CI) of Figure 7. Per-study means and SDs are not in the text and stay empty.` },
      { stage: "Analysis", holds: "seed", text: `MAR, generic inverse variance, random effects (DerSimonian–Laird): the article reports SMD ${mar.smd} [${mar.ciLower}, ${mar.ciUpper}], Tau² = ${mar.tau2}, I² = ${mar.i2}%.` },
      { stage: "Risk of bias", holds: "try", text: "The article shows its SYRCLE judgements only as a figure, so none are entered. Sign in as the owner and as the second reviewer to rate a study each and see blinding from both sides." },
    ];
  }
  const p = demo000.reported.pooled;
  return [
    { stage: "Protocol", holds: "seed", text: `The article's PICOS, exclusion criteria and full-text exclusion reasons (${demo000.registrationId}).` },
    { stage: "Identification", holds: "seed", text: `Its ${demo000.searches.length} databases. The article gives only the total (${fmt(2414)} records), no count per database.` },
    { stage: "PRISMA diagram", holds: "seed", text: "The numbers the article states, typed and marked as such. It gives no duplicates or records screened, so the diagram's checks fail there: that is the article's gap, not Sieve's." },
    { stage: "Extraction", holds: "seed", text: `Consensus extraction of Table 1 (species and model, EV source, dose in particles/kg, route) for all ${demo000.studies.length} studies, with subgroup fields (EV source, delivery, dose) filled.` },
    { stage: "Analysis", holds: "try", text: `No pooled result: ${pooledGap000()} Article's claim: SMD ${p.smd} [${p.ciLower}, ${p.ciUpper}] for ${p.k} studies.` },
    { stage: "Risk of bias", holds: "try", text: "No per-study judgements are published; rate the studies yourself with both demo accounts." },
  ];
}

/** Why Sieve cannot show 000's pooled result, and what it would need: computed from the committed facts. */
export function pooledGap000(): string {
  const p = demo000.reported.pooled;
  const subs = demo000.reported.subgroups;
  const lo = Math.min(...subs.map((s) => s.smd));
  const hi = Math.max(...subs.map((s) => s.smd));
  const count = (key: "subgroup_animal" | "subgroup_delivery", value: string) => demo000.studies.filter((s) => s.values[key] === value).length;
  const highDose = demo000.studies.filter((s) => s.values.dose_particles_per_kg >= 1e10).length;
  const c = demo000.claims;
  return [
    `the article gives no per-study effect (its forest plots are images), so there is nothing to pool.`,
    `It reports a pooled SMD of ${p.smd} [${p.ciLower}, ${p.ciUpper}] for ${p.k} studies, yet every subgroup in its Table 2 (${subs.map((s) => `${s.subgroup} k = ${s.k}`).join(", ")}) lies between ${lo} and ${hi}, with intervals that exclude the pooled one: subsets of ${Math.min(...subs.map((s) => s.k))}–${Math.max(...subs.map((s) => s.k))} of the same ${p.k} studies cannot all sit so far above it unless the remaining few are far lower, which nothing in the text shows.`,
    `Its Table 1 does not match its own counts either: ${count("subgroup_animal", "Rat")} rat studies (text: ${c.animals.Rat}), ${count("subgroup_animal", "Mouse")} mouse (text: ${c.animals.Mouse}), ${highDose} at ≥1×10¹⁰ particles/kg (text: ${c.highDose}), ${count("subgroup_delivery", "Systemic")} with a systemic route (text: ${c.delivery.Systemic}).`,
    `References ${demo000.repeatedReferences.map((r) => r.included).join(", ")} repeat the titles of references ${demo000.repeatedReferences.map((r) => r.repeats).join(", ")} under other first authors and years.`,
    `To check the claim Sieve needs, for each of the ${p.k} studies, either the SMD with its SE or 95% CI, or each group's mean, SD and n for BV/TV; enter them in each study's outcome data and the analysis runs.`,
  ].join(" ");
}
