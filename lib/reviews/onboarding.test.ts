import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { slugify } from "@/lib/reviews/slug";
import { createReview } from "@/lib/reviews/mutations";
import { createReviewFormSchema } from "@/lib/reviews/schema";
import { fieldLengthWarnings, lengthWarningCollector } from "@/lib/imports/field-lengths";
import { makeUser } from "@/lib/test/factories";
import type { BibRecord } from "@/lib/formats/record";

describe("onboarding", () => {
  it("cuts a long title's slug at a word boundary, never mid-word", () => {
    const title = "Mesenchymal stem cell-derived extracellular vesicles for osteoporosis: a systematic review of preclinical studies";
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe("mesenchymal-stem-cell-derived-extracellular-vesicles-for");
    expect(`${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-`.startsWith(`${slug}-`)).toBe(true);
    expect(slugify("a".repeat(80))).toBe("a".repeat(60));
  });

  it("the creator of a review is owner and, by default in the form, reviewer", async () => {
    const user = await makeUser("Creator");
    const input = createReviewFormSchema.parse({ title: "Bone review", creatorRoles: "REVIEWER" });
    const { creatorRoles, ...fields } = input;
    expect(creatorRoles).toEqual(["REVIEWER"]);
    const review = await writeTransaction((tx) => createReview(tx, user.id, { ...fields }, undefined, creatorRoles));
    const roles = await db.membership.findMany({ where: { reviewId: review.id, userId: user.id } });
    expect(roles.map((r) => r.role).sort()).toEqual(["OWNER", "REVIEWER"]);
    expect(createReviewFormSchema.parse({ title: "Owner only" }).creatorRoles).toEqual([]);
  });

  it("warns about absurd field lengths at import, naming the record", () => {
    const record = (title: string, abstract = "") => ({ title, abstract, authors: [], keywords: [], mesh: [] }) as unknown as BibRecord;
    const warnings = fieldLengthWarnings([record("Fine"), record("x".repeat(100_000))], 10);
    expect(warnings).toEqual([{ message: expect.stringMatching(/^record 12: the title is 100,000 characters long/) }]);
    const collector = lengthWarningCollector();
    collector.add(Array.from({ length: 25 }, () => record("y".repeat(2_000))), 0);
    expect(collector.warnings()).toHaveLength(21);
    expect(collector.warnings().at(-1)?.message).toBe("5 further over-long fields not listed");
  });
});
