/**
 * Input types of the forest, leave-one-out / cumulative, funnel and bubble plots (issue 13).
 * Every estimate is on the analysis scale, exactly as `runMetaAnalysis` returns it: the natural
 * log for ratio measures (OR, RR, ROM) with `scale: "log"`, so a result feeds in unchanged and
 * the chart exponentiates only its labels. Weights are percentages (MetaAnalysisResult.weights).
 */

export type AxisScale = "linear" | "log";

/** Which way is good: "higher" puts "Favours [intervention]" on the right of the null line. */
export type OutcomeDirection = "higher" | "lower";

export type RobJudgement = "LOW" | "HIGH" | "UNCLEAR";

export type ContinuousArm = { mean: number; sd: number; n: number };
export type BinaryArm = { events: number; n: number };

/** Per-study data shown in the columns left of the graph (RevMan 5). */
export type ForestArms =
  | { kind: "continuous"; experimental: ContinuousArm; control: ContinuousArm }
  | { kind: "binary"; experimental: BinaryArm; control: BinaryArm }
  /** Generic inverse variance: the study's effect and its SE (analysis scale), as RevMan shows them. */
  | { kind: "generic"; estimate: number; se: number };

export type ForestStudy = {
  label: string;
  /** Null when the study is not estimable (drawn as "Not estimable", no square). */
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** Percent (0–100); omitted for plots without weights (leave-one-out, cumulative). */
  weight?: number;
  arms?: ForestArms;
  /** One judgement per `ForestPlotInput.rob.items`, in that order; null = not assessed. */
  rob?: (RobJudgement | null)[];
  /** Texts for `ForestPlotInput.extraColumns`, in that order. */
  extra?: string[];
};

/** RevMan's heterogeneity line inputs (lib/stats/revman-text formatHeterogeneity); tau2 null for fixed effect. */
export type ForestHeterogeneity = { tau2: number | null; Q: number; df: number; pValue: number };
/** RevMan's overall-effect line (formatOverallEffect); test "knha" prints T instead of Z. */
export type ForestOverallEffect = { statistic: number; pValue: number; test?: "z" | "knha" };

export type ForestPooled = {
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Percent; default: the sum of the section's study weights (100 for the total). */
  weight?: number;
  heterogeneity?: ForestHeterogeneity;
  overallEffect?: ForestOverallEffect;
  /** Drawn as its own row under the diamond ("Prediction interval" with a bar). */
  prediction?: { lower: number; upper: number };
  /** Row label, default "Subtotal (95% CI)" / "Total (95% CI)". */
  label?: string;
};

export type ForestSection = {
  /** Subgroup heading (e.g. "Species: rat"); omit for a plot without subgroups. */
  title?: string;
  studies: ForestStudy[];
  subtotal?: ForestPooled;
};

export type ForestPlotInput = {
  title?: string;
  /** Header of the effect column, e.g. "Std. Mean Difference" / "Odds Ratio". */
  measureLabel: string;
  /** Second header line, e.g. "IV, Random, 95% CI" or "M-H, Fixed, 95% CI". */
  methodLabel?: string;
  scale: AxisScale;
  /** Default ["Experimental", "Control"] — the group headers above the arm columns. */
  armLabels?: [string, string];
  /** Left column header, default "Study or Subgroup". */
  studyHeader?: string;
  sections: ForestSection[];
  total?: ForestPooled;
  /** "Test for subgroup differences: Chi² = …, df = … (P = …), I² = …%" under the total. */
  subgroupTest?: { Q: number; df: number; pValue: number; note?: string };
  /** "Favours [intervention]" goes right when direction is "higher", left when "lower". */
  favours?: { intervention: string; control: string; direction: OutcomeDirection };
  /** Optional robvis-coloured columns right of the graph (+ low, ? unclear, − high). */
  rob?: { items: { code: string; label: string }[] };
  /** Vertical dashed line (analysis scale), e.g. the full estimate in a leave-one-out plot. */
  referenceLine?: number;
  /** Extra text columns before the weight column (leave-one-out: "I²", cumulative: "Year"). */
  extraColumns?: string[];
  /** Force the axis limits (analysis scale); default symmetric nice limits around the null. */
  axisLimits?: [number, number];
  /** Decimals of the effect text, default 2. */
  digits?: number;
  footnotes?: string[];
};

export type ForestRenderOptions = {
  /** Width of the graph panel in SVG units (pt), default 200. */
  graphWidth?: number;
  fontSize?: number;
  /** Maximum width of the study-name column before names wrap, default 150. */
  maxLabelWidth?: number;
};

/** Leave-one-out and cumulative plots: one row per omitted / added study, no weights. */
export type IntervalPlotInput = {
  title?: string;
  measureLabel: string;
  scale: AxisScale;
  /** "Study omitted" / "Study added". */
  studyHeader: string;
  rows: { label: string; estimate: number; ciLower: number; ciUpper: number; extra?: string[] }[];
  extraColumns?: string[];
  /** The full analysis: drawn as the diamond row and the dashed reference line. */
  reference?: { estimate: number; ciLower: number; ciUpper: number; label?: string };
  favours?: ForestPlotInput["favours"];
  digits?: number;
};

export type FunnelPlotInput = {
  title?: string;
  /** Observed studies; se = √vi. */
  points: { label?: string; yi: number; se: number }[];
  /** Trim-and-fill's imputed studies, drawn hollow. */
  filled?: { yi: number; se: number }[];
  /** The pooled estimate: centre of the pseudo-95% limits (vertical line). */
  estimate: number;
  /** The trim-and-fill adjusted estimate, drawn dashed when given. */
  filledEstimate?: number;
  scale: AxisScale;
  /** Contour-enhanced shading around the null (p < 0.01, 0.01–0.05, 0.05–0.10). */
  contours?: boolean;
  /** x-axis label, e.g. "Std. Mean Difference" or "Odds Ratio" (log axis noted by the chart). */
  xLabel: string;
};

/**
 * Bubble plot for a meta-regression on one moderator. The fitted line is intercept + slope·x.
 * The 95% band is taken from, in order of preference: `band` (points you computed), `vcov`
 * (the 2×2 covariance of [intercept, slope]: [var b0, cov, var b1]), or else computed here as
 * metafor does for test "z": vcov = (XᵀWX)⁻¹ with W = 1/(vᵢ + τ²) from the points and `tau2`.
 */
export type BubblePlotInput = {
  title?: string;
  points: { label?: string; x: number; yi: number; vi: number }[];
  tau2?: number;
  fit: { intercept: number; slope: number; slopeSe: number; slopePValue: number; test?: "z" | "knha"; df?: number };
  vcov?: [number, number, number];
  band?: { x: number; lower: number; upper: number }[];
  xLabel: string;
  /** y-axis label, e.g. "Std. Mean Difference"; log scale noted by the chart. */
  yLabel: string;
  scale: AxisScale;
};
