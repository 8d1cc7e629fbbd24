/**
 * Who may see which rater's judgements of a study. Pure, so the grid, the form, the comparison
 * and the exports share one rule: with blinding on, a rater sees only their own assessment until
 * the study has `ratersPerStudy` submitted assessments; nobody else sees any rater's judgements
 * before then either (a reconciler has nothing to reconcile yet).
 */
export type AssessmentStub = { raterId: string | null; status: string };

export function isRevealed(assessments: readonly AssessmentStub[], ratersPerStudy: number): boolean {
  return assessments.filter((a) => a.raterId && a.status === "SUBMITTED").length >= ratersPerStudy;
}

export function visibleRaterIds(assessments: readonly AssessmentStub[], viewerId: string, rules: { blinded: boolean; ratersPerStudy: number }): Set<string> {
  const raters = assessments.flatMap((a) => (a.raterId ? [a.raterId] : []));
  if (!rules.blinded || isRevealed(assessments, rules.ratersPerStudy)) return new Set(raters);
  return new Set(raters.filter((r) => r === viewerId));
}
