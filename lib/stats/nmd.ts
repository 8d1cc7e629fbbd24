/**
 * Normalised mean difference (NMD) of preclinical meta-analysis: the treatment effect as a
 * percentage of the deficit that the disease model causes, i.e. of the distance between the
 * model control group and a sham (or normal, unlesioned) group.
 *
 * Reference: Vesterinen HM, Sena ES, Egan KJ, et al. Meta-analysis of data from animal studies:
 * a practical guide. J Neurosci Methods 2014;221:92–102 (section on the normalised mean
 * difference), and its corrigendum, J Neurosci Methods 2016;259:156.
 *
 * With x̄ = means, SD and n of the model control (c), treatment (rx) and sham (sham) groups:
 *   NMD  = 100% × (x̄c − x̄rx) / (x̄c − x̄sham)
 *   SD*c = 100% × SDc / (x̄c − x̄sham),  SD*rx = 100% × SDrx / (x̄c − x̄sham)
 *   SE   = √(SD*c²/nc + SD*rx²/nrx)
 * i.e. both SDs are normalised by the same sham-corrected control mean as the effect, so that the
 * SE is the SE of the raw mean difference rescaled by that same factor. This is the version used
 * here; it treats the deficit x̄c − x̄sham as known (neither the sham group's sampling error nor
 * the uncertainty of the denominator enters the SE), as the CAMARADES method does. Which of the
 * printed versions the 2016 corrigendum settles could not be confirmed from its text in this
 * environment (the paper and corrigendum were not retrievable); the formula above is the one
 * that is dimensionally consistent with the effect itself (NMD / SE equals the raw MD / its SE).
 *
 * The sign is the paper's: a positive NMD means the treatment moved the outcome from the
 * control towards the sham value (benefit), whatever the outcome's direction. The direction is
 * needed to check that the model produced a deficit at all: for "lower is better" the control
 * mean must exceed the sham mean, for "higher is better" it must be below it; otherwise the
 * NMD is undefined (division by a zero or wrong-signed deficit) and the study is not used.
 */
import type { ContinuousStudy, EffectSize } from "./effect-sizes";

export type OutcomeDirection = "higher" | "lower";
/** Treatment (1), model control (2) and the sham group's mean (3), with the outcome's direction. */
export type NmdStudy = ContinuousStudy & { m3i: number; direction: OutcomeDirection };

/**
 * Why a study cannot give an NMD, or null when it can: the control must be worse than the sham
 * in the outcome's direction.
 */
export function nmdProblem(s: NmdStudy): string | null {
  const deficit = s.m2i - s.m3i;
  if (deficit === 0) return "control mean equals the sham mean: no deficit to normalise (NMD undefined)";
  if (s.direction === "lower" && deficit < 0) return "control mean is below the sham mean although lower is better: no deficit to normalise (NMD undefined)";
  if (s.direction === "higher" && deficit > 0) return "control mean is above the sham mean although higher is better: no deficit to normalise (NMD undefined)";
  return null;
}

/**
 * NMD in percent and its sampling variance (see the file comment for the formula and why this
 * SE). Returns NaN for a study with {@link nmdProblem}.
 * @example computeNmd({ m1i: 60, sd1i: 20, n1i: 10, m2i: 100, sd2i: 25, n2i: 10, m3i: 20, direction: "lower" }).yi // 50
 */
export function computeNmd(s: NmdStudy): EffectSize {
  if (nmdProblem(s)) return { yi: Number.NaN, vi: Number.NaN };
  const deficit = s.m2i - s.m3i;
  const sdTreatment = (100 * s.sd1i) / deficit;
  const sdControl = (100 * s.sd2i) / deficit;
  return {
    yi: (100 * (s.m2i - s.m1i)) / deficit,
    vi: (sdControl * sdControl) / s.n2i + (sdTreatment * sdTreatment) / s.n1i,
  };
}
