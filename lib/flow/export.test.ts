import { describe, expect, it } from "vitest";
import { renderPrismaFlow } from "@/lib/charts/prisma-flow";
import { composeFlow } from "./compose";
import { svgToPdf, svgToPng } from "./export";
import { SEED_001_ENTRIES } from "./seed-001-flow";

const svg = renderPrismaFlow(composeFlow(null, SEED_001_ENTRIES, "manual"));
const size = /width="(\d+)" height="(\d+)"/.exec(svg)!.slice(1).map(Number);

describe("exports", () => {
  it("renders a PNG at three times the SVG's size", () => {
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // IHDR: width and height are the first two big-endian words after the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size.map((v) => v * 3));
  });

  it("writes a one-page PDF the size of the diagram", async () => {
    const pdf = await svgToPdf(svg);
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(text).toContain(`/MediaBox [0 0 ${size[0]} ${size[1]}]`);
  });
});
