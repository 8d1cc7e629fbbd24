import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getReviewFlow } from "@/lib/flow/data";
import { listRecords } from "@/lib/records/data";
import { recordFilterSchema } from "@/lib/records/schema";
import { makeReviewWithTeam } from "@/lib/test/factories";

async function seed(reviewId: string) {
  const pubmed = await db.search.create({ data: { reviewId, database: "PubMed" } });
  const embase = await db.search.create({ data: { reviewId, database: "Embase" } });
  const make = async (searchId: string, titles: string[]) => {
    const imp = await db.import.create({ data: { reviewId, searchId, fileName: "x.ris", format: "ris", encoding: "utf-8", recordCount: titles.length, warnings: [] } });
    return Promise.all(
      titles.map((title, i) => db.record.create({ data: { reviewId, importId: imp.id, position: i, title, year: 2010 + i, authorText: `author${i} a`, authors: [], keywords: [], mesh: [], raw: {} } })),
    );
  };
  const [p1, p2, p3] = await make(pubmed.id, ["Bone loss in rats", "Exosomes and bone", "Hip fracture cohort"]);
  const [e1, e2] = await make(embase.id, ["Bone loss in rats.", "Vesicles in mice"]);
  const group = await db.duplicateGroup.create({ data: { reviewId, primaryRecordId: p1.id, origin: "AUTOMATIC", score: 1, reasons: [] } });
  await db.record.update({ where: { id: p1.id }, data: { duplicateGroupId: group.id } });
  await db.record.update({ where: { id: e1.id }, data: { duplicateGroupId: group.id, isDuplicate: true } });
  const [reason] = await db.exclusionReason.findMany({ where: { reviewId }, orderBy: { position: "asc" } });
  const resolve = (recordId: string, stage: string, outcome: string, reasonId: string | null = null) =>
    db.screeningResolution.create({ data: { reviewId, recordId, stage, outcome, reasonId, method: "AGREEMENT" } });
  await resolve(p1.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(p2.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(p3.id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(e2.id, "TITLE_ABSTRACT", "EXCLUDE", reason.id);
  await resolve(p1.id, "FULL_TEXT", "INCLUDE");
  await resolve(p2.id, "FULL_TEXT", "EXCLUDE", reason.id);
  await db.fullText.create({ data: { recordId: p3.id, status: "NOT_RETRIEVED" } });
}

const list = (reviewId: string, query: Record<string, string>) => listRecords(reviewId, recordFilterSchema.parse(query));

describe("listRecords", () => {
  it("filters by text, author, year and set, and sorts", async () => {
    const { review } = await makeReviewWithTeam();
    await seed(review.id);
    expect((await list(review.id, {})).total).toBe(5);
    expect((await list(review.id, { q: "bone" })).total).toBe(3);
    expect((await list(review.id, { q: "AUTHOR1", field: "author" })).total).toBe(2);
    expect((await list(review.id, { yearFrom: "2011", yearTo: "2011" })).total).toBe(2);
    expect((await list(review.id, { set: "unique" })).total).toBe(4);
    expect((await list(review.id, { set: "excluded-ta" })).rows.map((r) => r.title)).toEqual(["Vesicles in mice"]);
    expect((await list(review.id, { sort: "title", dir: "desc" })).rows.map((r) => r.title)[0]).toBe("Vesicles in mice");
  });

  it("lists exactly the records each PRISMA box counts, so the diagram's links are honest", async () => {
    const { review } = await makeReviewWithTeam();
    await seed(review.id);
    const { flow } = await getReviewFlow(review.id, review.slug);
    const boxes = [...Object.values(flow.counts), ...Object.values(flow.lists).flatMap((l) => l.items)].filter((b) => b.href);
    expect(boxes.length).toBeGreaterThan(8);
    for (const box of boxes) {
      const query = Object.fromEntries(new URL(box.href!, "http://x").searchParams);
      expect((await list(review.id, query)).total, box.href).toBe(box.n);
    }
  });
});
