import { describe, expect, it } from "vitest";
import { db, writeTransaction } from "@/lib/db";
import { slugify, uniqueSlug } from "@/lib/reviews/slug";
import { mergeReasonLists, updateProtocol } from "@/lib/reviews/mutations";
import { updateProtocolSchema } from "@/lib/reviews/schema";
import { makeReviewWithTeam } from "@/lib/test/factories";

describe("slugs", () => {
  it("are ASCII, short and unique", () => {
    expect(slugify("Effects of Café: α review!")).toBe("effects-of-cafe-review");
    expect(slugify("???")).toBe("review");
    expect(uniqueSlug("a", new Set(["a", "a-2"]))).toBe("a-3");
  });
});

describe("protocol", () => {
  it("merges per-stage reason lists; a reason in both becomes BOTH", () => {
    expect(mergeReasonLists(["Wrong population", "Animal study"], ["wrong population", "No full text"])).toEqual([
      { label: "Wrong population", stage: "BOTH" },
      { label: "Animal study", stage: "TITLE_ABSTRACT" },
      { label: "No full text", stage: "FULL_TEXT" },
    ]);
  });

  it("rejects duplicate reasons in one list", () => {
    const parsed = updateProtocolSchema.safeParse({ slug: "x", title: "A title", titleAbstractReasons: "A\na\n", fullTextReasons: "" });
    expect(parsed.success).toBe(false);
  });

  it("updates fields and reasons, keeps reason ids, refuses to drop a cited reason, and audits", async () => {
    const { review, owner, reviewer } = await makeReviewWithTeam();
    const input = (ta: string, ft: string) => updateProtocolSchema.parse({ slug: review.slug, title: "Renamed", population: "Rats", titleAbstractReasons: ta, fullTextReasons: ft });
    await writeTransaction((tx) => updateProtocol(tx, owner.id, review.id, input("Wrong population\nIn vitro", "Wrong population")));
    const reasons = await db.exclusionReason.findMany({ where: { reviewId: review.id }, orderBy: { position: "asc" } });
    expect(reasons.map((r) => [r.label, r.stage])).toEqual([
      ["Wrong population", "BOTH"],
      ["In vitro", "TITLE_ABSTRACT"],
    ]);
    const record = await db.record.create({ data: { reviewId: review.id, title: "T", authors: [], keywords: [], mesh: [], raw: {} } });
    await db.screeningDecision.create({
      data: { reviewId: review.id, recordId: record.id, stage: "TITLE_ABSTRACT", reviewerId: reviewer.id, decision: "EXCLUDE", firstDecision: "EXCLUDE", reasonId: reasons[1].id },
    });
    await expect(writeTransaction((tx) => updateProtocol(tx, owner.id, review.id, input("Wrong population", "")))).rejects.toThrow(/"In vitro" is cited/);
    const after = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(after).toMatchObject({ title: "Renamed", population: "Rats" });
    const audit = await db.auditEvent.findMany({ where: { reviewId: review.id, entity: "Protocol" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ title: "Renamed", population: "Rats" });
  });
});
