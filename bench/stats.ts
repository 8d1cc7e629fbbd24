/**
 * `npm run bench:stats`: the full analysis (REML, Hartung–Knapp, prediction interval, Egger,
 * Begg, trim-and-fill, leave-one-out) on deterministic synthetic data with k = 100, 1,000 and
 * 10,000 studies. Target (issue #3): k = 1,000 in under 100 ms on one core.
 */
import type { StudyInput } from "../lib/stats/analysis-input";
import { runMetaAnalysis } from "../lib/stats/analysis";
import { makeRandom } from "./dedup-variants";


/** k studies with true effect 0.3, τ² = 0.05, sampling variances 0.01–0.2. */
function syntheticStudies(k: number): StudyInput[] {
  const rnd = makeRandom(20240601 + k);
  return Array.from({ length: k }, (_, i) => {
    const vi = 0.01 + 0.19 * rnd.uniform();
    const yi = 0.3 + Math.sqrt(0.05) * rnd.normal() + Math.sqrt(vi) * rnd.normal();
    return { study: `S${i + 1}`, row: i + 2, data: { kind: "generic" as const, values: { yi, vi } } };
  });
}

function bench(k: number, repeats: number) {
  const studies = syntheticStudies(k);
  const options = { measure: "GEN" as const, method: "REML" as const, test: "knha" as const, egger: true, begg: true, trimfill: true, leave1out: true };
  runMetaAnalysis(studies, options); // warm-up
  const times: number[] = [];
  let result = runMetaAnalysis(studies, options);
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    result = runMetaAnalysis(studies, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  process.stdout.write(
    `k = ${String(k).padStart(6)}  median ${median.toFixed(1).padStart(8)} ms  (min ${times[0].toFixed(1)} ms, ${repeats} runs)` +
      `  estimate ${result.estimate.toFixed(4)}, tau2 ${result.tau2?.toFixed(4)}, k0 ${result.trimfill?.k0}\n`,
  );
  return median;
}

bench(100, 20);
const k1000 = bench(1000, 10);
bench(10000, 1);
process.stdout.write(`target k = 1,000 < 100 ms: ${k1000 < 100 ? "met" : "NOT met"}\n`);
