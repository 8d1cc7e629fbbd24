import { describe, expect, it } from "vitest";
import { assignmentDigest, checkTarget, drawAssignments, seededHash, type AssignmentPlan, type BatchRecord } from "@/lib/screening/assignment";

const records = (n: number, from = 0): BatchRecord[] => Array.from({ length: n }, (_, i) => ({ recordId: `rec${String(from + i).padStart(5, "0")}`, voters: [] }));
const loadsOf = (assigned: Map<string, string[]>) => {
  const loads: Record<string, number> = {};
  for (const reviewers of assigned.values()) for (const r of reviewers) loads[r] = (loads[r] ?? 0) + 1;
  return loads;
};
const split = (perRecord: number, reviewerIds = ["ann", "ben", "cat"], seed = "s1"): AssignmentPlan => ({ mode: "SPLIT", seed, reviewerIds, perRecord });
const check = (checkPercent: number, seed = "s1"): AssignmentPlan => ({ mode: "CHECK", seed, reviewerIds: ["ann", "ben"], checkPercent });

describe("split among reviewers", () => {
  it("gives every record exactly N distinct reviewers, with loads within one of each other", () => {
    const { assigned } = drawAssignments(split(2), records(1000));
    expect(assigned.size).toBe(1000);
    for (const reviewers of assigned.values()) expect(new Set(reviewers).size).toBe(2);
    // 2,000 rows over 3 reviewers: 667, 667, 666 in some order.
    expect(Object.values(loadsOf(assigned)).sort()).toEqual([666, 667, 667]);
  });

  it("a pure split (one reviewer per record) shares the records out evenly", () => {
    const { assigned } = drawAssignments(split(1, ["ann", "ben", "cat", "dan"]), records(10));
    for (const reviewers of assigned.values()) expect(reviewers).toHaveLength(1);
    expect(Object.values(loadsOf(assigned)).sort()).toEqual([2, 2, 3, 3]);
  });

  it("mixes the pairs instead of fixing teams, so each pair has an overlap for kappa", () => {
    const { assigned } = drawAssignments(split(2), records(900));
    const pairs: Record<string, number> = {};
    for (const r of assigned.values()) pairs[r.join("+")] = (pairs[r.join("+")] ?? 0) + 1;
    expect(Object.keys(pairs).sort()).toEqual(["ann+ben", "ann+cat", "ben+cat"]);
    for (const n of Object.values(pairs)) expect(n).toBeGreaterThan(200);
  });

  it("is reproducible from the seed, whatever order the records arrive in, and differs between seeds", () => {
    const batch = records(200);
    const a = drawAssignments(split(2), batch).assigned;
    const b = drawAssignments(split(2), [...batch].reverse()).assigned;
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
    const c = drawAssignments(split(2, undefined, "s2"), batch).assigned;
    expect([...c.entries()].sort()).not.toEqual([...a.entries()].sort());
  });

  it("assigns later records by the same rule on top of the earlier counts, leaving earlier records alone", () => {
    const first = drawAssignments(split(2), records(100));
    const second = drawAssignments(split(2), records(50, 100), first.state);
    for (const id of first.assigned.keys()) expect(second.assigned.has(id)).toBe(false);
    const all = new Map([...first.assigned, ...second.assigned]);
    const loads = Object.values(loadsOf(all));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(second.state.records).toBe(150);
  });

  it("keeps a record with whoever already voted on it, counting their vote toward N", () => {
    const { assigned } = drawAssignments(split(2), [{ recordId: "x", voters: ["cat"] }, { recordId: "y", voters: ["ann", "ben", "cat"] }]);
    expect(assigned.get("x")).toContain("cat");
    expect(assigned.get("x")).toHaveLength(2);
    // Three votes are already in: nobody is taken off a record they screened.
    expect(assigned.get("y")).toEqual(["ann", "ben", "cat"]);
  });
});

describe("second reviewer checks a share", () => {
  it("gives the primary every record and the checker exactly P% (rounded)", () => {
    const { assigned, state } = drawAssignments(check(20), records(1001));
    const loads = loadsOf(assigned);
    expect(loads.ann).toBe(1001);
    expect(loads.ben).toBe(200);
    expect(state.checked).toBe(200);
    expect(checkTarget(1001, 20)).toBe(200);
    expect(checkTarget(5, 10)).toBe(1); // 0.5 rounds up
    expect(checkTarget(10, 100)).toBe(10);
  });

  it("samples at random, not by position", () => {
    const { assigned } = drawAssignments(check(20), records(1000));
    const checked = [...assigned.entries()].filter(([, r]) => r.includes("ben")).map(([id]) => Number(id.slice(3)));
    // A systematic every-fifth draw would put exactly 100 in each half; a random one rarely does, but lands near it.
    const firstHalf = checked.filter((i) => i < 500).length;
    expect(firstHalf).toBeGreaterThan(70);
    expect(firstHalf).toBeLessThan(130);
    expect(checked.filter((i) => i % 5 === 0).length).toBeLessThan(80);
  });

  it("keeps the share at P% as records arrive in batches, without re-drawing earlier ones", () => {
    let state = drawAssignments(check(20), records(100)).state;
    expect(state.checked).toBe(20);
    const later = drawAssignments(check(20), records(37, 100), state);
    state = later.state;
    expect(state.records).toBe(137);
    expect(state.checked).toBe(checkTarget(137, 20));
    expect([...later.assigned.values()].filter((r) => r.includes("ben"))).toHaveLength(27 - 20);
  });

  it("a checker who already voted keeps the record, and it counts toward the share", () => {
    const batch = [{ recordId: "v", voters: ["ben"] }, ...records(9)];
    const { assigned, state } = drawAssignments(check(10), batch);
    expect(assigned.get("v")).toEqual(["ann", "ben"]);
    expect(state.checked).toBe(1);
    expect([...assigned.values()].filter((r) => r.includes("ben"))).toHaveLength(1);
  });
});

describe("fingerprints", () => {
  it("seededHash spreads neighbouring ids over the whole range", () => {
    const top = new Set(records(64).map((r) => seededHash("s", r.recordId) >>> 28));
    expect(top.size).toBeGreaterThan(12);
  });

  it("the digest names the assignment, not the order of its rows", () => {
    const rows = [
      { recordId: "a", reviewerId: "ann" },
      { recordId: "b", reviewerId: "ben" },
    ];
    expect(assignmentDigest(rows)).toBe(assignmentDigest([...rows].reverse()));
    expect(assignmentDigest(rows)).not.toBe(assignmentDigest([{ recordId: "a", reviewerId: "ben" }, { recordId: "b", reviewerId: "ann" }]));
  });
});
