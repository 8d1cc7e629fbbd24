import { generateRis } from "./import-files";

/**
 * A review owned by a new user, holding one Embase search of `records` generated RIS records, stored
 * through the app's own import. DATABASE_URL must already point at a migrated database.
 */
export async function reviewWithRis(title: string, records: number) {
  const { db, writeTransaction } = await import("../lib/db");
  const { createUser } = await import("../lib/users/mutations");
  const { createReview } = await import("../lib/reviews/mutations");
  const { createReviewSchema } = await import("../lib/reviews/schema");
  const { importFileBytes } = await import("../lib/imports/mutations");
  const owner = await createUser(db, { email: "bench@example.org", name: "Bench", password: "bench-password-1" });
  const review = await writeTransaction((tx) => createReview(tx, owner.id, createReviewSchema.parse({ title })));
  const search = await db.search.create({ data: { reviewId: review.id, database: "Embase" } });
  const bytes = Buffer.from(generateRis(records));
  await writeTransaction((tx) => importFileBytes(tx, owner.id, review.id, search.id, { fileName: "bench.ris", bytes, format: "ris" }), { timeout: 600_000 });
  return { db, review, search };
}
