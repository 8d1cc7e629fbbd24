import { describe, expect, it } from "vitest";
import { formTemplate, exportFormJson, importFormJson, duplicateFieldIds } from "./templates";
import { validateEntry } from "./validation";
import { toCells, toEntry } from "./cells";
import { agreementReport, buildConsensus, compareEntries, semAsSdHint } from "./compare";
import { formDefinitionSchema, outcomeDataSchema, type OutcomeData } from "./schema";

const data = (sd: number, extra: Partial<OutcomeData> = {}): OutcomeData =>
  outcomeDataSchema.parse({
    experiments: [
      {
        id: "e1", label: "Experiment 1", totalN: 12,
        groups: [{ id: "t", name: "OVX + EV", n: 6 }, { id: "c", name: "OVX + PBS", n: 6, isControl: true }],
        comparisons: [{ id: "k", label: "EV vs PBS", treatmentGroupIds: ["t"], controlGroupId: "c" }],
      },
    ],
    arms: [
      { experimentId: "e1", groupId: "t", outcome: "MAR", timepoint: "8 w", data: { n: 6, mean: 2.1, sd }, locator: "Fig 3" },
      { experimentId: "e1", groupId: "c", outcome: "MAR", timepoint: "8 w", data: { n: 6, mean: 1.2, sd: 0.3 } },
    ],
    ...extra,
  });

describe("templates", () => {
  it("ship valid forms with unique field ids and the seed's characteristics", () => {
    const pre = formTemplate("preclinical");
    expect(formDefinitionSchema.safeParse(pre).success).toBe(true);
    expect(duplicateFieldIds(pre)).toEqual([]);
    const ids = pre.sections.flatMap((s) => s.fields.map((f) => f.id));
    for (const id of ["species", "strain", "sex", "age", "weight", "model", "ev_source", "isolation", "purification", "characterisation", "dose", "route", "frequency", "duration", "outcome_data"]) expect(ids).toContain(id);
    expect(duplicateFieldIds(formTemplate("clinical-rct"))).toEqual([]);
  });
  it("round-trip through JSON and reject broken imports with the place named", () => {
    const pre = formTemplate("preclinical");
    expect(importFormJson(exportFormJson(pre))).toEqual({ ok: true, definition: pre });
    const bad = importFormJson(JSON.stringify({ name: "x", sections: [{ id: "s", title: "S", fields: [{ id: "Bad Id", type: "TEXT", label: "L" }] }] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^sections\.0\.fields\.0\.id:/);
    expect(importFormJson("{").ok).toBe(false);
  });
});

describe("validation", () => {
  const form = formTemplate("preclinical");
  it("puts errors on the field and warnings apart", () => {
    const raw = data(0.5);
    raw.arms[0].data = { ...raw.arms[0].data, sd: 0, n: 2.5, q1: 3, median: 2, events: 4 };
    raw.arms[1].data = { ...raw.arms[1].data, sd: 2, mean: 1, n: 5 };
    const r = validateEntry(form, { species: { value: "Cat", locator: "" }, year: { value: 20.5, locator: "" } }, raw, false);
    expect(r.errors["values.species"]?.[0]).toMatch(/Choose one of/);
    expect(r.errors["values.year"]).toEqual(["Enter a whole number."]);
    expect(r.errors["outcomeData.arms.0.sd"]).toEqual(["SD must be greater than 0."]);
    expect(r.errors["outcomeData.arms.0.n"]).toBeDefined();
    expect(r.errors["outcomeData.arms.0.median"]?.[0]).toMatch(/min ≤ q1 ≤ median/);
    expect(r.errors["outcomeData.arms.0.events"]?.[0]).toMatch(/exceed/);
    expect(r.warnings["outcomeData.arms.1.sd"]?.[0]).toMatch(/larger than the mean/);
    expect(r.warnings["outcomeData.arms.1.n"]?.[0]).toMatch(/differs from the group's n/);
  });
  it("requires required fields only on submit and warns when groups do not add up to the stated total", () => {
    const d = data(0.5);
    d.experiments[0].totalN = 20;
    expect(validateEntry(form, {}, d, false).errors).toEqual({});
    const submit = validateEntry(form, {}, d, true);
    expect(submit.errors["values.species"]).toEqual(["Required."]);
    expect(submit.warnings["outcomeData.experiments.0.totalN"]?.[0]).toMatch(/add up to 12.*states 20/);
  });
});

describe("comparison and consensus", () => {
  it("rebuilds an entry from its cells", () => {
    const d = data(0.5);
    const back = toEntry(toCells({ sex: { value: "Female", locator: "p 3" } }, d));
    expect(back.values).toEqual({ sex: { value: "Female", locator: "p 3" } });
    expect(back.outcomeData.experiments[0].groups.map((g) => [g.name, g.n, g.isControl])).toEqual([["OVX + EV", 6, false], ["OVX + PBS", 6, true]]);
    expect(back.outcomeData.experiments[0].comparisons[0]).toMatchObject({ label: "EV vs PBS", treatmentGroupIds: ["x1g1"], controlGroupId: "x1g2" });
    expect(back.outcomeData.arms[0]).toMatchObject({ outcome: "MAR", timepoint: "8 w", data: { n: 6, mean: 2.1, sd: 0.5 }, locator: "Fig 3" });
  });
  it("flags an SEM entered as an SD, respects the tolerance, and settles by decision", () => {
    const sem = 0.5 / Math.sqrt(6);
    const rows = compareEntries({ values: { sex: { value: "female", locator: "" } }, outcomeData: data(sem) }, { values: { sex: { value: "Female ", locator: "" } }, outcomeData: data(0.5) }, 0.001);
    const sd = rows.filter((r) => !r.agree);
    expect(sd).toHaveLength(1);
    expect(sd[0].label).toBe("Experiment 1 › OVX + EV › MAR @ 8 w › sd");
    expect(sd[0].hint).toMatch(/A probably entered an SEM as an SD/);
    expect(compareEntries({ values: {}, outcomeData: data(0.5004) }, { values: {}, outcomeData: data(0.5) }, 0.001).every((r) => r.agree)).toBe(true);
    expect(compareEntries({ values: {}, outcomeData: data(0.51) }, { values: {}, outcomeData: data(0.5) }, 0.001).some((r) => !r.agree)).toBe(true);

    const open = buildConsensus(rows, {});
    expect(open.unresolved).toEqual([sd[0].key]);
    const settled = buildConsensus(rows, { [sd[0].key]: { source: "B", note: "SEM in A" } });
    expect(settled.unresolved).toEqual([]);
    expect(settled.outcomeData.arms[0].data.sd).toBe(0.5);
    expect(settled.decisions[sd[0].key]).toEqual({ source: "B", note: "SEM in A" });
    const typed = buildConsensus(rows, { [sd[0].key]: { source: "NEW", value: 0.49, note: "re-read" } });
    expect(typed.outcomeData.arms[0].data.sd).toBe(0.49);

    const report = agreementReport([rows]);
    expect(report.overall.total - report.overall.agree).toBe(1);
    expect(report.perField[0]).toMatchObject({ field: "MAR › sd", agree: 1, total: 2, share: 0.5 });
  });
  it("gives no SEM hint when the factor is not √n", () => {
    expect(semAsSdHint(1, 1.5, 6)).toBeUndefined();
    expect(semAsSdHint(1, 3, 9)).toMatch(/√9/);
  });
});
