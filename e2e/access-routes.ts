/**
 * Every review route and who may open it. The access-matrix spec walks each one as owner,
 * reviewer, adjudicator and non-member. Add every new review page here.
 * `path` is relative to /reviews/<slug>.
 */
export type RoleName = "owner" | "reviewer" | "adjudicator" | "nonMember";

export type RouteRule = { path: string; allowed: RoleName[] };

const members: RoleName[] = ["owner", "reviewer", "adjudicator"];

export const REVIEW_ROUTES: RouteRule[] = [
  { path: "", allowed: members },
  { path: "/protocol", allowed: members },
  { path: "/members", allowed: members },
  { path: "/audit", allowed: ["owner"] },
];
