/**
 * Subgroup analysis as RevMan 5 and R meta (`subgroup`, `tau.common = FALSE`) do it:
 * a separate model per subgroup, then a test for subgroup differences on the subgroup
 * estimates (Borenstein et al. 2009, ch. 19; Cochrane Handbook 10.11.3.1).
 */
import { pchisqUpper } from "./distributions";
import { fitRma, type RmaFit, type RmaOptions } from "./random-effects";

export type SubgroupResult = { name: string; indices: number[]; fit: RmaFit };
export type SubgroupTest = { Q: number; df: number; pValue: number };

/**
 * Fits `options` separately within each level of `groups` (in order of first appearance).
 * Test for subgroup differences: Q = Σ (θ̂_g − θ̄)²/SE_g², θ̄ the inverse-variance mean of the
 * subgroup estimates, df = G − 1 (χ²). With one subgroup the test is undefined (Q = 0, df = 0, p = NaN).
 */
export function analyseSubgroups(
  yi: ArrayLike<number>,
  vi: ArrayLike<number>,
  groups: readonly string[],
  options: RmaOptions,
): { subgroups: SubgroupResult[]; test: SubgroupTest } {
  const order: string[] = [];
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    if (!members.has(g)) {
      members.set(g, []);
      order.push(g);
    }
    members.get(g)!.push(i);
  });
  const subgroups = order.map((name) => {
    const indices = members.get(name)!;
    const fit = fitRma(
      indices.map((i) => yi[i]),
      indices.map((i) => vi[i]),
      { ...options, mods: undefined },
    );
    return { name, indices, fit };
  });
  return { subgroups, test: testSubgroupDifferences(subgroups.map((s) => ({ estimate: s.fit.beta[0], se: s.fit.se[0] }))) };
}

/** Cochran's Q across subgroup estimates (fixed-effect between-subgroup test). */
export function testSubgroupDifferences(estimates: { estimate: number; se: number }[]): SubgroupTest {
  const df = estimates.length - 1;
  if (df < 1) return { Q: 0, df: 0, pValue: Number.NaN };
  let sw = 0;
  let swy = 0;
  for (const { estimate, se } of estimates) {
    const w = 1 / (se * se);
    sw += w;
    swy += w * estimate;
  }
  const mean = swy / sw;
  const Q = estimates.reduce((s, { estimate, se }) => s + (estimate - mean) ** 2 / (se * se), 0);
  return { Q, df, pValue: pchisqUpper(Q, df) };
}
