import { describe, expect, it } from "vitest";
import { getDashboard } from "@/lib/reviews/data";
import { makeRecords, makeResolution, makeVote } from "@/lib/screening/test-records";
import { makeReviewWithTeam } from "@/lib/test/factories";

describe("dashboard under blinding", () => {
  it("shows reviewers 'all votes in', never resolved or included counts, while adjudicators see outcomes", async () => {
    const { review, reviewer, adjudicator } = await makeReviewWithTeam();
    const [agreed, pending] = await makeRecords(review.id, ["Agreed", "Pending"]);
    await makeVote(review.id, agreed.id, reviewer.id, "INCLUDE");
    await makeVote(review.id, agreed.id, adjudicator.id, "INCLUDE");
    await makeResolution(review.id, agreed.id, "INCLUDE");
    await makeVote(review.id, pending.id, reviewer.id, "EXCLUDE");

    const blinded = await getDashboard(review.id, review.slug, { seesOutcomes: false });
    const ta = blinded.find((s) => s.label === "Title/abstract screening")!;
    expect(ta).toMatchObject({ done: 1, total: 2 });
    expect(ta.detail).toBe("1 of 2 have every vote in; outcomes hidden while blinded");
    expect(blinded.find((s) => s.label === "Full text")!.detail).not.toMatch(/included/);

    const open = await getDashboard(review.id, review.slug, { seesOutcomes: true });
    expect(open.find((s) => s.label === "Title/abstract screening")!.detail).toMatch(/^1 of 2 resolved/);
    expect(open.find((s) => s.label === "Full text")!.detail).toBe("0 of 1 assessed; 0 included");
  });
});
