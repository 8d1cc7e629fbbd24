import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { makeRecords, makeResolution } from "@/lib/screening/test-records";
import { linkReport } from "@/lib/screening/study-mutations";
import { renameStudy, splitReport } from "@/lib/studies/mutations";
import { listStudies } from "@/lib/studies/data";
import { loadFlowSnapshot } from "@/lib/flow/data";
import { countFlow } from "@/lib/flow/count";

/** Two reports of one trial (2002 and 2003), each included at full text as its own study, plus an unrelated one. */
async function setup() {
  const team = await makeReviewWithTeam();
  const records = await makeRecords(team.review.id, ["Trial report 2002", "Trial report 2003", "Other study"]);
  for (const r of records) {
    await makeResolution(team.review.id, r.id, "INCLUDE", "TITLE_ABSTRACT");
    await makeResolution(team.review.id, r.id, "INCLUDE", "FULL_TEXT");
    const study = await db.study.create({ data: { reviewId: team.review.id, label: r.title } });
    await db.record.update({ where: { id: r.id }, data: { studyId: study.id } });
  }
  return { ...team, records };
}

const flowCounts = async (reviewId: string) => {
  const flow = countFlow(await loadFlowSnapshot(reviewId));
  const n = (field: string) => (flow.counts as Record<string, { n: number }>)[field]?.n;
  return { studies: n("new_studies"), reports: n("new_reports") };
};

describe("studies", () => {
  it("links a report to an existing study, and PRISMA then counts studies and reports apart", async () => {
    const { review, owner, records } = await setup();
    expect(await flowCounts(review.id)).toEqual({ studies: 3, reports: 3 });
    const [first, second] = records;
    const target = (await db.record.findUniqueOrThrow({ where: { id: first.id } })).studyId!;
    await writeTransaction((tx) => linkReport(tx, owner.id, review.id, second.id, target));
    expect(await flowCounts(review.id)).toEqual({ studies: 2, reports: 3 });
    const studies = await listStudies(review.id);
    expect(studies.map((s) => s.reports.length)).toEqual([2, 1]);
  });

  it("splits a wrongly linked report into its own study, and refuses to split an only report", async () => {
    const { review, owner, records } = await setup();
    const target = (await db.record.findUniqueOrThrow({ where: { id: records[0].id } })).studyId!;
    await writeTransaction((tx) => linkReport(tx, owner.id, review.id, records[1].id, target));
    const split = await writeTransaction((tx) => splitReport(tx, owner.id, review.id, records[1].id));
    expect((await db.record.findUniqueOrThrow({ where: { id: records[1].id } })).studyId).toBe(split.id);
    expect(await flowCounts(review.id)).toEqual({ studies: 3, reports: 3 });
    await expect(writeTransaction((tx) => splitReport(tx, owner.id, review.id, records[2].id))).rejects.toThrow(/only report/);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Study", action: "split" } })).toBe(1);
  });

  it("renames a study, audited", async () => {
    const { review, owner, records } = await setup();
    const studyId = (await db.record.findUniqueOrThrow({ where: { id: records[0].id } })).studyId!;
    await writeTransaction((tx) => renameStudy(tx, owner.id, review.id, studyId, "Hart trial"));
    expect((await db.study.findUniqueOrThrow({ where: { id: studyId } })).label).toBe("Hart trial");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "Study", entityId: studyId, action: "rename" } });
    expect(audit.before).toEqual({ label: "Trial report 2002" });
  });
});
