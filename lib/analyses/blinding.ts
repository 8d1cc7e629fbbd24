/**
 * The results blinding rule (issue 13 point 12): a member who does not reconcile may read
 * results while extraction or risk of bias is still blinded only if the owners allow it
 * (settings.results.visibleWhileBlinded). Blinding "applies" while some study's consensus is
 * still open: once every study is settled, pooled numbers can no longer sway anyone's extraction.
 */
import { hasCapability, type Role } from "@/lib/auth/roles";
import type { ReviewSettings } from "@/lib/reviews/schema";

export const RESULTS_BLINDED_MESSAGE =
  "Results are hidden while extraction or risk-of-bias assessment is blinded and still open. An owner can allow reviewers to read results while blinded in the review settings.";

export function resultsHiddenFor(roles: readonly Role[], settings: Pick<ReviewSettings, "extraction" | "riskOfBias" | "results">, open: { extraction: boolean; riskOfBias: boolean }): boolean {
  if (hasCapability(roles, "reconcile") || settings.results.visibleWhileBlinded) return false;
  return (settings.extraction.blinded && open.extraction) || (settings.riskOfBias.blinded && open.riskOfBias);
}
