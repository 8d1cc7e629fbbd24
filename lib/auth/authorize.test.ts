import { describe, expect, it } from "vitest";
import { authorizeReview } from "@/lib/auth/authorize";
import { CAN, hasCapability } from "@/lib/auth/roles";
import { makeReviewWithTeam } from "@/lib/test/factories";

describe("capabilities", () => {
  it("owners manage and adjudicate but screen only if they also hold REVIEWER", () => {
    expect(hasCapability(["OWNER"], "manage")).toBe(true);
    expect(hasCapability(["OWNER"], "adjudicate")).toBe(true);
    expect(hasCapability(["OWNER"], "screen")).toBe(false);
    expect(hasCapability(["OWNER", "REVIEWER"], "screen")).toBe(true);
    expect(hasCapability(["ADJUDICATOR"], "manage")).toBe(false);
    expect(hasCapability([], "view")).toBe(false);
  });
});

describe("authorizeReview against the database", () => {
  it("gives each role exactly its capabilities and tells a non-member only 'not-found'", async () => {
    const { review, owner, reviewer, adjudicator, outsider } = await makeReviewWithTeam();
    const expected = {
      owner: { view: true, manage: true, screen: false, adjudicate: true, retrieve: true, extract: false, appraise: false, reconcile: true },
      reviewer: { view: true, manage: false, screen: true, adjudicate: false, retrieve: true, extract: true, appraise: true, reconcile: false },
      adjudicator: { view: true, manage: false, screen: false, adjudicate: true, retrieve: false, extract: false, appraise: false, reconcile: true },
    };
    const people = { owner, reviewer, adjudicator };
    for (const [who, caps] of Object.entries(expected)) {
      for (const capability of Object.keys(CAN) as (keyof typeof CAN)[]) {
        const result = await authorizeReview(people[who as keyof typeof people], review.slug, capability);
        expect(typeof result === "object", `${who} ${capability}`).toBe(caps[capability]);
        if (!caps[capability]) expect(result).toBe("forbidden");
      }
    }
    for (const capability of Object.keys(CAN) as (keyof typeof CAN)[]) {
      expect(await authorizeReview(outsider, review.slug, capability)).toBe("not-found");
    }
    // A review that does not exist looks exactly like one the user is not in.
    expect(await authorizeReview(owner, "no-such-review", "view")).toBe("not-found");
  });
});
