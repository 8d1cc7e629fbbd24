/**
 * The action half of the access matrix (e2e/access-matrix.spec.ts walks the pages): every
 * review action, called as owner, reviewer, adjudicator and non-member against a real database.
 * Only the session lookup and Next's cache revalidation are replaced, since both need a live
 * request; authorization, validation and the mutations are the real ones.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { CAN, type Capability } from "@/lib/auth/roles";
import { FORBIDDEN, NOT_FOUND, type ActionResult } from "@/lib/action";
import { makeReviewWithTeam, makeUser } from "@/lib/test/factories";
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/lib/members/actions";
import { createReviewAction, updateProtocolAction } from "@/lib/reviews/actions";
import { createSearchAction, undoImportAction } from "@/lib/imports/actions";
import { db } from "@/lib/db";
import { saveFlowCountsAction, setFlowModeAction } from "@/lib/flow/actions";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Team = Awaited<ReturnType<typeof makeReviewWithTeam>>;
type ActionCase = { name: string; capability: Capability; call: (team: Team) => Promise<ActionResult<unknown>> };

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
};

/** Every review action. Later stages add theirs here. */
export const REVIEW_ACTIONS: ActionCase[] = [
  { name: "updateProtocol", capability: "manage", call: (t) => updateProtocolAction(form({ slug: t.review.slug, title: "New title", titleAbstractReasons: "A", fullTextReasons: "B" })) },
  { name: "addMember", capability: "manage", call: async (t) => addMemberAction(form({ slug: t.review.slug, email: (await makeUser("New")).email, roles: "REVIEWER" })) },
  { name: "setMemberRoles", capability: "manage", call: (t) => setMemberRolesAction(form({ slug: t.review.slug, userId: t.reviewer.id, roles: ["REVIEWER", "ADJUDICATOR"] })) },
  { name: "removeMember", capability: "manage", call: (t) => removeMemberAction(form({ slug: t.review.slug, userId: t.adjudicator.id })) },
  { name: "saveFlowCounts", capability: "manage", call: (t) => saveFlowCountsAction(form({ slug: t.review.slug, excluded_automatic: "12" })) },
  { name: "setFlowMode", capability: "manage", call: (t) => setFlowModeAction(form({ slug: t.review.slug, mode: "manual" })) },
  { name: "createSearch", capability: "manage", call: (t) => createSearchAction(form({ slug: t.review.slug, kind: "DATABASE", database: "Embase", reportedHits: "12" })) },
  {
    name: "undoImport",
    capability: "manage",
    call: async (t) => {
      const search = await db.search.create({ data: { reviewId: t.review.id, database: "PubMed" } });
      const imported = await db.import.create({ data: { reviewId: t.review.id, searchId: search.id, fileName: "x.nbib", format: "medline", encoding: "utf-8", recordCount: 0, warnings: [] } });
      return undoImportAction(form({ slug: t.review.slug, importId: imported.id }));
    },
  },
];

const ROLES = ["owner", "reviewer", "adjudicator", "outsider"] as const;
const ROLE_GRANTS: Record<(typeof ROLES)[number], readonly string[]> = { owner: ["OWNER"], reviewer: ["REVIEWER"], adjudicator: ["ADJUDICATOR"], outsider: [] };

beforeEach(() => {
  session.user = null;
});

describe("access matrix: review actions", () => {
  for (const action of REVIEW_ACTIONS) {
    for (const role of ROLES) {
      const allowed = ROLE_GRANTS[role].some((r) => (CAN[action.capability] as readonly string[]).includes(r));
      it(`${action.name} as ${role}: ${allowed ? "allowed" : role === "outsider" ? "not found" : "forbidden"}`, async () => {
        const team = await makeReviewWithTeam();
        session.user = team[role];
        const result = await action.call(team);
        if (allowed) expect(result).toMatchObject({ ok: true });
        else expect(result).toEqual({ ok: false, error: role === "outsider" ? NOT_FOUND : FORBIDDEN });
      });
    }
    it(`${action.name} when signed out is refused`, async () => {
      const team = await makeReviewWithTeam();
      expect(await action.call(team)).toMatchObject({ ok: false });
    });
  }

  it("createReview needs only a signed-in user, who becomes its owner", async () => {
    session.user = await makeUser("Creator");
    const result = await createReviewAction(form({ title: "A brand new review" }));
    expect(result).toMatchObject({ ok: true, data: { slug: expect.stringMatching(/^a-brand-new-review/) } });
  });

  it("validation errors reach the field", async () => {
    const team = await makeReviewWithTeam();
    session.user = team.owner;
    const result = await addMemberAction(form({ slug: team.review.slug, email: "not-an-email", roles: "REVIEWER" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: ["Enter a valid e-mail address."] } });
  });
});
