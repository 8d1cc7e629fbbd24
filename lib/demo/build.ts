/**
 * Builds a demo review from a seed's committed facts (prisma/demo/review-00N.json) in one
 * transaction: protocol, searches, the included studies' citations as records, their inclusion,
 * studies, the preclinical form with consensus extraction, outcomes with the effects the article
 * reports, the analysis that reproduces its pooled result (001), and its PRISMA flow typed by
 * hand (manual mode: the article's records are not available, only its counts).
 * Facts the article does not give (per-reviewer votes, risk-of-bias judgements, means and SDs)
 * are left empty for the user to try.
 */
import type { Tx } from "@/lib/db";
import demo001 from "@/prisma/demo/review-001.json";
import demo000 from "@/prisma/demo/review-000.json";
import { makeAuthor } from "@/lib/formats/authors";
import { splitPages } from "@/lib/formats/pages";
import type { BibRecord } from "@/lib/formats/record";
import { createReview, mergeReasonLists } from "@/lib/reviews/mutations";
import { insertRecords } from "@/lib/records/mutations";
import { recordAudit } from "@/lib/audit/mutations";
import { saveFlowCounts, setFlowMode } from "@/lib/flow/mutations";
import type { FlowEntry } from "@/lib/flow/model";
import type { CountField, ListField } from "@/lib/flow/fields";
import type { Answers, OutcomeData } from "@/lib/extraction/schema";
import { createAnalysis } from "@/lib/analyses/mutations";
import { analysisDefinitionSchema } from "@/lib/analyses/schema";
import { answers000, answers001, demoForm } from "./template-values";
import { demoStages, DEMO_AUDIT_ENTITY, type DemoSeed } from "./stages";

type Reference = { label: string; authors: { family: string; given: string }[]; etAl: boolean; title: string; journal: string; year: number | null; volume: string; pages: string; doi?: string | null; pmid?: string | null };

/** A reference of the seed article as a normalised record; nothing is added that the article does not state. */
export function referenceToRecord(ref: Reference): BibRecord {
  return {
    title: ref.title,
    authors: ref.authors.map((a) => makeAuthor(a.family, a.given)),
    year: ref.year ?? undefined,
    journal: ref.journal || undefined,
    volume: ref.volume || undefined,
    ...splitPages(ref.pages || undefined),
    doi: ref.doi ?? undefined,
    pmid: ref.pmid ?? undefined,
    keywords: [],
    mesh: [],
    raw: { label: [ref.label], ...(ref.etAl ? { etAl: ["true"] } : {}) },
  };
}

type StudyFacts = { label: string; reference: string; answers: Answers };
type EffectFacts = { study: string; measure: string; yi: number; ciLower: number; ciUpper: number; locator: string };
type OutcomeFacts = { name: string; fullName: string; direction: string; type: string; effects?: EffectFacts[] };

function seedFacts(seed: DemoSeed) {
  const d = seed === "001" ? demo001 : demo000;
  const studies: StudyFacts[] = seed === "001"
    ? demo001.studies.map((s) => ({ label: s.label, reference: s.reference, answers: answers001(s) }))
    : demo000.studies.map((s) => ({ label: s.label, reference: s.reference, answers: answers000(s) }));
  const outcomes: OutcomeFacts[] = seed === "001" ? demo001.outcomeDefinitions : [{ name: "BV/TV", fullName: "Bone volume / total volume", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS" }];
  const { references: _r, source, titleAbstractReasons, fullTextReasons, title, question, population, intervention, comparator, outcomes: outcomeText, studyDesigns, registrationId, inclusionCriteria, exclusionCriteria } = d;
  return {
    source,
    protocol: { title, question, population, intervention, comparator, outcomes: outcomeText, studyDesigns, registrationId, inclusionCriteria, exclusionCriteria },
    reasons: mergeReasonLists(titleAbstractReasons, fullTextReasons),
    searches: d.searches as { database: string; reportedHits: number | null }[],
    flow: d.flow as FlowEntry[],
    references: d.references as Reference[],
    studies,
    outcomes,
  };
}

/** One experiment, one MSC-EV group against its control, carrying the effect the article reports. */
function effectOutcomeData(effects: { outcome: string; effect: EffectFacts }[]): OutcomeData {
  if (!effects.length) return { experiments: [], arms: [], effects: [] };
  return {
    experiments: [{
      id: "e1",
      label: "MSC-EVs vs control",
      groups: [
        { id: "ev", name: "MSC-EVs", model: "", treatment: "MSC-EVs", isControl: false, isSham: false, descriptors: {} },
        { id: "control", name: "Control", model: "", treatment: "", isControl: true, isSham: false, descriptors: {} },
      ],
      comparisons: [{ id: "c1", label: "MSC-EVs vs control", treatmentGroupIds: ["ev"], controlGroupId: "control", sharedControl: "NONE" }],
    }],
    arms: [],
    effects: effects.map(({ outcome, effect }) => ({ experimentId: "e1", comparisonId: "c1", outcome, timepoint: "", measure: effect.measure, yi: effect.yi, ciLower: effect.ciLower, ciUpper: effect.ciUpper, locator: effect.locator })),
  };
}

export async function buildDemoReview(tx: Tx, seed: DemoSeed, ownerId: string, reviewerId: string): Promise<{ id: string; slug: string }> {
  const facts = seedFacts(seed);
  const review = await createReview(tx, ownerId, facts.protocol, facts.reasons);
  const reviewId = review.id;
  for (const role of ["REVIEWER", "ADJUDICATOR"]) await tx.membership.create({ data: { reviewId, userId: ownerId, role } });
  await tx.membership.create({ data: { reviewId, userId: reviewerId, role: "REVIEWER" } });
  await recordAudit(tx, { reviewId, actorId: ownerId, entity: "Membership", entityId: reviewerId, action: "create", after: { userId: reviewerId, roles: ["REVIEWER"] } });

  for (const s of facts.searches) {
    const search = await tx.search.create({ data: { reviewId, kind: "DATABASE", database: s.database, reportedHits: s.reportedHits } });
    await recordAudit(tx, { reviewId, actorId: ownerId, entity: "Search", entityId: search.id, action: "create", after: search });
  }

  // Only the included studies' citations are known (from the reference list): one import of them.
  const included = facts.studies.map((s) => {
    const ref = facts.references.find((r) => r.label === s.reference);
    if (!ref) throw new Error(`Study ${s.label} cites reference ${s.reference}, which is not in the reference list`);
    return ref;
  });
  const citations = await tx.search.create({
    data: { reviewId, kind: "OTHER", database: "Included studies (the article's reference list)", platform: `${facts.source.citation}${"doi" in facts.source ? ` doi:${facts.source.doi}` : ""}`, reportedHits: included.length },
  });
  const imported = await tx.import.create({
    data: { reviewId, searchId: citations.id, fileName: facts.source.file, format: "seed-references", encoding: "utf-8", recordCount: included.length, warnings: [], createdById: ownerId },
  });
  await insertRecords(tx, reviewId, imported.id, included.map(referenceToRecord));
  await recordAudit(tx, { reviewId, actorId: ownerId, entity: "Import", entityId: imported.id, action: "create", after: { fileName: imported.fileName, records: included.length } });
  const records = await tx.record.findMany({ where: { importId: imported.id }, orderBy: { position: "asc" }, select: { id: true } });

  const form = await tx.extractionForm.create({ data: { reviewId, version: 1, name: demoForm(seed).name, definition: demoForm(seed), createdById: ownerId } });
  await recordAudit(tx, { reviewId, actorId: ownerId, entity: "ExtractionForm", entityId: form.id, action: "create", after: { version: 1, name: form.name } });
  for (const [position, o] of facts.outcomes.entries()) {
    const outcome = await tx.outcome.create({ data: { reviewId, name: o.name, direction: o.direction, type: o.type, position } });
    await recordAudit(tx, { reviewId, actorId: ownerId, entity: "Outcome", entityId: outcome.id, action: "create", after: outcome });
  }

  const note = `Included by the review's authors (${facts.source.citation}); the article gives no per-reviewer decisions.`;
  const now = new Date();
  for (const [i, s] of facts.studies.entries()) {
    const recordId = records[i].id;
    for (const stage of ["TITLE_ABSTRACT", "FULL_TEXT"]) {
      await tx.screeningResolution.create({ data: { reviewId, recordId, stage, outcome: "INCLUDE", method: "AGREEMENT", note } });
    }
    const study = await tx.study.create({ data: { reviewId, label: s.label, reports: { connect: { id: recordId } } } });
    const effects = facts.outcomes.flatMap((o) => (o.effects ?? []).filter((e) => e.study === s.label).map((effect) => ({ outcome: o.name, effect })));
    const entry = await tx.extractionEntry.create({
      data: { reviewId, studyId: study.id, reviewerId: null, consensus: true, formId: form.id, values: s.answers, outcomeData: effectOutcomeData(effects), status: "SUBMITTED", submittedAt: now },
    });
    await recordAudit(tx, { reviewId, actorId: ownerId, entity: "Study", entityId: study.id, action: "create", after: { label: s.label, recordId, resolutions: "INCLUDE at title/abstract and full text", note } });
    await recordAudit(tx, { reviewId, actorId: ownerId, entity: "ExtractionEntry", entityId: entry.id, action: "create", after: { consensus: true, studyId: study.id, fields: Object.keys(s.answers).length, effects: effects.length } });
  }

  if (seed === "001") {
    // Through the results domain, so the analysis is exactly what an owner would define on its page.
    for (const a of demo001.analyses) await createAnalysis(tx, { id: ownerId, reviewId }, analysisDefinitionSchema.parse({ name: a.name, outcome: a.outcome, measure: a.measure, method: a.method }));
  }

  await setFlowMode(tx, ownerId, reviewId, "manual");
  const counts: Partial<Record<CountField, number>> = {};
  const lists: Partial<Record<ListField, { label: string; n: number }[]>> = {};
  for (const e of facts.flow) {
    if ("items" in e) lists[e.field] = e.items;
    else counts[e.field] = e.n;
  }
  await saveFlowCounts(tx, ownerId, reviewId, { counts, lists });

  // The dashboard's notice reads this: which stages hold the seed's own data.
  await recordAudit(tx, { reviewId, actorId: ownerId, entity: DEMO_AUDIT_ENTITY, entityId: reviewId, action: "create", after: { seed, stages: demoStages(seed) } });
  return { id: reviewId, slug: review.slug };
}
