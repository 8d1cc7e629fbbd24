/**
 * From settled judgements to the plots and a robvis-ready CSV. Pure: the page's download
 * routes and `sieve rob export` share it.
 */
import { robSummarySvg } from "@/lib/charts/rob-summary";
import { trafficLightPages } from "@/lib/charts/traffic-light";
import type { PlotJudgement, RobPalette } from "@/lib/charts/rob-palette";
import { csvCell } from "./csv";
import { judgementLabel, type Judgement, type RobTool } from "./tools";

export type SettledStudy = { studyId: string; label: string; items: { item: string; judgement: Judgement }[] };

export function plotRows(studies: readonly SettledStudy[]) {
  return studies.map((s) => {
    const judgements = Object.fromEntries(s.items.filter((i) => i.item !== "overall").map((i) => [i.item, i.judgement as PlotJudgement]));
    const overall = s.items.find((i) => i.item === "overall")?.judgement as PlotJudgement | undefined;
    return { label: s.label, judgements, overall };
  });
}

type PlotOptions = { palette?: RobPalette; showOverall: boolean; weights?: Record<string, number>; perPage?: number };

export function buildRobPlots(tool: RobTool, studies: readonly SettledStudy[], options: PlotOptions) {
  const rows = plotRows(studies);
  const items = tool.items.map((i) => ({ id: i.id, label: i.label }));
  const levels = [...tool.judgements] as PlotJudgement[];
  return {
    trafficLight: trafficLightPages({ rows, items, levels, palette: options.palette, showOverall: options.showOverall, perPage: options.perPage, title: `Risk of bias (${tool.id === "ROB2" ? "RoB 2" : tool.id})` }),
    summary: robSummarySvg({ rows, items, levels, palette: options.palette, showOverall: options.showOverall, weights: options.weights, title: `Risk of bias summary (${tool.id === "ROB2" ? "RoB 2" : tool.id})` }),
  };
}

/**
 * robvis-ready CSV (robvis `rob_summary`/`rob_traffic_light` with tool = "ROB1" for SYRCLE,
 * CAMARADES and custom items, "ROB2" for RoB 2): Study, one column per item named by its label,
 * Overall when the protocol shows one, Weight last. Judgements are written as robvis reads them
 * (Low, High, Unclear, Some concerns, No information), never as the raw "Yes"/"No" of SYRCLE,
 * which robvis would misread.
 */
export function robvisCsv(tool: RobTool, studies: readonly SettledStudy[], options: { showOverall: boolean; weights?: Record<string, number> }): string {
  const header = ["Study", ...tool.items.map((i) => i.label), ...(options.showOverall ? ["Overall"] : []), "Weight"];
  const lines = studies.map((s) => {
    const by = new Map(s.items.map((i) => [i.item, i.judgement]));
    const cell = (id: string) => {
      const j = by.get(id);
      return j ? judgementLabel(j) : "No information";
    };
    return [s.label, ...tool.items.map((i) => cell(i.id)), ...(options.showOverall ? [cell("overall")] : []), String(options.weights?.[s.label] ?? 1)];
  });
  return [header, ...lines].map((l) => l.map(csvCell).join(",")).join("\n") + "\n";
}
