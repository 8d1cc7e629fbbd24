/**
 * Reproducibility (issue 13, point 9): an R script that re-runs a Sieve analysis with metafor
 * (`escalc` + `rma`, or `rma.mh`, with the same options), and the CSV it reads. The CSV holds the
 * analysis data after Sieve's arm conversions and shared-control handling (m1i…n2i, ai…di, or
 * yi/vi per study), so a reader without Sieve can check the pooling; the conversions themselves
 * are listed in `sieve meta --json`. The script's last line of output is
 * `sieve-check: k=… estimate=… ciLower=… ciUpper=… tau2=… I2=…` (full precision; I² in percent;
 * tau2=NA for FE and MH, where Sieve reports no τ²).
 */
import type { MetaMeasure, StudyInput } from "./analysis-input";
import type { MetaMethod } from "./analysis";
import type { SmdVariant } from "./effect-sizes";
import type { RmaTest } from "./random-effects";

export type MetaforScriptOptions = {
  /** Path of the CSV written by {@link writeAnalysisCsv}, as the script should open it. */
  dataFile: string;
  measure: MetaMeasure;
  method: MetaMethod;
  test?: RmaTest;
  smdVariant?: SmdVariant;
  /** Name of the characteristic behind the `subgroup` column, if the analysis has subgroups. */
  subgroup?: string;
  /** Name of the characteristic behind the `moderator` column, for a meta-regression. */
  moderator?: string;
};

const CSV_COLUMNS: Record<StudyInput["data"]["kind"], string[]> = {
  continuous: ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"],
  binary: ["ai", "bi", "ci", "di"],
  generic: ["yi", "vi"],
  nmd: ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "m3i", "direction"],
};

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  // String(number) is the shortest text that reads back as the same double.
  const text = typeof value === "number" ? String(value) : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The analysis data as CSV: `study`, the measure's columns (see CSV_COLUMNS), then `subgroup`
 * and `moderator` when the studies have them. All studies must be of one kind.
 */
export function writeAnalysisCsv(studies: readonly StudyInput[]): string {
  if (studies.length === 0) throw new Error("No studies to write.");
  const kind = studies[0].data.kind;
  if (studies.some((s) => s.data.kind !== kind)) throw new Error("All studies of one analysis must have the same kind of data.");
  const columns = ["study", ...CSV_COLUMNS[kind]];
  const hasSubgroup = studies.some((s) => s.subgroup !== undefined);
  const hasModerator = studies.some((s) => s.moderator !== undefined);
  if (hasSubgroup) columns.push("subgroup");
  if (hasModerator) columns.push("moderator");
  const lines = studies.map((s) => {
    const values = s.data.values as unknown as Record<string, string | number>;
    const extra = { study: s.study, subgroup: s.subgroup, moderator: s.moderator } as Record<string, string | number | undefined>;
    return columns.map((c) => csvCell(c in extra ? extra[c] : values[c])).join(",");
  });
  return `${[columns.join(","), ...lines].join("\n")}\n`;
}

const rString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** R code that adds yi and vi to `dat` (as `es`), with the same effect-size definitions as Sieve. */
function effectSizeCode(measure: MetaMeasure, smdVariant: SmdVariant): string {
  const arms = "m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i";
  if (measure === "GEN") return "es <- dat  # yi and vi as computed by Sieve (generic inverse variance)";
  if (["OR", "RR", "RD"].includes(measure)) return `es <- escalc(measure = "${measure}", ai = ai, bi = bi, ci = ci, di = di, data = dat)`;
  if (measure === "NMD") {
    return [
      "# Normalised mean difference (Vesterinen et al. 2014, J Neurosci Methods 221:92): not in escalc,",
      "# so computed here: NMD = 100 (control - treatment) / (control - sham), SDs normalised by the same deficit.",
      "deficit <- dat$m2i - dat$m3i",
      "es <- dat",
      "es$yi <- 100 * (dat$m2i - dat$m1i) / deficit",
      "es$vi <- (100 * dat$sd2i / deficit)^2 / dat$n2i + (100 * dat$sd1i / deficit)^2 / dat$n1i",
    ].join("\n");
  }
  if (measure === "SMD" && smdVariant === "revman") {
    return [
      "# RevMan 5's SMD (not an escalc option), computed explicitly:",
      "# g = (1 - 3/(4N - 9)) (m1 - m2)/s_pooled, v = N/(n1 n2) + g^2/(2(N - 3.94)), N = n1 + n2.",
      "N <- dat$n1i + dat$n2i",
      "sp <- sqrt(((dat$n1i - 1) * dat$sd1i^2 + (dat$n2i - 1) * dat$sd2i^2) / (N - 2))",
      "es <- dat",
      "es$yi <- (1 - 3 / (4 * N - 9)) * (dat$m1i - dat$m2i) / sp",
      "es$vi <- N / (dat$n1i * dat$n2i) + es$yi^2 / (2 * (N - 3.94))",
    ].join("\n");
  }
  // SMD here is escalc's default: Hedges' g with the exact bias correction, vtype = "LS".
  return `es <- escalc(measure = "${measure}", ${arms}, data = dat)`;
}

/** The R script reproducing an analysis (see the file comment). */
export function buildMetaforScript(options: MetaforScriptOptions): string {
  const { measure, method, test = "z", smdVariant = "metafor" } = options;
  const isMh = method === "MH";
  if (isMh && !["OR", "RR", "RD"].includes(measure)) throw new Error("The Mantel-Haenszel method needs measure OR, RR or RD.");
  const fit = isMh
    ? `res <- rma.mh(ai = ai, bi = bi, ci = ci, di = di, measure = "${measure}", data = dat)`
    : `res <- rma(yi, vi, data = es, method = "${method}", test = "${test}")`;
  const lines = [
    "# Reproduces a Sieve meta-analysis with metafor (https://www.metafor-project.org).",
    `# Measure ${measure}${measure === "SMD" ? ` (${smdVariant === "revman" ? "RevMan 5 variant" : "metafor's Hedges' g"})` : ""}, method ${method}${isMh ? "" : `, test ${test === "knha" ? "knha (Hartung-Knapp)" : "z"}`}.`,
    "# Estimates are on the analysis scale (log for OR, RR and ROM; percent for NMD).",
    "suppressPackageStartupMessages(library(metafor))",
    `dat <- read.csv(${rString(options.dataFile)}, check.names = FALSE, stringsAsFactors = FALSE)`,
  ];
  if (!isMh) lines.push(effectSizeCode(measure, smdVariant));
  lines.push(fit, "print(res)");
  if (options.subgroup !== undefined && !isMh) {
    lines.push(
      `# Subgroups by ${options.subgroup.replace(/\n/g, " ")}: a separate model per subgroup (as Sieve and RevMan),`,
      "# then the test for subgroup differences: Q of a fixed-effect model on the subgroup estimates.",
      `sub <- lapply(split(es, es$subgroup), function(d) rma(yi, vi, data = d, method = "${method}", test = "${test}"))`,
      "for (g in names(sub)) { cat(\"\\nSubgroup:\", g, \"\\n\"); print(sub[[g]]) }",
      "print(rma(sapply(sub, function(r) r$b[1]), sei = sapply(sub, function(r) r$se), method = \"FE\"))",
    );
  }
  if (options.moderator !== undefined && !isMh) {
    lines.push(
      `# Meta-regression on ${options.moderator.replace(/\n/g, " ")}:`,
      `print(rma(yi, vi, mods = ~ moderator, data = es, method = "${method}", test = "${test}"))`,
    );
  }
  const tau2 = method === "FE" || isMh ? "NA_real_" : "res$tau2";
  lines.push(
    `cat(sprintf("sieve-check: k=%d estimate=%.17g ciLower=%.17g ciUpper=%.17g tau2=%.17g I2=%.17g\\n", res$k, res$b[1], res$ci.lb, res$ci.ub, ${tau2}, res$I2))`,
  );
  return `${lines.join("\n")}\n`;
}

export type SieveCheck = { k: number; estimate: number; ciLower: number; ciUpper: number; tau2: number | null; I2: number };

/** Reads the `sieve-check:` line of the script's output (the last such line). */
export function parseSieveCheck(output: string): SieveCheck | null {
  const line = output.split("\n").reverse().find((l) => l.startsWith("sieve-check:"));
  if (!line) return null;
  const fields = Object.fromEntries([...line.matchAll(/(\w+)=(\S+)/g)].map(([, key, value]) => [key, value === "NA" ? null : Number(value)]));
  return { k: fields.k!, estimate: fields.estimate!, ciLower: fields.ciLower!, ciUpper: fields.ciUpper!, tau2: fields.tau2 ?? null, I2: fields.I2! };
}
