import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { queryRows } from "@/lib/sql";
import { hasCapability, ROLES, type Capability, type Role } from "@/lib/auth/roles";

export type CurrentUser = { id: string; email: string; name: string };

export type ReviewAccess = {
  user: CurrentUser;
  review: { id: string; slug: string; title: string };
  roles: Role[];
};

export type AccessDenied = "not-found" | "forbidden";

/**
 * Resolves a user's standing in a review. A non-member learns nothing: they get "not-found",
 * exactly as for a review that does not exist. A member without the capability gets "forbidden".
 */
export async function authorizeReview(
  user: CurrentUser,
  slug: string,
  capability: Capability,
): Promise<ReviewAccess | AccessDenied> {
  // One statement of plain SQL (a row per role; none for a non-member), run by lib/sql.ts: every
  // request on a review runs this, and Prisma's nested select cost two statements, each compiled.
  const rows = await queryRows<{ id: string; slug: string; title: string; role: string }>(
    db,
    Prisma.sql`SELECT r."id", r."slug", r."title", m."role"
      FROM "Review" r JOIN "Membership" m ON m."reviewId" = r."id" AND m."userId" = ${user.id}
      WHERE r."slug" = ${slug}`,
  );
  if (rows.length === 0) return "not-found";
  const roles = rows.map((m) => m.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  if (!hasCapability(roles, capability)) return "forbidden";
  const [review] = rows;
  return { user, review: { id: review.id, slug: review.slug, title: review.title }, roles };
}
