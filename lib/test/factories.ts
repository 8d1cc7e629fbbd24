import { db, writeTransaction } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/users/mutations";
import { createReview } from "@/lib/reviews/mutations";

let counter = 0;

/** A real user row with a unique e-mail; the password is irrelevant for most tests. */
export async function makeUser(name = "Tester") {
  counter += 1;
  return createUser(db, { email: `${name.toLowerCase().replace(/\W/g, "")}${counter}-${Date.now()}@example.org`, name, password: "long-enough-password" });
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
