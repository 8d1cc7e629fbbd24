import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { exportFigure, figureCsv, figurePixelWidth } from "./figure-export";
import { renderForestPlot } from "./forest";

const Z = 1.959963984540054;
const svg = renderForestPlot({
  measureLabel: "Std. Mean Difference", methodLabel: "IV, Random, 95% CI", scale: "linear",
  sections: [{ studies: [
    { label: "Hu 2020", estimate: 5.28, ciLower: 5.28 - Z * 2.7296, ciUpper: 5.28 + Z * 2.7296, weight: 45.3 },
    { label: "Yang 2022", estimate: 12.08, ciLower: 12.08 - Z * 2.1786, ciUpper: 12.08 + Z * 2.1786, weight: 54.7 },
  ] }],
  total: { estimate: 8.88, ciLower: 2.23, ciUpper: 15.53, heterogeneity: { tau2: 17.0206, Q: 3.7958, df: 1, pValue: 0.0514 } },
});

const pngWidth = (png: Buffer) => png.readUInt32BE(16);

/** The Compression tag (259) of a TIFF's first IFD: 5 is LZW. */
function tiffCompression(tiff: Buffer): number {
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const ifd = le ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  for (let i = 0; i < u16(ifd); i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 259) return u16(entry + 8);
  }
  return 1;
}

// pdfjs-dist 6 expects Promise.withResolvers (Node 22); Node 20 lacks it.
const promiseCtor = Promise as unknown as { withResolvers?: () => unknown };
promiseCtor.withResolvers ??= () => {
  let resolve: unknown;
  let reject: unknown;
  const promise = new Promise((a, b) => ((resolve = a), (reject = b)));
  return { promise, resolve, reject };
};

describe("exportFigure", () => {
  it("renders PNG at dpi × width / 25.4 pixels and records the dpi", async () => {
    expect(figurePixelWidth(176, 600)).toBe(4157);
    const png = await exportFigure(svg, { format: "png", dpi: 300, widthMm: 85 });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(pngWidth(png)).toBe(1004); // 300 · 85 / 25.4 = 1003.9
    expect((await sharp(png).metadata()).density).toBe(300);
    const wide = await exportFigure(svg, { format: "png", dpi: 600, widthMm: 176 });
    expect(pngWidth(wide)).toBe(4157);
  });

  it("writes an LZW TIFF whose resolution tags say the dpi", async () => {
    const tiff = await exportFigure(svg, { format: "tiff", dpi: 600, widthMm: 85 });
    const meta = await sharp(tiff).metadata();
    expect(meta.format).toBe("tiff");
    expect(meta.width).toBe(2008);
    expect(meta.density).toBe(600);
    expect(tiffCompression(tiff)).toBe(5);
  });

  it("writes a vector PDF with the font embedded and the study names as text", async () => {
    const pdf = await exportFigure(svg, { format: "pdf", title: "MAR" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/FontFile2/);
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ("str" in i ? i.str : "")).join(" ");
    expect(text).toContain("Hu 2020");
    expect(text).toContain("Yang 2022");
    expect(text).toContain("Tau² = 17.02");
  });

  it("returns the SVG with an XML declaration and refuses resolutions journals do not use", async () => {
    expect((await exportFigure(svg, { format: "svg" })).toString()).toMatch(/^<\?xml[^>]*>\n<svg /);
    await expect(exportFigure(svg, { format: "png", dpi: 72 as 300 })).rejects.toThrow(/300, 600, 1000 dpi/);
  });
});

describe("figureCsv", () => {
  it("quotes cells with commas and leaves missing values empty", () => {
    expect(figureCsv([{ study: "Hu, 2020", yi: 5.28, vi: null }, { study: "Yang 2022", yi: 12.08, vi: 4.75 }])).toBe("study,yi,vi\r\n\"Hu, 2020\",5.28,\r\nYang 2022,12.08,4.75\r\n");
  });
});
