import { describe, expect, it } from "vitest";
import { CAMARADES, reviewTool, ROB2, SYRCLE } from "./tools";
import { checkRating, proposeJudgement, proposeYesNoJudgement } from "./derive";
import { proposeRob2D1, proposeRob2D2, proposeRob2D3, proposeRob2D4, proposeRob2D5, proposeRob2Overall } from "./rob2";

const syrcle = (id: string) => SYRCLE.items.find((i) => i.id === id)!;

describe("tools as data", () => {
  it("SYRCLE has its 10 items with bias types as in Hooijmans et al. 2014 Table 2", () => {
    expect(SYRCLE.items.map((i) => i.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    // Table 2: items 1–3 selection, 4–5 performance, 6–7 detection, 8 attrition, 9 reporting, 10 other.
    expect(SYRCLE.items.map((i) => i.biasType)).toEqual([
      "Selection bias", "Selection bias", "Selection bias", "Performance bias", "Performance bias",
      "Detection bias", "Detection bias", "Attrition bias", "Reporting bias", "Other",
    ]);
    expect(SYRCLE.items.every((i) => i.questions.length > 0)).toBe(true);
    expect(SYRCLE.definesOverall).toBe(false);
  });
  it("RoB 2 has domains D1–D5 with 3, 7, 4, 5 and 3 signalling questions (guidance 2019)", () => {
    expect(ROB2.items.map((i) => [i.id, i.questions.length])).toEqual([["D1", 3], ["D2", 7], ["D3", 4], ["D4", 5], ["D5", 3]]);
  });
  it("CAMARADES has 10 items and custom items are appended, never replacing a tool item", () => {
    expect(CAMARADES.items).toHaveLength(10);
    const tool = reviewTool("SYRCLE", [{ id: "C1", label: "Sex reported", question: "" }, { id: "3", label: "Clash", question: "" }]);
    expect(tool.items.map((i) => i.id).slice(-2)).toEqual(["10", "C1"]);
    expect(tool.items.find((i) => i.id === "C1")!.question).toBe("Sex reported");
  });
});

describe("SYRCLE rule: any relevant 'no' → high, all 'yes' → low, otherwise unclear (Hooijmans 2014)", () => {
  it("applies to a multi-question item", () => {
    expect(proposeYesNoJudgement(syrcle("2"), { "2.1": "Y", "2.2": "Y", "2.3": "Y" })).toBe("LOW");
    expect(proposeYesNoJudgement(syrcle("2"), { "2.1": "Y", "2.2": "N", "2.3": "U" })).toBe("HIGH");
    expect(proposeYesNoJudgement(syrcle("2"), { "2.1": "Y", "2.2": "U", "2.3": "Y" })).toBe("UNCLEAR");
    // 2.2 is asked only "if relevant": NA is ignored.
    expect(proposeYesNoJudgement(syrcle("2"), { "2.1": "Y", "2.2": "NA", "2.3": "Y" })).toBe("LOW");
  });
  it("is incomplete (null) until every question is answered", () => {
    expect(proposeYesNoJudgement(syrcle("2"), { "2.1": "Y" })).toBeNull();
  });
  it("treats alternatives (item 7: blinded, or not blinded but unlikely to matter) as one route", () => {
    expect(proposeYesNoJudgement(syrcle("7"), { "7.1": "N", "7.2": "Y" })).toBe("LOW");
    expect(proposeYesNoJudgement(syrcle("7"), { "7.1": "N", "7.2": "N" })).toBe("HIGH");
    expect(proposeYesNoJudgement(syrcle("7"), { "7.1": "U", "7.2": "N" })).toBe("UNCLEAR");
  });
  it("item 8: all animals analysed and follow-ups NA → low; a missing-data follow-up 'no' → high", () => {
    expect(proposeYesNoJudgement(syrcle("8"), { "8.1": "Y", "8.2": "NA", "8.3": "NA", "8.4": "NA" })).toBe("LOW");
    expect(proposeYesNoJudgement(syrcle("8"), { "8.1": "N", "8.2": "Y", "8.3": "N", "8.4": "NA" })).toBe("HIGH");
  });
});

describe("RoB 2 algorithms (full guidance, 22 Aug 2019)", () => {
  it("D1: concealed + no baseline problem + random → low; not concealed → high; NI concealment + baseline problem → high", () => {
    expect(proposeRob2D1({ "1.1": "Y", "1.2": "Y", "1.3": "N" })).toBe("LOW");
    expect(proposeRob2D1({ "1.1": "NI", "1.2": "PY", "1.3": "NI" })).toBe("LOW");
    expect(proposeRob2D1({ "1.1": "N", "1.2": "Y", "1.3": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D1({ "1.1": "Y", "1.2": "Y", "1.3": "Y" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D1({ "1.1": "Y", "1.2": "NI", "1.3": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D1({ "1.1": "Y", "1.2": "NI", "1.3": "PY" })).toBe("HIGH");
    expect(proposeRob2D1({ "1.1": "Y", "1.2": "N", "1.3": "N" })).toBe("HIGH");
  });
  it("D2: blinded + appropriate analysis → low; unbalanced deviations that affected the outcome → high; naive per-protocol with impact → high", () => {
    expect(proposeRob2D2({ "2.1": "N", "2.2": "PN", "2.6": "Y" })).toBe("LOW");
    expect(proposeRob2D2({ "2.1": "Y", "2.2": "Y", "2.3": "N", "2.6": "Y" })).toBe("LOW");
    expect(proposeRob2D2({ "2.1": "Y", "2.2": "Y", "2.3": "NI", "2.6": "Y" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D2({ "2.1": "Y", "2.2": "Y", "2.3": "Y", "2.4": "Y", "2.5": "N", "2.6": "Y" })).toBe("HIGH");
    expect(proposeRob2D2({ "2.1": "Y", "2.2": "Y", "2.3": "Y", "2.4": "Y", "2.5": "Y", "2.6": "Y" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D2({ "2.1": "N", "2.2": "N", "2.6": "N", "2.7": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D2({ "2.1": "N", "2.2": "N", "2.6": "N", "2.7": "Y" })).toBe("HIGH");
    expect(proposeRob2D2({ "2.1": "N", "2.2": "N" })).toBeNull();
  });
  it("D3: complete data → low; missingness likely depending on the true value → high", () => {
    expect(proposeRob2D3({ "3.1": "Y" })).toBe("LOW");
    expect(proposeRob2D3({ "3.1": "N", "3.2": "Y" })).toBe("LOW");
    expect(proposeRob2D3({ "3.1": "N", "3.2": "N", "3.3": "N" })).toBe("LOW");
    expect(proposeRob2D3({ "3.1": "N", "3.2": "N", "3.3": "Y", "3.4": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D3({ "3.1": "N", "3.2": "N", "3.3": "Y", "3.4": "PY" })).toBe("HIGH");
  });
  it("D4: inappropriate measurement → high; blinded assessors → low; 4.2 NI caps at some concerns", () => {
    expect(proposeRob2D4({ "4.1": "Y" })).toBe("HIGH");
    expect(proposeRob2D4({ "4.1": "N", "4.2": "N", "4.3": "N" })).toBe("LOW");
    expect(proposeRob2D4({ "4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "N" })).toBe("LOW");
    expect(proposeRob2D4({ "4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D4({ "4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "Y" })).toBe("HIGH");
    expect(proposeRob2D4({ "4.1": "N", "4.2": "NI", "4.3": "N" })).toBe("SOME_CONCERNS");
  });
  it("D5: pre-specified plan and no selection → low; selection from multiple analyses → high", () => {
    expect(proposeRob2D5({ "5.1": "Y", "5.2": "N", "5.3": "N" })).toBe("LOW");
    expect(proposeRob2D5({ "5.1": "NI", "5.2": "N", "5.3": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D5({ "5.1": "Y", "5.2": "NI", "5.3": "N" })).toBe("SOME_CONCERNS");
    expect(proposeRob2D5({ "5.1": "Y", "5.2": "N", "5.3": "PY" })).toBe("HIGH");
  });
  it("overall is the worst domain, null while a domain is missing", () => {
    expect(proposeRob2Overall(["LOW", "LOW", "LOW", "LOW", "LOW"])).toBe("LOW");
    expect(proposeRob2Overall(["LOW", "SOME_CONCERNS", "LOW", "LOW", "LOW"])).toBe("SOME_CONCERNS");
    expect(proposeRob2Overall(["LOW", "SOME_CONCERNS", "HIGH", "LOW", "LOW"])).toBe("HIGH");
    expect(proposeRob2Overall(["LOW", null, "LOW", "LOW", "LOW"])).toBeNull();
  });
});

describe("checkRating", () => {
  const base = { item: "1", judgement: "LOW", answers: { "1.1": "Y" }, support: "“randomly assigned by computer”", overrideReason: "" };
  it("accepts a supported judgement that follows the answers", () => {
    expect(checkRating(SYRCLE, base)).toEqual({ ok: true, derived: "LOW" });
  });
  it("requires support for low and high, but not for unclear", () => {
    expect(checkRating(SYRCLE, { ...base, support: " " })).toMatchObject({ ok: false, field: "support" });
    expect(checkRating(SYRCLE, { ...base, judgement: "UNCLEAR", answers: { "1.1": "U" }, support: "" })).toMatchObject({ ok: true });
  });
  it("requires a reason to override the proposal, and rejects foreign judgements and answers", () => {
    expect(checkRating(SYRCLE, { ...base, judgement: "HIGH" })).toMatchObject({ ok: false, field: "overrideReason" });
    expect(checkRating(SYRCLE, { ...base, judgement: "HIGH", overrideReason: "Block randomisation by cage" })).toEqual({ ok: true, derived: "LOW" });
    expect(checkRating(SYRCLE, { ...base, judgement: "SOME_CONCERNS" })).toMatchObject({ ok: false, field: "judgement" });
    expect(checkRating(SYRCLE, { ...base, answers: { "1.1": "PY" } })).toMatchObject({ ok: false, field: "answers" });
    expect(checkRating(SYRCLE, { ...base, item: "11" })).toMatchObject({ ok: false, field: "item" });
  });
  it("RoB 2 overall may be raised to high with a justification", () => {
    const overall = { item: "overall", judgement: "HIGH", answers: {}, support: "several domains", overrideReason: "" };
    expect(checkRating(ROB2, overall, "SOME_CONCERNS")).toMatchObject({ ok: false, field: "overrideReason" });
    expect(checkRating(ROB2, { ...overall, overrideReason: "Some concerns in four domains" }, "SOME_CONCERNS")).toMatchObject({ ok: true });
    expect(proposeJudgement(ROB2, ROB2.items[0], { "1.1": "Y", "1.2": "Y", "1.3": "N" })).toBe("LOW");
  });
});
