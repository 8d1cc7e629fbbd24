import "server-only";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { authorizeReview, type ReviewAccess } from "@/lib/auth/authorize";
import type { Capability } from "@/lib/auth/roles";

/** For page loaders: 404 for non-members and for members lacking the capability. */
export async function requireReviewAccess(slug: string, capability: Capability = "view"): Promise<ReviewAccess> {
  const user = await requireUser();
  const access = await authorizeReview(user, slug, capability);
  if (typeof access === "string") notFound();
  return access;
}
