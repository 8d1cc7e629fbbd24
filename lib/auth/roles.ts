export const ROLES = ["OWNER", "REVIEWER", "ADJUDICATOR"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each capability needs. Owners can do everything an adjudicator can (the brief: "an
 * adjudicator (or owner) settles each"), but an owner screens only if they also hold REVIEWER.
 */
export const CAN = {
  view: ["OWNER", "REVIEWER", "ADJUDICATOR"],
  manage: ["OWNER"],
  screen: ["REVIEWER"],
  adjudicate: ["ADJUDICATOR", "OWNER"],
  /** Attaching a full text (or marking it not retrieved): "reviewers or owners" (issue #6). */
  retrieve: ["REVIEWER", "OWNER"],
  /** Extracting data and rating risk of bias are reviewers' work, done blind and in duplicate. */
  extract: ["REVIEWER"],
  appraise: ["REVIEWER"],
  /** Consensus on extraction and risk of bias: owners and adjudicators, as for screening conflicts. */
  reconcile: ["ADJUDICATOR", "OWNER"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAN;

export function hasCapability(roles: readonly Role[], capability: Capability): boolean {
  const allowed: readonly Role[] = CAN[capability];
  return roles.some((role) => allowed.includes(role));
}
