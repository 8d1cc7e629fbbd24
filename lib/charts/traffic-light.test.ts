import { describe, expect, it } from "vitest";
import { trafficLightPages, trafficLightSvg } from "./traffic-light";
import { robSummarySvg, summaryShares } from "./rob-summary";

const items = [{ id: "1", label: "Sequence generation" }, { id: "2", label: "Baseline characteristics" }];
const rows = [
  { label: "Smith 2020", judgements: { "1": "LOW" as const, "2": "HIGH" as const }, overall: "HIGH" as const },
  { label: "Jones & Co 2021", judgements: { "1": "UNCLEAR" as const } },
];

describe("trafficLightSvg", () => {
  it("draws one cell per study and item with robvis colours and glyphs; missing = no information", () => {
    const svg = trafficLightSvg({ rows, items });
    expect(svg.match(/data-cell=/g)).toHaveLength(4);
    expect(svg).toContain('data-cell="Smith 2020|1" data-judgement="LOW"');
    expect(svg).toMatch(/data-judgement="LOW">\n<circle[^>]*fill="#02C100"/);
    expect(svg).toMatch(/data-judgement="HIGH">\n<circle[^>]*fill="#BF0000"[^\n]*\n<text[^>]*>×</);
    expect(svg).toMatch(/data-judgement="UNCLEAR">\n<circle[^>]*fill="#E2DF07"[^\n]*\n<text[^>]*>−</);
    expect(svg).toMatch(/data-cell="Jones &amp; Co 2021\|2" data-judgement="NO_INFORMATION">\n<circle[^>]*fill="#4EA1F7"[^\n]*\n<text[^>]*>\?</);
    expect(svg).not.toContain("Overall");
  });
  it("adds the overall column only when asked, and uses the colour-blind palette", () => {
    const svg = trafficLightSvg({ rows, items, showOverall: true, palette: "colourblind" });
    expect(svg).toContain(">Overall<");
    expect(svg).toContain('data-cell="Smith 2020|overall" data-judgement="HIGH"');
    expect(svg).toContain('fill="#fed98e"');
    expect(svg).toContain('fill="#d95f0e"');
  });
  it("keeps the label size with many studies and splits pages", () => {
    const many = Array.from({ length: 95 }, (_, i) => ({ label: `Study ${i + 1}`, judgements: {} }));
    const pages = trafficLightPages({ rows: many, items, perPage: 40 });
    expect(pages).toHaveLength(3);
    expect(pages[2]).toContain("(page 3 of 3)");
    expect(pages[2].match(/data-cell=/g)).toHaveLength(15 * 2);
    expect(pages[0]).toContain('font-size="11"');
  });
});

describe("robSummarySvg", () => {
  it("shares per judgement, unweighted and weighted (robvis weighted = TRUE)", () => {
    expect(summaryShares(rows, "1")).toEqual({ LOW: 0.5, UNCLEAR: 0.5 });
    expect(summaryShares(rows, "1", { "Smith 2020": 75, "Jones & Co 2021": 25 })).toEqual({ LOW: 0.75, UNCLEAR: 0.25 });
    expect(summaryShares(rows, "2")).toEqual({ HIGH: 0.5, NO_INFORMATION: 0.5 });
  });
  it("draws a bar segment per present judgement, the overall bar only when asked", () => {
    const svg = robSummarySvg({ rows, items });
    expect(svg.match(/data-item="1"/g)).toHaveLength(2);
    expect(svg).toContain('data-item="1" data-judgement="LOW" data-share="0.5000"');
    expect(svg).not.toContain('data-item="overall"');
    expect(robSummarySvg({ rows, items, showOverall: true, weights: { "Smith 2020": 1 } })).toContain('data-item="overall" data-judgement="HIGH" data-share="1.0000"');
  });
});
