import { describe, expect, it } from "vitest";
import { fnv1a, queueStart, resolveVotes, studyLabel, visibleVotes } from "@/lib/screening/rules";

const v = (reviewerId: string, decision: string, reasonId: string | null = null) => ({ reviewerId, decision, reasonId });

describe("resolveVotes", () => {
  it("waits for the required number of votes", () => {
    expect(resolveVotes([v("a", "INCLUDE")], 2, "TITLE_ABSTRACT")).toEqual({ status: "PENDING", votes: 1, required: 2 });
  });
  it("settles two agreeing votes", () => {
    expect(resolveVotes([v("a", "INCLUDE"), v("b", "INCLUDE")], 2, "TITLE_ABSTRACT")).toMatchObject({ status: "AGREED", outcome: "INCLUDE" });
    expect(resolveVotes([v("a", "EXCLUDE", "r1"), v("b", "EXCLUDE")], 2, "TITLE_ABSTRACT")).toEqual({ status: "AGREED", outcome: "EXCLUDE", reasonId: "r1" });
  });
  it("makes include against exclude, and any maybe, a conflict", () => {
    expect(resolveVotes([v("a", "INCLUDE"), v("b", "EXCLUDE")], 2, "TITLE_ABSTRACT").status).toBe("CONFLICT");
    expect(resolveVotes([v("a", "MAYBE"), v("b", "MAYBE")], 2, "TITLE_ABSTRACT").status).toBe("CONFLICT");
    expect(resolveVotes([v("a", "INCLUDE"), v("b", "MAYBE")], 2, "TITLE_ABSTRACT").status).toBe("CONFLICT");
  });
  it("at full text, exclusions for different reasons conflict (PRISMA counts per reason)", () => {
    expect(resolveVotes([v("a", "EXCLUDE", "r1"), v("b", "EXCLUDE", "r2")], 2, "FULL_TEXT").status).toBe("CONFLICT");
    expect(resolveVotes([v("a", "EXCLUDE", "r1"), v("b", "EXCLUDE", "r1")], 2, "FULL_TEXT")).toMatchObject({ status: "AGREED", reasonId: "r1" });
  });
  it("single-reviewer mode settles one vote, but a lone maybe goes to the adjudicator", () => {
    expect(resolveVotes([v("a", "EXCLUDE")], 1, "TITLE_ABSTRACT")).toMatchObject({ status: "AGREED", outcome: "EXCLUDE" });
    expect(resolveVotes([v("a", "MAYBE")], 1, "TITLE_ABSTRACT").status).toBe("CONFLICT");
  });
});

describe("visibleVotes (blinding)", () => {
  const votes = [v("me", "INCLUDE"), v("other", "EXCLUDE")];
  it("hides colleagues' votes while blinded and unresolved", () => {
    expect(visibleVotes(votes, "me", { blinded: true, resolved: false })).toEqual([v("me", "INCLUDE")]);
  });
  it("shows them once resolved, when blinding is off, or to an adjudicator", () => {
    expect(visibleVotes(votes, "me", { blinded: true, resolved: true })).toHaveLength(2);
    expect(visibleVotes(votes, "me", { blinded: false, resolved: false })).toHaveLength(2);
    expect(visibleVotes(votes, "adj", { blinded: true, resolved: false, adjudicating: true })).toHaveLength(2);
  });
});

describe("ordering", () => {
  it("is deterministic per reviewer and differs between reviewers", () => {
    expect(fnv1a("a")).toBe(0xe40c292c); // FNV-1a 32-bit test vector for "a"
    expect(queueStart("alice", "rev", 1000)).toBe(queueStart("alice", "rev", 1000));
    const starts = new Set(["a", "b", "c", "d", "e"].map((r) => queueStart(r, "rev", 100000)));
    expect(starts.size).toBe(5);
    expect(queueStart("x", "rev", 0)).toBe(0);
  });
});

describe("studyLabel", () => {
  it("uses the first author's family name and the year", () => {
    expect(studyLabel([{ family: "Smith", given: "J", normalized: "smith j" }], 2019, "T")).toBe("Smith 2019");
    expect(studyLabel([], null, "Bone loss in rats after ovariectomy")).toBe("Bone loss in");
  });
});
