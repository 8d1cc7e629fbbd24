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
  { path: "/identification", allowed: members },
  { path: "/records", allowed: members },
  { path: "/records?set=unique&sort=year&dir=desc", allowed: members },
  { path: "/records/export?format=ris", allowed: members },
  { path: "/records/export?format=csv&set=included-ta", allowed: members },
  { path: "/prisma", allowed: ["owner", "reviewer", "adjudicator"] },
  { path: "/prisma/export/svg", allowed: members },
  { path: "/prisma/export/png", allowed: members },
  { path: "/prisma/export/pdf", allowed: members },
  { path: "/prisma/export/csv", allowed: members },
];
