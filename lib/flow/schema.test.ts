import { describe, expect, it } from "vitest";
import { parseListLines, saveFlowCountsSchema } from "./schema";

describe("parseListLines", () => {
  it("reads 'Label, n' lines, grouped thousands, '(n = x)' and the package's one-line form", () => {
    expect(parseListLines("PubMed, 380\nWeb of Science, 1,145\nReviews, case reports, 512\nEmbase (n = 436)").items).toEqual([
      { label: "PubMed", n: 380 },
      { label: "Web of Science", n: 1145 },
      { label: "Reviews, case reports", n: 512 },
      { label: "Embase", n: 436 },
    ]);
    expect(parseListLines("Reason1, 4; Reason2, 7").items).toEqual([{ label: "Reason1", n: 4 }, { label: "Reason2", n: 7 }]);
  });
  it("reports lines without a number", () => {
    expect(parseListLines("Wrong population").errors).toHaveLength(1);
  });
});

describe("saveFlowCountsSchema", () => {
  it("turns blanks into clears, accepts grouped numbers and leaves absent fields out", () => {
    const parsed = saveFlowCountsSchema.parse({ slug: "r", excluded_automatic: "1,204", excluded_other: "", dbr_excluded: "A, 1" });
    expect(parsed).toEqual({ slug: "r", excluded_automatic: 1204, excluded_other: null, dbr_excluded: [{ label: "A", n: 1 }] });
  });
  it("refuses negative and non-numeric counts on the field", () => {
    const result = saveFlowCountsSchema.safeParse({ slug: "r", duplicates: "-3", records_screened: "many" });
    expect(result.success).toBe(false);
    expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(["duplicates", "records_screened"]);
  });
});
