import { db, writeTransaction } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/mutations";
import { createReview } from "@/lib/reviews/mutations";

let counter = 0;
export const TEST_PASSWORD = "long-enough-password";
// scrypt at production strength costs 50–200 ms a hash; hundreds of test users share one real hash of TEST_PASSWORD.
let sharedHash: Promise<string> | undefined;

/** A real user row with a unique e-mail (signing in with TEST_PASSWORD works), created and audited as sign-up does. */
export async function makeUser(name = "Tester") {
  counter += 1;
  sharedHash ??= hashPassword(TEST_PASSWORD);
  const email = `${name.toLowerCase().replace(/\W/g, "")}${counter}-${Date.now()}@example.org`;
  const user = await db.user.create({ data: { email, name, passwordHash: await sharedHash }, select: { id: true, email: true, name: true } });
  await recordAudit(db, { reviewId: null, actorId: user.id, entity: "User", entityId: user.id, action: "create", after: user });
  return user;
}

/** A review owned by a new user, plus one member per requested role set. */
export async function makeReviewWithTeam() {
  const owner = await makeUser("Owner");
  const review = await writeTransaction((tx) => createReview(tx, owner.id, { title: `Review ${++counter}`, question: "", population: "", intervention: "", comparator: "", outcomes: "", studyDesigns: "", registrationId: "", inclusionCriteria: "", exclusionCriteria: "" }));
  const addWithRoles = async (name: string, roles: Role[]) => {
    const user = await makeUser(name);
    for (const role of roles) await db.membership.create({ data: { reviewId: review.id, userId: user.id, role } });
    return user;
  };
  const reviewer = await addWithRoles("Reviewer", ["REVIEWER"]);
  const adjudicator = await addWithRoles("Adjudicator", ["ADJUDICATOR"]);
  const outsider = await makeUser("Outsider");
  return { review, owner, reviewer, adjudicator, outsider };
}
