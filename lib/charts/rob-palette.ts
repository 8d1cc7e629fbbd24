/**
 * robvis's judgement colours and glyphs (McGuinness & Higgins 2021, Res Synth Methods 12:55;
 * robvis R package `rob_traffic_light`/`rob_summary`, colour = "cochrane" or "colourblind").
 * Shared by the traffic-light and summary plots.
 */
export type PlotJudgement = "LOW" | "SOME_CONCERNS" | "UNCLEAR" | "HIGH" | "CRITICAL" | "NO_INFORMATION";
export type RobPalette = "cochrane" | "colourblind";

const COLOURS: Record<RobPalette, Record<PlotJudgement, string>> = {
  cochrane: { LOW: "#02C100", SOME_CONCERNS: "#E2DF07", UNCLEAR: "#E2DF07", HIGH: "#BF0000", CRITICAL: "#820000", NO_INFORMATION: "#4EA1F7" },
  colourblind: { LOW: "#fed98e", SOME_CONCERNS: "#fe9929", UNCLEAR: "#fe9929", HIGH: "#d95f0e", CRITICAL: "#993404", NO_INFORMATION: "#ffffff" },
};

/** robvis glyphs: + low, − some concerns/unclear, × high, ! critical, ? no information. */
export const GLYPHS: Record<PlotJudgement, string> = { LOW: "+", SOME_CONCERNS: "\u2212", UNCLEAR: "\u2212", HIGH: "\u00d7", CRITICAL: "!", NO_INFORMATION: "?" };

export const LABELS: Record<PlotJudgement, string> = { LOW: "Low", SOME_CONCERNS: "Some concerns", UNCLEAR: "Unclear", HIGH: "High", CRITICAL: "Critical", NO_INFORMATION: "No information" };

export function judgementColour(j: PlotJudgement, palette: RobPalette): string {
  return COLOURS[palette][j];
}

/** Glyph colour with enough contrast on the fill: dark on the light colour-blind fills, white on the Cochrane ones except yellow. */
export function glyphColour(j: PlotJudgement, palette: RobPalette): string {
  if (palette === "colourblind") return j === "HIGH" || j === "CRITICAL" ? "#ffffff" : "#000000";
  return j === "SOME_CONCERNS" || j === "UNCLEAR" ? "#000000" : "#ffffff";
}

export const FONT_FAMILY = "Arial, Helvetica, DejaVu Sans, sans-serif";
