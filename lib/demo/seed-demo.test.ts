import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEMO_EMAIL, seedDemoIfEmpty } from "@/lib/demo/seed-demo";

describe("demo review", () => {
  it("is created once, from the 001 seed's facts, with its 47 references as records", async () => {
    const first = await seedDemoIfEmpty(db);
    expect(first.created).toBe(true);
    expect((await seedDemoIfEmpty(db)).created).toBe(false);
    const review = await db.review.findUniqueOrThrow({ where: { slug: first.slug }, include: { memberships: { include: { user: true } } } });
    expect(review.title).toMatch(/^Therapeutic effects of mesenchymal stem cell-derived extracellular vesicles in osteoporosis models/);
    expect(review.registrationId).toBe("PROSPERO CRD420251047216");
    expect(review.memberships.map((m) => m.role).sort()).toEqual(["ADJUDICATOR", "OWNER", "REVIEWER"]);
    expect(review.memberships[0].user.email).toBe(DEMO_EMAIL);
    const records = await db.record.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
    expect(records).toHaveLength(47);
    // Reference 20 of the seed: Wang Y et al., Int J Nanomed 2020;15:7967-77.
    expect(records[19]).toMatchObject({ year: 2020, journal: "Int J Nanomed", volume: "15", pages: "7967-77", doi: "10.2147/ijn.s263756", pmid: "33116512" });
    expect(records.every((r) => r.doi && r.pmid && r.title)).toBe(true);
  });
});
