import { describe, expect, it } from "vitest";
import { parseRobCsv, readJudgement } from "./import";
import { ROB2, SYRCLE } from "./tools";
import { robvisCsv } from "./export";

describe("parseRobCsv", () => {
  it("reads SYRCLE yes as low risk and no as high risk (Hooijmans 2014), never as 'not applicable'", () => {
    expect(readJudgement(SYRCLE, "Yes")).toBe("LOW");
    expect(readJudgement(SYRCLE, "no")).toBe("HIGH");
    expect(readJudgement(SYRCLE, "Unclear risk")).toBe("UNCLEAR");
    expect(readJudgement(ROB2, "Some concerns")).toBe("SOME_CONCERNS");
    expect(readJudgement(ROB2, "yes")).toBeNull();
  });
  it("names the row of every problem", () => {
    const header = ["study", "item", "judgement", "support"];
    expect(() => parseRobCsv(ROB2, header, [{ study: "A", item: "d1", judgement: "low", support: "q" }, { study: "A", item: "D6", judgement: "low", support: "q" }], { showOverall: false })).toThrow(/^row 3: "D6" is not an item/);
    expect(() => parseRobCsv(SYRCLE, header, [{ study: "A", item: "1", judgement: "maybe", support: "" }], { showOverall: false })).toThrow(/^row 2: "maybe" is not a judgement/);
    expect(() => parseRobCsv(SYRCLE, header, [{ study: "A", item: "1", judgement: "unclear", support: "" }, { study: "a", item: "1", judgement: "low", support: "x" }], { showOverall: false })).toThrow(/^row 3: a, item 1 was already given on row 2/);
    expect(() => parseRobCsv(SYRCLE, ["study", "item"], [], { showOverall: false })).toThrow(/Missing column judgement/);
    expect(parseRobCsv(ROB2, header, [{ study: "A", item: "d1", judgement: "low", support: "q" }], { showOverall: false })).toEqual([{ line: 2, study: "A", item: "D1", judgement: "LOW", support: "q" }]);
  });
});

describe("robvisCsv", () => {
  it("writes Study, item labels, Weight with robvis words; missing items are 'No information'", () => {
    const csv = robvisCsv(ROB2, [{ studyId: "s", label: "Trial, 2019", items: [{ item: "D1", judgement: "SOME_CONCERNS" }, { item: "overall", judgement: "HIGH" }] }], { showOverall: true, weights: { "Trial, 2019": 33.3 } });
    expect(csv.split("\n")[0]).toBe("Study,Randomisation process,Deviations from intended interventions,Missing outcome data,Measurement of the outcome,Selection of the reported result,Overall,Weight");
    expect(csv.split("\n")[1]).toBe('"Trial, 2019",Some concerns,No information,No information,No information,No information,High,33.3');
  });
});
