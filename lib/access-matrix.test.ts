/**
 * The action half of the access matrix (e2e/access-matrix.spec.ts walks the pages): every
 * review action, called as owner, reviewer, adjudicator and non-member against a real database.
 * Only the session lookup and Next's cache revalidation are replaced, since both need a live
 * request; authorization, validation and the mutations are the real ones.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { CAN, type Capability } from "@/lib/auth/roles";
import { FORBIDDEN, NOT_FOUND, type ActionResult } from "@/lib/action";
import { makeReviewWithTeam, makeUser } from "@/lib/test/factories";
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/lib/members/actions";
import { addReasonAction, createReviewAction, deleteReasonAction, editReasonAction, mergeReasonAction, moveReasonAction, retireReasonAction, updateProtocolAction } from "@/lib/reviews/actions";
import { correctRecordAction, myRecordNoteAction, saveRecordNoteAction } from "@/lib/records/actions";
import { moveReportAction, renameStudyAction, splitReportAction } from "@/lib/studies/actions";
import { reopenRetrievalAction } from "@/lib/screening/study-actions";
import { bulkDecideAction as bulkScreenAction, searchMyQueueAction } from "@/lib/screening/bulk-actions";
import { resendInvitationAction, withdrawInvitationAction } from "@/lib/invitations/actions";
import { withTestSmtp } from "@/lib/test/smtp-server";
import {
  decideAction,
  linkReportAction,
  markNotRetrievedAction,
  nextRecordsAction,
  reopenResolutionAction,
  resolveConflictAction,
  undoDecisionAction,
  updateStageSettingsAction,
} from "@/lib/screening/actions";
import { makeConflict, makeRecords, makeResolution, makeVote } from "@/lib/screening/test-records";
import { assignNewRecordsAction, setStageAssignmentAction } from "@/lib/screening/assignment-actions";
import { createSearchAction, deleteSearchAction, undoImportAction, updateSearchAction } from "@/lib/imports/actions";
import { db } from "@/lib/db";
import { saveFlowCountsAction, setFlowModeAction } from "@/lib/flow/actions";
import { bulkDecideAction, decidePairAction, runDeduplicationAction, setPrimaryAction, undoMergeAction } from "@/lib/dedup/actions";
import { makeGroup, makePossiblePair } from "@/lib/dedup/test-records";
import { deleteDigitisationAction, saveDigitisationAction } from "@/lib/digitiser/actions";
import {
  addStudyAction,
  createFormFromTemplateAction,
  deleteOutcomeAction,
  importFormAction,
  reopenMyExtractionAction,
  saveConsensusAction,
  saveFormAction,
  saveMyExtractionAction,
  saveOutcomeAction,
  updateExtractionSettingsAction,
} from "@/lib/extraction/actions";
import { exportFormJson, formTemplate } from "@/lib/extraction/templates";
import { createAnalysisAction, deleteAnalysisAction, saveGradeAction, updateAnalysisAction } from "@/lib/analyses/actions";
import { acceptAgreementsAction, removeCustomItemAction, saveCustomItemAction, saveRatingAction, setConsensusAction, submitAssessmentAction, updateRobSettingsAction } from "@/lib/rob/actions";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Team = Awaited<ReturnType<typeof makeReviewWithTeam>>;
type ActionCase = { name: string; capability: Capability; call: (team: Team) => Promise<ActionResult<unknown>> };

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};

/** Every review action. Later stages add theirs here. */
export const REVIEW_ACTIONS: ActionCase[] = [
  { name: "updateProtocol", capability: "manage", call: (t) => updateProtocolAction(form({ slug: t.review.slug, title: "New title", titleAbstractReasons: "A", fullTextReasons: "B" })) },
  { name: "addMember", capability: "manage", call: async (t) => addMemberAction(form({ slug: t.review.slug, email: (await makeUser("New")).email, roles: "REVIEWER" })) },
  { name: "setMemberRoles", capability: "manage", call: (t) => setMemberRolesAction(form({ slug: t.review.slug, userId: t.reviewer.id, roles: ["REVIEWER", "ADJUDICATOR"] })) },
  { name: "removeMember", capability: "manage", call: (t) => removeMemberAction(form({ slug: t.review.slug, userId: t.adjudicator.id })) },
  { name: "decide", capability: "screen", call: async (t) => decideAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId: (await makeRecords(t.review.id, ["R"]))[0].id, decision: "INCLUDE" })) },
  { name: "nextRecords", capability: "screen", call: async (t) => nextRecordsAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT" })) },
  {
    name: "undoDecision",
    capability: "screen",
    call: async (t) => {
      const [record] = await makeRecords(t.review.id, ["R"]);
      await makeVote(t.review.id, record.id, t.reviewer.id, "EXCLUDE");
      return undoDecisionAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId: record.id }));
    },
  },
  {
    name: "resolveConflict",
    capability: "adjudicate",
    call: async (t) => resolveConflictAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId: (await makeConflict(t.review.id, t.reviewer.id)).id, outcome: "EXCLUDE", note: "Settled" })),
  },
  {
    name: "reopenResolution",
    capability: "adjudicate",
    call: async (t) => {
      const [record] = await makeRecords(t.review.id, ["R"]);
      await makeResolution(t.review.id, record.id, "EXCLUDE");
      return reopenResolutionAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT", recordId: record.id, note: "Recheck" }));
    },
  },
  {
    name: "updateStageSettings",
    capability: "manage",
    call: (t) => updateStageSettingsAction(form({ slug: t.review.slug, taReviewersPerRecord: "1", taBlinded: "on", ftReviewersPerRecord: "2", highlightInclude: "rat\nmouse" })),
  },
  {
    name: "markNotRetrieved",
    capability: "retrieve",
    call: async (t) => {
      const [record] = await makeRecords(t.review.id, ["R"]);
      await makeResolution(t.review.id, record.id, "INCLUDE");
      return markNotRetrievedAction(form({ slug: t.review.slug, recordId: record.id, note: "Library has no access" }));
    },
  },
  {
    name: "linkReport",
    capability: "manage",
    call: async (t) => {
      const [a, b] = await makeRecords(t.review.id, ["Report A", "Report B"]);
      const [sa, sb] = [await db.study.create({ data: { reviewId: t.review.id, label: "A" } }), await db.study.create({ data: { reviewId: t.review.id, label: "B" } })];
      await db.record.update({ where: { id: a.id }, data: { studyId: sa.id } });
      await db.record.update({ where: { id: b.id }, data: { studyId: sb.id } });
      return linkReportAction(form({ slug: t.review.slug, recordId: b.id, studyId: sa.id }));
    },
  },
  { name: "saveFlowCounts", capability: "manage", call: (t) => saveFlowCountsAction(form({ slug: t.review.slug, excluded_automatic: "12" })) },
  { name: "setFlowMode", capability: "manage", call: (t) => setFlowModeAction(form({ slug: t.review.slug, mode: "manual" })) },
  { name: "createSearch", capability: "manage", call: (t) => createSearchAction(form({ slug: t.review.slug, kind: "DATABASE", database: "Embase", reportedHits: "12" })) },
  {
    name: "updateSearch",
    capability: "manage",
    call: async (t) => {
      const search = await db.search.create({ data: { reviewId: t.review.id, database: "Embse" } });
      return updateSearchAction(form({ slug: t.review.slug, searchId: search.id, kind: "DATABASE", database: "Embase", reportedHits: "436" }));
    },
  },
  {
    name: "deleteSearch",
    capability: "manage",
    call: async (t) => deleteSearchAction(form({ slug: t.review.slug, searchId: (await db.search.create({ data: { reviewId: t.review.id, database: "Scopus" } })).id })),
  },
  {
    name: "undoImport",
    capability: "manage",
    call: async (t) => {
      const search = await db.search.create({ data: { reviewId: t.review.id, database: "PubMed" } });
      const imported = await db.import.create({ data: { reviewId: t.review.id, searchId: search.id, fileName: "x.nbib", format: "medline", encoding: "utf-8", recordCount: 0, warnings: [] } });
      return undoImportAction(form({ slug: t.review.slug, importId: imported.id }));
    },
  },
  { name: "runDeduplication", capability: "manage", call: (t) => runDeduplicationAction(form({ slug: t.review.slug })) },
  { name: "decidePair", capability: "manage", call: async (t) => decidePairAction(form({ slug: t.review.slug, pairId: (await makePossiblePair(t.review.id)).id, decision: "SAME" })) },
  { name: "bulkDecidePairs", capability: "manage", call: async (t) => (await makePossiblePair(t.review.id), bulkDecideAction(form({ slug: t.review.slug, minScore: "0.5", maxScore: "1", decision: "DIFFERENT" }))) },
  { name: "undoMerge", capability: "manage", call: async (t) => undoMergeAction(form({ slug: t.review.slug, groupId: (await makeGroup(t.review.id)).group.id })) },
  {
    name: "setPrimary",
    capability: "manage",
    call: async (t) => {
      const { group, duplicate } = await makeGroup(t.review.id);
      return setPrimaryAction(form({ slug: t.review.slug, groupId: group.id, recordId: duplicate.id }));
    },
  },
];

/** A figure digitised from a study's PDF page: axis calibration and one SEM bar. */
const digitisation = (slug: string, studyId: string) => ({
  slug,
  studyId,
  locator: "Figure 1, page 2",
  sourceKind: "PDF",
  page: 2,
  crop: { x: 0, y: 0, width: 400, height: 300 },
  calibration: { y: { scale: "linear", p1: { x: 10, y: 300, value: 0 }, p2: { x: 10, y: 0, value: 30 } } },
  clicks: [{ kind: "BAR", group: "EV", errorType: "SEM", mean: { x: 50, y: 100 }, errorEnd: { x: 50, y: 90 } }],
});

REVIEW_ACTIONS.push(
  {
    name: "saveDigitisation",
    capability: "extract",
    call: async (t) => saveDigitisationAction(digitisation(t.review.slug, (await db.study.create({ data: { reviewId: t.review.id, label: "Hu 2020" } })).id)),
  },
  {
    name: "deleteDigitisation",
    capability: "extract",
    call: async (t) => {
      const study = await db.study.create({ data: { reviewId: t.review.id, label: "Hu 2020" } });
      const row = await db.digitisation.create({ data: { reviewId: t.review.id, studyId: study.id, reviewerId: t.reviewer.id, locator: "Fig 1", sourceKind: "PDF", page: 1, crop: {}, calibration: {}, points: [], derived: [] } });
      return deleteDigitisationAction({ slug: t.review.slug, digitisationId: row.id });
    },
  },
);

/** Extraction (issue 10): owners build forms and outcomes, reviewers extract, owners and adjudicators reconcile. */
const makeStudy = (t: Team) => db.study.create({ data: { reviewId: t.review.id, label: "Hu 2020" } });
const submittedEntry = (t: Team, studyId: string, reviewerId: string) =>
  db.extractionEntry.create({ data: { reviewId: t.review.id, studyId, reviewerId, values: {}, outcomeData: {}, status: "SUBMITTED", submittedAt: new Date() } });
REVIEW_ACTIONS.push(
  { name: "saveExtractionForm", capability: "manage", call: (t) => saveFormAction({ slug: t.review.slug, definition: formTemplate("clinical-rct") }) },
  { name: "createFormFromTemplate", capability: "manage", call: (t) => createFormFromTemplateAction(form({ slug: t.review.slug, template: "preclinical" })) },
  { name: "importExtractionForm", capability: "manage", call: (t) => importFormAction(form({ slug: t.review.slug, json: exportFormJson(formTemplate("preclinical")) })) },
  { name: "saveOutcome", capability: "manage", call: (t) => saveOutcomeAction(form({ slug: t.review.slug, name: "MAR", unit: "µm/day", direction: "HIGHER_IS_BETTER", type: "CONTINUOUS" })) },
  {
    name: "deleteOutcome",
    capability: "manage",
    call: async (t) => deleteOutcomeAction(form({ slug: t.review.slug, outcomeId: (await db.outcome.create({ data: { reviewId: t.review.id, name: "BMD" } })).id })),
  },
  { name: "updateExtractionSettings", capability: "manage", call: (t) => updateExtractionSettingsAction(form({ slug: t.review.slug, extractorsPerStudy: "2", blinded: "on", tolerancePercent: "0.5" })) },
  { name: "addStudy", capability: "manage", call: (t) => addStudyAction(form({ slug: t.review.slug, label: "Ito 2021" })) },
  { name: "saveMyExtraction", capability: "extract", call: async (t) => saveMyExtractionAction({ slug: t.review.slug, studyId: (await makeStudy(t)).id, values: {}, outcomeData: {} }) },
  {
    name: "reopenMyExtraction",
    capability: "extract",
    call: async (t) => {
      const study = await makeStudy(t);
      await submittedEntry(t, study.id, t.reviewer.id);
      return reopenMyExtractionAction({ slug: t.review.slug, studyId: study.id });
    },
  },
  {
    name: "saveConsensus",
    capability: "reconcile",
    call: async (t) => {
      const study = await makeStudy(t);
      await submittedEntry(t, study.id, t.reviewer.id);
      await submittedEntry(t, study.id, (await makeUser("Second")).id);
      return saveConsensusAction({ slug: t.review.slug, studyId: study.id, decisions: {}, finalize: true });
    },
  },
);

const ROLES = ["owner", "reviewer", "adjudicator", "outsider"] as const;
const ROLE_GRANTS: Record<(typeof ROLES)[number], readonly string[]> = { owner: ["OWNER"], reviewer: ["REVIEWER"], adjudicator: ["ADJUDICATOR"], outsider: [] };

beforeEach(() => {
  session.user = null;
});

/** Issue 16: reasons edited in place, record corrections, studies, reopening a not-retrieved record, invitations. */
const firstReason = async (t: Team) => (await db.exclusionReason.findFirstOrThrow({ where: { reviewId: t.review.id }, orderBy: { position: "asc" } })).id;
const twoReportStudy = async (t: Team) => {
  const [a, b] = await makeRecords(t.review.id, ["Report 2002", "Report 2003"]);
  const study = await db.study.create({ data: { reviewId: t.review.id, label: "Trial" } });
  await db.record.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { studyId: study.id } });
  return { a, b, study };
};
REVIEW_ACTIONS.push(
  { name: "addReason", capability: "manage", call: (t) => addReasonAction(form({ slug: t.review.slug, label: "Not rodents", stage: "BOTH" })) },
  { name: "editReason", capability: "manage", call: async (t) => editReasonAction(form({ slug: t.review.slug, reasonId: await firstReason(t), label: "Renamed reason", stage: "BOTH" })) },
  { name: "moveReason", capability: "manage", call: async (t) => moveReasonAction(form({ slug: t.review.slug, reasonId: await firstReason(t), direction: "down" })) },
  { name: "retireReason", capability: "manage", call: async (t) => retireReasonAction(form({ slug: t.review.slug, reasonId: await firstReason(t), retired: "true" })) },
  {
    name: "mergeReason",
    capability: "manage",
    call: async (t) => {
      const [a, b] = await db.exclusionReason.findMany({ where: { reviewId: t.review.id }, orderBy: { position: "asc" }, take: 2 });
      return mergeReasonAction(form({ slug: t.review.slug, reasonId: a.id, intoId: b.id }));
    },
  },
  { name: "deleteReason", capability: "manage", call: async (t) => deleteReasonAction(form({ slug: t.review.slug, reasonId: await firstReason(t) })) },
  {
    name: "correctRecord",
    capability: "manage",
    call: async (t) => correctRecordAction(form({ slug: t.review.slug, recordId: (await makeRecords(t.review.id, ["Typo"]))[0].id, title: "Fixed", doi: "10.1000/xyz", year: "2003" })),
  },
  {
    name: "saveRecordNote",
    capability: "view",
    call: async (t) => saveRecordNoteAction(form({ slug: t.review.slug, recordId: (await makeRecords(t.review.id, ["Noted"]))[0].id, text: "dose unclear", labels: "check" })),
  },
  { name: "myRecordNote", capability: "view", call: async (t) => myRecordNoteAction({ slug: t.review.slug, recordId: (await makeRecords(t.review.id, ["Mine"]))[0].id }) },
  { name: "renameStudy", capability: "manage", call: async (t) => renameStudyAction(form({ slug: t.review.slug, studyId: (await twoReportStudy(t)).study.id, label: "Hart trial" })) },
  { name: "splitReport", capability: "manage", call: async (t) => splitReportAction(form({ slug: t.review.slug, recordId: (await twoReportStudy(t)).b.id })) },
  {
    name: "moveReport",
    capability: "manage",
    call: async (t) => {
      const { a } = await twoReportStudy(t);
      const other = await db.study.create({ data: { reviewId: t.review.id, label: "Other" } });
      return moveReportAction(form({ slug: t.review.slug, recordId: a.id, studyId: other.id }));
    },
  },
  {
    name: "reopenRetrieval",
    capability: "retrieve",
    call: async (t) => {
      const [record] = await makeRecords(t.review.id, ["Lost"]);
      await db.fullText.create({ data: { recordId: record.id, status: "NOT_RETRIEVED", note: "no access" } });
      return reopenRetrievalAction({ slug: t.review.slug, recordId: record.id });
    },
  },
  { name: "searchMyQueue", capability: "screen", call: (t) => searchMyQueueAction({ slug: t.review.slug, stage: "TITLE_ABSTRACT", q: "rats" }) },
  {
    name: "bulkDecide",
    capability: "screen",
    call: async (t) => (await makeRecords(t.review.id, ["Bulk rats"]), bulkScreenAction({ slug: t.review.slug, stage: "TITLE_ABSTRACT", q: "Bulk rats", decision: "INCLUDE", expected: 1 })),
  },
  {
    name: "withdrawInvitation",
    capability: "manage",
    call: async (t) => {
      const invitation = await db.invitation.create({ data: { reviewId: t.review.id, email: "invitee@example.org", roles: ["REVIEWER"], token: `t-${Math.random()}`, invitedById: t.owner.id, expiresAt: new Date(Date.now() + 86400000) } });
      return withdrawInvitationAction(form({ slug: t.review.slug, invitationId: invitation.id }));
    },
  },
  {
    name: "resendInvitation",
    capability: "manage",
    call: async (t) => {
      const invitation = await db.invitation.create({ data: { reviewId: t.review.id, email: "resend@example.org", roles: ["REVIEWER"], token: `t-${Math.random()}`, invitedById: t.owner.id, expiresAt: new Date(Date.now() + 86400000) } });
      // Sending needs mail set up; a real local SMTP server stands in for the lab's.
      return withTestSmtp(() => resendInvitationAction(form({ slug: t.review.slug, invitationId: invitation.id })));
    },
  },
);

/** Results (issue 13): owners define analyses and record GRADE judgements; every member reads them. */
const analysisDefinition = { name: "MAR", outcome: "MAR", measure: "GEN", method: "DL" };
const makeAnalysis = (t: Team) => db.analysis.create({ data: { reviewId: t.review.id, name: "Existing", outcome: "MAR", measure: "GEN", method: "DL", options: {} } });
REVIEW_ACTIONS.push(
  { name: "createAnalysis", capability: "manage", call: (t) => createAnalysisAction({ slug: t.review.slug, definition: analysisDefinition }) },
  { name: "updateAnalysis", capability: "manage", call: async (t) => updateAnalysisAction({ slug: t.review.slug, analysisId: (await makeAnalysis(t)).id, definition: { ...analysisDefinition, method: "REML" } }) },
  { name: "deleteAnalysis", capability: "manage", call: async (t) => deleteAnalysisAction({ slug: t.review.slug, analysisId: (await makeAnalysis(t)).id }) },
  { name: "saveGrade", capability: "manage", call: async (t) => saveGradeAction({ slug: t.review.slug, analysisId: (await makeAnalysis(t)).id, grade: { certainty: "low", footnotes: "Downgraded twice." } }) },
);

/** Risk of bias (issue 12): reviewers rate, owners and adjudicators settle, owners choose the tool. */
const robStudy = (t: Team) => db.study.create({ data: { reviewId: t.review.id, label: "Hu 2020" } });
const submittedRob = async (t: Team, studyId: string, raterId: string) =>
  db.robAssessment.create({ data: { reviewId: t.review.id, studyId, raterId, tool: "SYRCLE", status: "SUBMITTED", submittedAt: new Date(), ratings: { create: [{ item: "1", judgement: "UNCLEAR", firstJudgement: "UNCLEAR" }] } } });
const bothSubmitted = async (t: Team) => {
  const study = await robStudy(t);
  await submittedRob(t, study.id, t.reviewer.id);
  await submittedRob(t, study.id, (await makeUser("Second")).id);
  return study;
};
REVIEW_ACTIONS.push(
  { name: "saveRobRating", capability: "appraise", call: async (t) => saveRatingAction(form({ slug: t.review.slug, studyId: (await robStudy(t)).id, item: "1", judgement: "UNCLEAR", answers: '{"1.1":"U"}' })) },
  {
    name: "submitRobAssessment",
    capability: "appraise",
    call: async (t) => {
      const study = await robStudy(t);
      const assessment = await db.robAssessment.create({ data: { reviewId: t.review.id, studyId: study.id, raterId: t.reviewer.id, tool: "SYRCLE" } });
      await db.robRating.createMany({ data: Array.from({ length: 10 }, (_, i) => ({ assessmentId: assessment.id, item: String(i + 1), judgement: "UNCLEAR", firstJudgement: "UNCLEAR" })) });
      return submitAssessmentAction(form({ slug: t.review.slug, studyId: study.id }));
    },
  },
  { name: "setRobConsensus", capability: "reconcile", call: async (t) => setConsensusAction(form({ slug: t.review.slug, studyId: (await bothSubmitted(t)).id, item: "1", judgement: "UNCLEAR", note: "" })) },
  { name: "acceptRobAgreements", capability: "reconcile", call: async (t) => acceptAgreementsAction(form({ slug: t.review.slug, studyId: (await bothSubmitted(t)).id })) },
  { name: "updateRobSettings", capability: "manage", call: (t) => updateRobSettingsAction(form({ slug: t.review.slug, tool: "ROB2", ratersPerStudy: "2", blinded: "on" })) },
  { name: "saveRobCustomItem", capability: "manage", call: (t) => saveCustomItemAction(form({ slug: t.review.slug, id: "C1", label: "Sex reported" })) },
  {
    name: "removeRobCustomItem",
    capability: "manage",
    call: async (t) => {
      await db.review.update({ where: { id: t.review.id }, data: { settings: { riskOfBias: { tool: "SYRCLE", ratersPerStudy: 2, blinded: true, showOverall: false, customItems: [{ id: "C1", label: "Sex reported", question: "" }] } } } });
      return removeCustomItemAction(form({ slug: t.review.slug, id: "C1" }));
    },
  },
);

/** Screening assignment (issue 16, item 10): only owners share a stage's records out. */
REVIEW_ACTIONS.push(
  {
    name: "setStageAssignment",
    capability: "manage",
    call: async (t) => (await makeRecords(t.review.id, ["A", "B"]), setStageAssignmentAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT", mode: "SPLIT", reviewerIds: t.reviewer.id, perRecord: "1" }))),
  },
  { name: "assignNewRecords", capability: "manage", call: (t) => assignNewRecordsAction(form({ slug: t.review.slug, stage: "TITLE_ABSTRACT" })) },
);

describe("access matrix: review actions", () => {
  for (const action of REVIEW_ACTIONS) {
    for (const role of ROLES) {
      const allowed = ROLE_GRANTS[role].some((r) => (CAN[action.capability] as readonly string[]).includes(r));
      it(`${action.name} as ${role}: ${allowed ? "allowed" : role === "outsider" ? "not found" : "forbidden"}`, async () => {
        const team = await makeReviewWithTeam();
        session.user = team[role];
        const result = await action.call(team);
        if (allowed) expect(result).toMatchObject({ ok: true });
        else expect(result).toEqual({ ok: false, error: role === "outsider" ? NOT_FOUND : FORBIDDEN });
      });
    }
    it(`${action.name} when signed out is refused`, async () => {
      const team = await makeReviewWithTeam();
      expect(await action.call(team)).toMatchObject({ ok: false });
    });
  }

  it("createReview needs only a signed-in user, who becomes its owner", async () => {
    session.user = await makeUser("Creator");
    const result = await createReviewAction(form({ title: "A brand new review" }));
    expect(result).toMatchObject({ ok: true, data: { slug: expect.stringMatching(/^a-brand-new-review/) } });
  });

  it("validation errors reach the field", async () => {
    const team = await makeReviewWithTeam();
    session.user = team.owner;
    const result = await addMemberAction(form({ slug: team.review.slug, email: "not-an-email", roles: "REVIEWER" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: ["Enter a valid e-mail address."] } });
  });
});
