import { db } from "@/lib/db";
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
  const review = await db.review.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, memberships: { where: { userId: user.id }, select: { role: true } } },
  });
  if (!review || review.memberships.length === 0) return "not-found";
  const roles = review.memberships.map((m) => m.role).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  if (!hasCapability(roles, capability)) return "forbidden";
  return { user, review: { id: review.id, slug: review.slug, title: review.title }, roles };
}
