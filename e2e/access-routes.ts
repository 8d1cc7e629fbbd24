/**
 * Every review route and who may open it. The access-matrix spec walks each one as owner,
 * reviewer, adjudicator and non-member. Add every new review page here.
 * `path` is relative to /reviews/<slug>; `{record}` and `{study}` stand for an included report and
 * its study, which the spec creates.
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
  { path: "/duplicates", allowed: members },
  { path: "/prisma", allowed: ["owner", "reviewer", "adjudicator"] },
  { path: "/prisma/export/svg", allowed: members },
  { path: "/prisma/export/png", allowed: members },
  { path: "/prisma/export/pdf", allowed: members },
  { path: "/prisma/export/csv", allowed: members },
  { path: "/screening", allowed: members },
  { path: "/screening/title-abstract", allowed: members },
  { path: "/screening/full-text", allowed: members },
  { path: "/screening/conflicts", allowed: ["owner", "adjudicator"] },
  { path: "/screening/conflicts?stage=FULL_TEXT", allowed: ["owner", "adjudicator"] },
  { path: "/screening/settings", allowed: ["owner"] },
  { path: "/studies", allowed: members },
  // Blinded by default: agreement would reveal colleagues' votes, so only those who adjudicate get it.
  { path: "/screening/agreement?stage=TITLE_ABSTRACT", allowed: ["owner", "adjudicator"] },
  // Extraction; the per-study pages (/extraction/[studyId], …/consensus) are walked in e2e/extraction.spec.ts.
  { path: "/extraction", allowed: members },
  { path: "/extraction/form", allowed: ["owner"] },
  { path: "/extraction/form/export", allowed: ["owner"] },
  { path: "/extraction/export?set=consensus&format=csv", allowed: members },
  { path: "/extraction/export?set=consensus&format=xlsx", allowed: members },
  // Raw dual extractions are what blinding hides.
  { path: "/extraction/export?set=raw&format=long", allowed: ["owner", "adjudicator"] },
  // Results (issue 13); per-analysis pages and exports are walked in e2e/results.spec.ts.
  { path: "/results", allowed: members },
  // The review has an included study whose extraction is still blinded, so a reviewer sees no results yet.
  { path: "/results/summary/csv", allowed: ["owner", "adjudicator"] },
  { path: "/results/summary/xlsx", allowed: ["owner", "adjudicator"] },
  // Risk of bias (issue 12); the per-study pages are walked in e2e/risk-of-bias.spec.ts.
  { path: "/risk-of-bias", allowed: members },
  { path: "/risk-of-bias/export?format=csv", allowed: members },
  { path: "/risk-of-bias/export?format=agreement", allowed: members },
  { path: "/risk-of-bias/export?format=traffic-light.svg", allowed: members },
  { path: "/risk-of-bias/export?format=summary.png", allowed: members },
  // Pages about one record or study.
  { path: "/records/{record}", allowed: members },
  // Extracting is reviewers' work; consensus is for those who reconcile.
  { path: "/extraction/{study}", allowed: ["reviewer"] },
  { path: "/extraction/{study}/consensus", allowed: ["owner", "adjudicator"] },
  { path: "/figures/{study}", allowed: members },
  { path: "/risk-of-bias/{study}", allowed: members },
];

/**
 * JSON/upload endpoints under /api: a member whose role does not allow the call gets 403, a
 * non-member 404; an allowed role gets past the gate (any other status, e.g. 400 for an empty body).
 */
export type ApiRule = { method: "GET" | "POST"; path: string; allowed: RoleName[]; body?: "json" | "multipart" };

export const API_ROUTES: ApiRule[] = [
  { method: "POST", path: "/imports", allowed: ["owner"], body: "multipart" },
  { method: "POST", path: "/duplicates", allowed: ["owner"] },
  { method: "GET", path: "/screening/next?stage=TITLE_ABSTRACT", allowed: ["reviewer"] },
  { method: "POST", path: "/screening/decide", allowed: ["reviewer"], body: "json" },
];
