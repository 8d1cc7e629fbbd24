import { db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import { makeUser } from "@/lib/test/factories";

/** Minimal records for screening tests, at consecutive positions. */
export async function makeRecords(reviewId: string, titles: string[]) {
  const records = [];
  for (const [position, title] of titles.entries()) {
    records.push(
      await db.record.create({
        data: { reviewId, position, title, abstract: `Abstract of ${title}`, authors: [{ family: "Smith", given: "J", normalized: "smith j" }], year: 2020, keywords: ["rat"], mesh: [], raw: {} },
      }),
    );
  }
  return records;
}

export async function addMember(reviewId: string, name: string, roles: Role[]) {
  const user = await makeUser(name);
  for (const role of roles) await db.membership.create({ data: { reviewId, userId: user.id, role } });
  return user;
}

/** A vote written straight to the database, for setting up a state to act on. */
export async function makeVote(reviewId: string, recordId: string, reviewerId: string, decision: string, stage = "TITLE_ABSTRACT") {
  return db.screeningDecision.create({ data: { reviewId, recordId, stage, reviewerId, decision, firstDecision: decision } });
}

export async function makeResolution(reviewId: string, recordId: string, outcome: string, stage = "TITLE_ABSTRACT") {
  return db.screeningResolution.create({ data: { reviewId, recordId, stage, outcome, method: "AGREEMENT" } });
}

/** A record in conflict at title/abstract: the team's reviewer includes, a second reviewer excludes. */
export async function makeConflict(reviewId: string, reviewerId: string) {
  const [record] = await makeRecords(reviewId, ["Conflicted"]);
  const other = await addMember(reviewId, "Other", ["REVIEWER"]);
  await makeVote(reviewId, record.id, reviewerId, "INCLUDE");
  await makeVote(reviewId, record.id, other.id, "EXCLUDE");
  return record;
}
