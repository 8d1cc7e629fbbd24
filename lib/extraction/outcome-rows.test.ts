import { describe, expect, it } from "vitest";
import { consensusOutcomeRows, longRows, rawOutcomeRows, toCsv } from "./outcome-rows";
import { parseOutcomeCsv } from "./csv-import";
import { outcomeDataSchema } from "./schema";

const data = outcomeDataSchema.parse({
  experiments: [
    {
      id: "x", label: "Dose response",
      groups: [{ id: "lo", name: "EV low" }, { id: "hi", name: "EV high" }, { id: "c", name: "Vehicle", isControl: true }, { id: "s", name: "Sham", isSham: true }],
      comparisons: [{ id: "k", label: "EV vs vehicle", treatmentGroupIds: ["lo", "hi"], controlGroupId: "c", sharedControl: "COMBINE" }],
    },
  ],
  arms: [
    { experimentId: "x", groupId: "lo", outcome: "BMD", timepoint: "4 w", data: { n: 6, mean: 310, sd: 40, unit: "mg/mL" } },
    { experimentId: "x", groupId: "hi", outcome: "BMD", timepoint: "4 w", data: { n: 6, mean: 0.35, se: 0.02, unit: "g/mL" } },
    { experimentId: "x", groupId: "c", outcome: "BMD", timepoint: "4 w", data: { n: 12, median: 0.25, q1: 0.2, q3: 0.3, unit: "g/mL" } },
    { experimentId: "x", groupId: "s", outcome: "BMD", timepoint: "4 w", data: { n: 6, mean: 0.4, sd: 0.05, unit: "g/mL" } },
    { experimentId: "x", groupId: "lo", outcome: "Fracture", timepoint: "", data: { n: 6, events: 1, unit: "" } },
    { experimentId: "x", groupId: "c", outcome: "Fracture", timepoint: "", data: { n: 12, events: 5, unit: "" } },
  ],
  effects: [{ experimentId: "x", comparisonId: "k", outcome: "Score", timepoint: "", yi: 0.8, ciLower: 0.2, ciUpper: 1.4 }],
});
const outcomes = [
  { name: "BMD", unit: "g/mL", type: "CONTINUOUS", units: [{ unit: "mg/mL", factor: 0.001 }] },
  { name: "Fracture", unit: "", type: "BINARY", units: [] },
  { name: "Score", unit: "", type: "GENERIC", units: [] },
];
const fields = [{ id: "species", type: "SINGLE_CHOICE" as const, label: "Species", help: "", required: false, options: ["Rat"], unit: "", locator: false }];

describe("outcome rows", () => {
  const table = consensusOutcomeRows([{ label: "Ito 2021", values: { species: { value: "Rat", locator: "" } }, outcomeData: data }], outcomes, fields);
  it("one row per treatment group of a combined comparison, with the sham as arm 3 and units converted", () => {
    const bmd = table.rows.filter((r) => r.outcome === "BMD");
    expect(bmd.map((r) => [r.group1, r.group2, r.shared_control, r.m1i, r.sd1i, r.se1i, r.median2i, r.m3i])).toEqual([
      ["EV low", "Vehicle", "combine", "0.31", "0.04", "", "0.25", "0.4"],
      ["EV high", "Vehicle", "combine", "0.35", "", "0.02", "0.25", "0.4"],
    ]);
    expect(bmd[0].species).toBe("Rat");
    expect(table.header.slice(0, 8)).toEqual(["study", "experiment", "comparison", "group1", "group2", "shared_control", "outcome", "timepoint"]);
  });
  it("binary outcomes as events and totals, effects with their SE from the CI", () => {
    const fracture = table.rows.find((r) => r.outcome === "Fracture")!;
    expect([fracture.ai, fracture.n1i, fracture.ci, fracture.n2i, fracture.m1i]).toEqual(["1", "6", "5", "12", ""]);
    const score = table.rows.find((r) => r.outcome === "Score")!;
    expect(score.yi).toBe("0.8");
    expect(Number(score.sei)).toBeCloseTo(1.2 / (2 * 1.959963984540054), 12);
  });
  it("raw rows carry the reviewer; long rows show the conversion of each arm", () => {
    const raw = rawOutcomeRows([{ label: "Ito 2021", reviewer: "a@x.org", values: {}, outcomeData: data }], outcomes, []);
    expect(raw.header[1]).toBe("reviewer");
    expect(raw.rows[0].reviewer).toBe("a@x.org");
    const long = longRows([{ label: "Ito 2021", values: {}, outcomeData: data }], outcomes, []);
    const hi = long.rows.find((r) => r.group === "EV high" && r.outcome === "BMD")!;
    expect(Number(hi.converted_sd)).toBeCloseTo(0.02 * Math.sqrt(6), 10);
    expect(hi.conversion).toMatch(/SE/);
    expect(long.rows.find((r) => r.group === "EV low" && r.outcome === "BMD")!.converted_mean).toBe("0.31");
  });
  it("CSV quotes what needs quoting, and the layout imports back into the same structure", () => {
    expect(toCsv({ header: ["a", "b"], rows: [{ a: 'x, "y"', b: "" }] })).toBe('a,b\n"x, ""y""",\n');
    const { studies } = parseOutcomeCsv(table.header, table.rows, fields);
    const back = studies[0].outcomeData;
    expect(back.experiments[0].groups.map((g) => [g.name, g.isControl, g.isSham])).toEqual([["EV low", false, false], ["Vehicle", true, false], ["Sham", false, true], ["EV high", false, false]]);
    expect(back.experiments[0].comparisons[0]).toMatchObject({ label: "EV vs vehicle", sharedControl: "COMBINE", treatmentGroupIds: ["x1g1", "x1g4"] });
    expect(back.effects[0]).toMatchObject({ outcome: "Score", yi: 0.8 });
  });
});
