import { describe, expect, it } from "vitest";
import { mergeRecordFields } from "./merge";
import { article, author, record } from "./test-fixtures";

describe("mergeRecordFields", () => {
  it("fills fields missing in the primary from the others, in order, without overwriting", () => {
    const primary = { ...article, doi: undefined, abstract: "", issue: undefined, keywords: ["Heart failure"], raw: { TI: [article.title] } };
    const a = record({ title: "x", doi: "10.1/first", issue: "4", keywords: ["heart failure", "Elderly"], raw: { TI: ["x"], DO: ["10.1/first"] } });
    const b = record({ title: "y", doi: "10.1/second", abstract: "From b.", language: "eng" });
    const merged = mergeRecordFields(primary, [a, b]);
    expect(merged.title).toBe(article.title);
    expect(merged.doi).toBe("10.1/first");
    expect(merged.abstract).toBe("From b.");
    expect(merged.issue).toBe("4");
    expect(merged.language).toBe("eng");
    expect(merged.keywords).toEqual(["Heart failure", "Elderly"]);
    expect(merged.raw).toEqual({ TI: [article.title, "x"], DO: ["10.1/first"] });
  });
  it("takes authors from the longest other list only when the primary has none", () => {
    const merged = mergeRecordFields(record({ title: "t" }), [record({ authors: [author("A", "B")] }), record({ authors: [author("C", "D"), author("E", "F")] })]);
    expect(merged.authors.map((a) => a.family)).toEqual(["C", "E"]);
    expect(mergeRecordFields(article, [record({ authors: [author("Z", "Z")] })]).authors).toEqual(article.authors);
  });
  it("is pure", () => {
    const primary = record({ title: "t", keywords: ["k"] });
    const before = JSON.stringify(primary);
    mergeRecordFields(primary, [record({ doi: "10.1/x", keywords: ["j"] })]);
    expect(JSON.stringify(primary)).toBe(before);
  });
});
