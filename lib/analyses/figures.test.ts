/**
 * Figures, exports, summary table and GRADE from the pure pipeline (no database).
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { describeChanges, makeSnapshot } from "./changes";
import { exportFigure, figurePixelWidth as pixelWidth } from "@/lib/charts/figure-export";
import { figureCsv, renderAnalysisFigure } from "./figures";
import { interventionRisk, summaryOfFindings } from "./grade";
import { runAnalysisPipeline, type OutcomeTable } from "./pipeline";
import { analysisDefinitionSchema } from "./schema";
import { runSensitivity } from "./sensitivity";
import { summaryCsv, summaryRow, summaryXlsx } from "./summary-table";

const HEADER = ["study", "outcome", "timepoint", "experiment", "comparison", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "ai", "ci", "yi", "sei", "species"];
function table(rows: (string | number)[][]): OutcomeTable {
  return { header: HEADER, rows: rows.map((r) => Object.fromEntries(HEADER.map((h, i) => [h, String(r[i] ?? "")]))) };
}
const continuous = (k: number) => table(Array.from({ length: k }, (_, i) => [`Study ${i + 1} ${i % 7 === 0 ? "with a long name that must wrap onto a second line" : ""}`.trim(), "BV", "", "e", "c", 30 + (i % 5), 4, 8, 27, 4.5, 8, "", "", "", "", i % 2 ? "rat" : "mouse"]));
const def = (raw: Record<string, unknown>) => analysisDefinitionSchema.parse({ name: "A", outcome: "BV", measure: "SMD", method: "REML", ...raw });

describe("forest plot", () => {
  it("draws RevMan's rows, wraps long names, sizes squares by weight and draws arrows past the axis", () => {
    const d = def({});
    const p = runAnalysisPipeline(continuous(9), d);
    const svg = renderAnalysisFigure("forest", p, d, runSensitivity(p, d, undefined));
    expect(svg).toContain("Total (95% CI)");
    expect(svg).toContain("Heterogeneity: Tau² = ");
    expect(svg).toContain("Test for overall effect: Z = ");
    expect(svg).toContain("Prediction interval");
    expect(svg).toContain(">Study 1 with a long name that<"); // wrapped at the label column (150 pt)
    const squares = [...svg.matchAll(/data-role="square" data-study="\d+" data-weight="([\d.e-]+)"/g)].map((m) => Number(m[1]));
    expect(squares.map((w) => w.toFixed(6))).toEqual(p.result.weights.map((w) => w.toFixed(6)));
    // One study with a CI far wider than the pooled range ends in arrows.
    const wide = table([...continuous(4).rows.map((r) => HEADER.map((h) => r[h])), ["Outlier", "BV", "", "e", "c", 60, 30, 3, 20, 30, 3]]);
    const q = runAnalysisPipeline(wide, d);
    expect(renderAnalysisFigure("forest", q, d, runSensitivity(q, d, undefined))).toContain('data-role="arrow"');
  });

  it("stays readable with 100 studies: one row per study, the height grows with k", () => {
    const d = def({});
    const sizes = [10, 100].map((k) => {
      const p = runAnalysisPipeline(continuous(k), d);
      return Number(/height="(\d+)"/.exec(renderAnalysisFigure("forest", p, d, runSensitivity(p, d, undefined)))![1]);
    });
    expect(sizes[1]).toBeGreaterThan(sizes[0] * 5);
  });

  it("has the numbers behind it as CSV", () => {
    const d = def({});
    const p = runAnalysisPipeline(continuous(3), d);
    const csv = figureCsv("forest", p, runSensitivity(p, d, undefined));
    expect(csv.split("\n")[0]).toBe("study,subgroup,yi,vi,sei,weight");
    expect(csv).toContain(`Total,,${p.result.estimate}`);
  });
});

describe("journal exports", () => {
  it("PNG is exactly the column width at the resolution; TIFF and PDF are valid files", async () => {
    const d = def({});
    const p = runAnalysisPipeline(continuous(4), d);
    const svg = renderAnalysisFigure("funnel", p, d, runSensitivity(p, d, undefined));
    const png = (await exportFigure(svg, { format: "png", dpi: 300, widthMm: 85 })) as Buffer;
    expect(png.readUInt32BE(16)).toBe(pixelWidth(85, 300));
    expect(pixelWidth(176, 600)).toBe(4157);
    const tiff = (await exportFigure(svg, { format: "tiff", dpi: 600, widthMm: 85 })) as Buffer;
    expect(tiff.subarray(0, 4).toString("hex")).toMatch(/^(49492a00|4d4d002a)$/);
    const pdf = (await exportFigure(svg, { format: "pdf" })) as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/FontFile2/); // the TrueType font is embedded, not referenced
  });
});

describe("summary table, GRADE and change tracking", () => {
  it("absolute effects per 1,000 from the median control risk (Cochrane Handbook 14.1.5)", () => {
    expect(interventionRisk("RR", 0.2, Math.log(0.5))).toBeCloseTo(0.1, 12);
    expect(interventionRisk("OR", 0.2, Math.log(2))).toBeCloseTo(0.4 / 1.2, 12);
    const binary = table([["A", "Death", "", "e", "c", "", "", 20, "", "", 20, 2, 5], ["B", "Death", "", "e", "c", "", "", 30, "", "", 30, 3, 9], ["C", "Death", "", "e", "c", "", "", 25, "", "", 25, 4, 5]]);
    const d = def({ outcome: "Death", measure: "RR", method: "FE" });
    const sof = summaryOfFindings(runAnalysisPipeline(binary, d), d);
    expect(sof.absolute!.controlRisk).toBeCloseTo(0.25, 12); // median of 5/20, 9/30, 5/25
    expect(sof.participants).toBe(150);
    expect(sof.hints.find((h) => h.domain === "Publication bias")!.text).toMatch(/fewer than 10/);
  });

  it("exports the summary as CSV and XLSX with the same rows", async () => {
    const d = def({});
    const rows = [summaryRow(d, runAnalysisPipeline(continuous(4), d)), summaryRow(def({ name: "B", outcome: "None" }), null, "No rows with outcome")];
    const csv = summaryCsv(rows);
    expect(csv.split("\n")[0]).toBe("analysis,outcome,timepoint,measure,model,k,estimate,ciLower,ciUpper,I2,tau2,eggerP,note");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await summaryXlsx(rows)).buffer);
    const sheet = book.getWorksheet("Summary")!;
    expect(sheet.getRow(2).getCell(6).value).toBe(4);
    expect(sheet.getRow(3).getCell(13).value).toBe("No rows with outcome");
  });

  it("says what changed", () => {
    const before = makeSnapshot({ k: 2, estimate: 1, ciLower: 0, ciUpper: 2, tau2: 0.1, I2: 10, studies: [{ study: "A" }, { study: "B" }] });
    expect(describeChanges(before, before)).toEqual([]);
    const after = makeSnapshot({ k: 2, estimate: 1.5, ciLower: 0.5, ciUpper: 2.5, tau2: 0.1, I2: 10, studies: [{ study: "A" }, { study: "C" }] });
    expect(describeChanges(before, after)).toEqual(["Studies added: C.", "Studies removed: B.", "Estimate changed from 1.0000 [0.0000, 2.0000] to 1.5000 [0.5000, 2.5000]."]);
  });
});
