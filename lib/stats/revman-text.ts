/**
 * The heterogeneity and overall-effect lines RevMan 5 prints under a forest plot.
 */

/**
 * P-value as RevMan 5 prints it: "< 0.00001" below 1e-5; otherwise 2 decimals from 0.01 up,
 * and below 0.01 a single significant digit (0.009, 0.0005, 0.00003).
 * @example formatRevManP(0.0088) // "= 0.009"
 */
export function formatRevManP(p: number): string {
  if (Number.isNaN(p)) return "= NA";
  if (p < 0.00001) return "< 0.00001";
  if (p >= 0.01) return `= ${p.toFixed(2)}`;
  const decimals = Math.max(3, -Math.floor(Math.log10(p)));
  let text = p.toFixed(decimals);
  if (Number(text) >= 0.01) text = "0.01";
  return `= ${text}`;
}

/**
 * "Heterogeneity: Tau² = 17.02; Chi² = 3.80, df = 1 (P = 0.05); I² = 74%" (random effects) or
 * "Heterogeneity: Chi² = …, df = … (P = …); I² = …%" (fixed effect, `tau2` null).
 * I² here is RevMan's Q-based max(0, (Q − df)/Q), rounded to a whole percent; Tau² and Chi²
 * to 2 decimals. For DL and k = 2 this equals metafor's τ²-based I²; for other τ² methods it
 * can differ, which is why RevMan text always recomputes it from Q.
 */
export function formatHeterogeneity(h: { tau2: number | null; Q: number; df: number; pValue: number }): string {
  const i2 = h.Q > 0 ? Math.max(0, ((h.Q - h.df) / h.Q) * 100) : 0;
  const tau = h.tau2 === null ? "" : `Tau² = ${h.tau2.toFixed(2)}; `;
  return `Heterogeneity: ${tau}Chi² = ${h.Q.toFixed(2)}, df = ${h.df} (P ${formatRevManP(h.pValue)}); I² = ${Math.round(i2)}%`;
}

/** "Test for overall effect: Z = 2.62 (P = 0.009)"; Z as its absolute value, 2 decimals ("T" for t tests). */
export function formatOverallEffect(o: { statistic: number; pValue: number; test?: "z" | "knha" }): string {
  const label = o.test === "knha" ? "T" : "Z";
  return `Test for overall effect: ${label} = ${Math.abs(o.statistic).toFixed(2)} (P ${formatRevManP(o.pValue)})`;
}
