import { db } from "@/lib/db";
import { insertRecords } from "@/lib/records/mutations";
import { article } from "./test-fixtures";

/** Two stored copies of the same article, for tests that act on a pair or a group. */
async function twoCopies(reviewId: string) {
  await insertRecords(db, reviewId, null, [article, { ...article, abstract: undefined }]);
  return db.record.findMany({ where: { reviewId, title: article.title }, orderBy: { position: "asc" }, take: 2 });
}

/** An open pair written straight to the database. */
export async function makePossiblePair(reviewId: string) {
  const [a, b] = await twoCopies(reviewId);
  const [recordAId, recordBId] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  return db.duplicatePair.create({ data: { reviewId, recordAId, recordBId, score: 0.9, reasons: ["title same"] } });
}

/** A merged group of two written straight to the database; the first copy is the primary. */
export async function makeGroup(reviewId: string) {
  const [a, b] = await twoCopies(reviewId);
  const group = await db.duplicateGroup.create({ data: { reviewId, primaryRecordId: a.id, origin: "AUTOMATIC", score: 1, reasons: ["doi match"] } });
  await db.record.update({ where: { id: a.id }, data: { duplicateGroupId: group.id } });
  await db.record.update({ where: { id: b.id }, data: { duplicateGroupId: group.id, isDuplicate: true } });
  return { group, primary: a, duplicate: b };
}
