// npm run bench:digitiser — the digitiser's accuracy on synthetic bar charts with known values
// (linear and log10 axes, SD and SEM bars): clicks at the drawn positions, rounded to whole
// screen pixels at each zoom, read back through a two-tick calibration. Issue 11's target:
// every value within 0.5% of the axis range. `--png DIR` also writes the charts for a look.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ACCURACY_CASES, runAccuracy } from "@/lib/digitiser/accuracy";
import { renderSyntheticBarChart } from "@/lib/digitiser/synthetic-chart";
import { svgToPng } from "@/lib/flow/export";

const pngDir = process.argv.includes("--png") ? process.argv[process.argv.indexOf("--png") + 1] : undefined;
if (pngDir) {
  mkdirSync(pngDir, { recursive: true });
  ACCURACY_CASES.forEach((c, i) => writeFileSync(path.join(pngDir, `synthetic-${i + 1}.png`), svgToPng(renderSyntheticBarChart({ ...c, title: c.name }).svg, 2)));
}

let worst = 0;
for (const zoom of [1, 2, 4]) {
  const results = runAccuracy(zoom);
  const max = Math.max(...results.map((r) => r.errorPctOfRange));
  const mean = results.reduce((s, r) => s + r.errorPctOfRange, 0) / results.length;
  worst = Math.max(worst, max);
  console.log(`zoom ${zoom}×: ${results.length} values, mean error ${mean.toFixed(4)}% of axis range, max ${max.toFixed(4)}%`);
  if (zoom === 1) for (const r of results) console.log(`  ${r.name.padEnd(20)} ${r.group.padEnd(8)} ${r.quantity.padEnd(5)} truth ${Number(r.truth.toPrecision(6)).toString().padEnd(7)} read ${r.read.toPrecision(6).padEnd(9)} ${r.errorPctOfRange.toFixed(4)}%`);
}
console.log(worst < 0.5 ? `✓ every value within 0.5% of the axis range (worst ${worst.toFixed(4)}%)` : `✗ worst ${worst.toFixed(4)}% exceeds 0.5%`);
process.exitCode = worst < 0.5 ? 0 : 1;
