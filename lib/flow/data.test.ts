/**
 * The counting rules against a real (temporary, migrated) SQLite database: the snapshot query,
 * the owner's entries and the mode switch, with their audit events.
 */
import { describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { saveFlowCountsAction, setFlowModeAction } from "./actions";
import { getReviewFlow } from "./data";
import { saveFlowCounts, setFlowMode } from "./mutations";

// Actions need a request for the session and for cache revalidation; everything else is real.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

async function seedRecords(reviewId: string, ownerId: string) {
  const pubmed = await db.search.create({ data: { reviewId, kind: "DATABASE", database: "PubMed", reportedHits: 3 } });
  const embase = await db.search.create({ data: { reviewId, kind: "DATABASE", database: "Embase" } });
  const make = async (searchId: string, n: number) => {
    const imp = await db.import.create({ data: { reviewId, searchId, fileName: "x.ris", format: "ris", encoding: "utf-8", recordCount: n, warnings: [], createdById: ownerId } });
    return Promise.all(Array.from({ length: n }, (_, i) => db.record.create({ data: { reviewId, importId: imp.id, position: i, title: `T${i}`, authors: [], keywords: [], mesh: [], raw: {} } })));
  };
  const [p1, p2, p3] = await make(pubmed.id, 3);
  const [e1, e2] = await make(embase.id, 2);
  const group = await db.duplicateGroup.create({ data: { reviewId, primaryRecordId: p1.id, origin: "AUTOMATIC", score: 1, reasons: [] } });
  await db.record.updateMany({ where: { id: { in: [p1.id, e1.id] } }, data: { duplicateGroupId: group.id } });
  const reasons = await db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
  const resolve = (recordId: string, stage: string, outcome: string, reasonId: string | null = null) =>
    db.screeningResolution.create({ data: { reviewId, recordId, stage, outcome, reasonId, method: "AGREEMENT" } });
  await resolve(p1.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(p2.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(p3.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(e2.id, "TITLE_ABSTRACT", "EXCLUDE", reasons[0].id);
  const study = await db.study.create({ data: { reviewId, label: "Smith 2020" } });
  await resolve(p1.id, "FULL_TEXT", "INCLUDE");
  await resolve(p2.id, "FULL_TEXT", "INCLUDE");
  await db.record.updateMany({ where: { id: { in: [p1.id, p2.id] } }, data: { studyId: study.id } });
  await db.fullText.create({ data: { recordId: p3.id, status: "NOT_RETRIEVED" } });
}

describe("getReviewFlow on a real database", () => {
  it("counts the review's records and links each box", async () => {
    const { review, owner } = await makeReviewWithTeam();
    await seedRecords(review.id, owner.id);
    const { flow, checks, manual } = await getReviewFlow(review.id, review.slug);
    expect(manual).toBe(false);
    const n = Object.fromEntries(Object.entries(flow.counts).map(([k, v]) => [k, v.n]));
    expect(n).toMatchObject({ database_results: 5, duplicates: 1, records_screened: 4, records_excluded: 1, dbr_sought_reports: 3, dbr_notretrieved_reports: 1, dbr_assessed: 2, new_reports: 2, new_studies: 1 });
    expect(flow.lists.database_specific_results.items.map((i) => [i.label, i.n])).toEqual([["PubMed", 3], ["Embase", 2]]);
    expect(flow.counts.records_screened.href).toBe(`/reviews/${review.slug}/records?box=records_screened`);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("stores the owner's counts and manual mode, audited, and keeps typed numbers across modes", async () => {
    const { review, owner } = await makeReviewWithTeam();
    await seedRecords(review.id, owner.id);
    await writeTransaction((tx) => saveFlowCounts(tx, owner.id, review.id, { counts: { previous_studies: 6, records_screened: 1241 }, lists: { dbr_excluded: [{ label: "Wrong population", n: 20 }] } }));
    let { flow } = await getReviewFlow(review.id, review.slug);
    expect(flow.counts.previous_studies).toEqual({ n: 6, source: "manual" });
    expect(flow.counts.total_studies.n).toBe(7);
    expect(flow.counts.records_screened).toMatchObject({ n: 4, source: "data" }); // typed for manual mode only

    await writeTransaction((tx) => setFlowMode(tx, owner.id, review.id, "manual"));
    ({ flow } = await getReviewFlow(review.id, review.slug));
    expect(flow.mode).toBe("manual");
    expect(flow.counts.records_screened).toEqual({ n: 1241, source: "manual" });
    expect(flow.counts.duplicates.n).toBe(0);
    expect(flow.lists.dbr_excluded.items).toEqual([{ label: "Wrong population", n: 20 }]);

    await writeTransaction((tx) => saveFlowCounts(tx, owner.id, review.id, { counts: { records_screened: null }, lists: { dbr_excluded: null } }));
    await writeTransaction((tx) => setFlowMode(tx, owner.id, review.id, "data"));
    ({ flow } = await getReviewFlow(review.id, review.slug));
    expect(flow.mode).toBe("data");
    expect(await db.flowCount.count({ where: { reviewId: review.id } })).toBe(1);

    const audit = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: { in: ["FlowCount", "FlowMode"] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => `${a.entity}:${a.action}`)).toEqual(["FlowCount:update", "FlowMode:set", "FlowCount:update", "FlowMode:set"]);
    expect(audit[0].after).toEqual({ previous_studies: 6, records_screened: 1241, dbr_excluded: [{ label: "Wrong population", n: 20 }] });
    expect(audit[2].before).toMatchObject({ records_screened: 1241 });
  });
});

describe("typing the 001 seed's flow through the owner's forms", () => {
  it("reproduces the article's numbers and passes every check", async () => {
    const { review, owner } = await makeReviewWithTeam();
    session.user = owner;
    expect(await setFlowModeAction(form({ slug: review.slug, mode: "manual" }))).toMatchObject({ ok: true });
    // As typed in the form, thousands separators included (shared/seeds/001, Results 3.1).
    const saved = await saveFlowCountsAction(
      form({
        slug: review.slug,
        database_specific_results: "PubMed, 380\nEmbase, 436\nWeb of Science, 1,145\nCochrane Library, 6",
        duplicates: "726",
        records_screened: "1,241",
        records_excluded: "1,204",
        dbr_sought_reports: "37",
        dbr_assessed: "37",
        dbr_excluded: "Non-single interventions, unreported outcomes or data extraction issues, 20",
        new_studies: "17",
        new_reports: "17",
      }),
    );
    expect(saved).toMatchObject({ ok: true });
    const { flow, checks } = await getReviewFlow(review.id, review.slug);
    const n = Object.fromEntries(Object.entries(flow.counts).map(([k, v]) => [k, v.n]));
    expect(n).toMatchObject({ database_results: 1967, duplicates: 726, records_screened: 1241, records_excluded: 1204, dbr_sought_reports: 37, dbr_assessed: 37, new_studies: 17, total_studies: 17 });
    expect(flow.lists.database_specific_results.items.map((i) => i.n)).toEqual([380, 436, 1145, 6]);
    expect(flow.lists.dbr_excluded.items).toEqual([{ label: "Non-single interventions, unreported outcomes or data extraction issues", n: 20 }]);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it("returns field errors for bad input and saves nothing", async () => {
    const { review, owner } = await makeReviewWithTeam();
    session.user = owner;
    const result = await saveFlowCountsAction(form({ slug: review.slug, duplicates: "seven", dbr_excluded: "Wrong population" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { duplicates: ["Enter a whole number (0 or more), or leave blank."], dbr_excluded: [expect.stringContaining("needs a label and a number")] } });
    expect(await db.flowCount.count({ where: { reviewId: review.id } })).toBe(0);
  });
});
