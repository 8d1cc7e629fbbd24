import { describe, expect, it } from "vitest";
import { changedFields } from "@/lib/audit/diff";

describe("changedFields", () => {
  it("lists only fields whose values differ, including nested arrays", () => {
    expect(changedFields({ a: 1, b: [1, 2], c: "x" }, { a: 1, b: [1, 3], d: true })).toEqual([
      { field: "b", before: [1, 2], after: [1, 3] },
      { field: "c", before: "x", after: undefined },
      { field: "d", before: undefined, after: true },
    ]);
  });

  it("treats a create (no before) as every field changed", () => {
    expect(changedFields(null, { roles: ["REVIEWER"] })).toEqual([{ field: "roles", before: undefined, after: ["REVIEWER"] }]);
  });
});
