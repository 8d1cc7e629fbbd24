import "server-only";
import { db } from "@/lib/db";

export async function listMembers(reviewId: string) {
  const rows = await db.membership.findMany({
    where: { reviewId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  const byUser = new Map<string, { id: string; name: string; email: string; roles: string[] }>();
  for (const row of rows) {
    const entry = byUser.get(row.user.id) ?? { ...row.user, roles: [] };
    entry.roles.push(row.role);
    byUser.set(row.user.id, entry);
  }
  return [...byUser.values()];
}
