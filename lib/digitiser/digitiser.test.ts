/**
 * Digitisations through the real actions on a real database: derived numbers recomputed on the
 * server, written into the extractor's own outcome data with the locator, blinded between
 * extractors until both submit, visible to whoever makes the consensus, and audited.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addMember } from "@/lib/screening/test-records";
import { saveDigitisationAction } from "./actions";
import { listVisibleDigitisations } from "./data";
import { resolveAuditNames } from "@/lib/audit/names";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const outcomeData = {
  experiments: [{ id: "e1", label: "OVX rats", groups: [{ id: "g1", name: "OVX+EV", n: 6, descriptors: {} }, { id: "g2", name: "OVX", n: 6, isControl: true, descriptors: {} }], comparisons: [] }],
  arms: [],
  effects: [],
};

async function setup() {
  const team = await makeReviewWithTeam();
  const second = await addMember(team.review.id, "Second", ["REVIEWER"]);
  const study = await db.study.create({ data: { reviewId: team.review.id, label: "Hu 2020" } });
  await db.outcome.create({ data: { reviewId: team.review.id, name: "BV/TV", unit: "%" } });
  for (const user of [team.reviewer, second]) {
    await db.extractionEntry.create({ data: { reviewId: team.review.id, studyId: study.id, reviewerId: user.id, values: {}, outcomeData } });
  }
  const input = {
    slug: team.review.slug,
    studyId: study.id,
    locator: "Figure 3B, page 6",
    sourceKind: "PDF" as const,
    page: 6,
    crop: { x: 10, y: 20, width: 400, height: 300, renderScale: 2 },
    calibration: { y: { scale: "linear" as const, p1: { x: 50, y: 400, value: 0 }, p2: { x: 50, y: 0, value: 40 } } },
    clicks: [{ kind: "BAR" as const, group: "OVX+EV", groupId: "g1", errorType: "SEM" as const, mean: { x: 100, y: 200 }, errorEnd: { x: 100, y: 180 } }],
    target: { outcome: "BV/TV", timepoint: "8 weeks", experimentId: "e1" },
  };
  return { ...team, second, study, input };
}

beforeEach(() => {
  session.user = null;
});

describe("saving a digitisation", () => {
  it("writes the numbers as reported into the extractor's own outcome data, with the locator", async () => {
    const { reviewer, study, input, review } = await setup();
    session.user = reviewer;
    const result = await saveDigitisationAction({ ...input, derived: "ignored" });
    expect(result.ok).toBe(true);
    const entry = await db.extractionEntry.findFirstOrThrow({ where: { studyId: study.id, reviewerId: reviewer.id } });
    const arms = (entry.outcomeData as { arms: { data: unknown; locator: string; digitisationId: string }[] }).arms;
    expect(arms).toHaveLength(1);
    expect(arms[0].data).toMatchObject({ n: 6, mean: 20, se: 2 });
    expect(arms[0].locator).toBe("Figure 3B, page 6");
    expect(arms[0].digitisationId).toBe(result.ok && result.data.id);
    const audits = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: { in: ["Digitisation", "ExtractionEntry"] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["create", "digitise"]);
    // The audit log names the figure and links to the digitiser, where its clicks are drawn again.
    const names = await resolveAuditNames(review.id, review.slug, audits);
    expect(names.get(result.ok ? result.data.id : "")).toEqual({ label: "Figure: Figure 3B, page 6", href: `/reviews/${review.slug}/figures/${study.id}` });
  });

  it("keeps one extractor's figure from the other until both have submitted; the adjudicator sees both", async () => {
    const { reviewer, second, adjudicator, study, input, review } = await setup();
    session.user = reviewer;
    expect((await saveDigitisationAction(input)).ok).toBe(true);
    session.user = second;
    expect((await saveDigitisationAction(input)).ok).toBe(true);
    expect(await listVisibleDigitisations(review.id, study.id, second.id, ["REVIEWER"])).toHaveLength(1);
    expect(await listVisibleDigitisations(review.id, study.id, adjudicator.id, ["ADJUDICATOR"])).toHaveLength(2);
    await db.extractionEntry.updateMany({ where: { studyId: study.id }, data: { status: "SUBMITTED" } });
    expect(await listVisibleDigitisations(review.id, study.id, second.id, ["REVIEWER"])).toHaveLength(2);
  });

  it("refuses someone without the Reviewer role, an outsider and a bad calibration", async () => {
    const { owner, outsider, input, reviewer } = await setup();
    session.user = owner;
    expect(await saveDigitisationAction(input)).toMatchObject({ ok: false, error: "Your role in this review does not allow that." });
    session.user = outsider;
    expect(await saveDigitisationAction(input)).toMatchObject({ ok: false, error: "Not found." });
    session.user = reviewer;
    const flat = { ...input, calibration: { y: { scale: "linear", p1: { x: 1, y: 1, value: 5 }, p2: { x: 1, y: 9, value: 5 } } } };
    expect(await saveDigitisationAction(flat)).toMatchObject({ ok: false });
  });
});
