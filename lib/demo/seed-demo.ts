import { writeTransaction } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import demo from "@/prisma/demo/review-001.json";
import { makeAuthor } from "@/lib/formats/authors";
import { splitPages } from "@/lib/formats/pages";
import type { BibRecord } from "@/lib/formats/record";
import { createUser } from "@/lib/users/mutations";
import { createReview, mergeReasonLists } from "@/lib/reviews/mutations";
import { insertRecords } from "@/lib/records/mutations";
import { recordAudit } from "@/lib/audit/mutations";

export const DEMO_EMAIL = "demo@sieve.local";
export const DEMO_PASSWORD = "sieve-demo-review";
export const DEMO_NAME = "Demo Reviewer";

type Reference = (typeof demo.references)[number];

/** A reference of the seed article as a normalised record; nothing is added that the article does not state. */
function referenceToRecord(ref: Reference): BibRecord {
  return {
    title: ref.title,
    authors: ref.authors.map((a) => makeAuthor(a.family, a.given)),
    year: ref.year ?? undefined,
    journal: ref.journal || undefined,
    volume: ref.volume || undefined,
    ...splitPages(ref.pages || undefined),
    doi: ref.doi ?? undefined,
    pmid: ref.pmid ?? undefined,
    keywords: [],
    mesh: [],
    raw: { label: [ref.label], citationType: [ref.type], ...(ref.etAl ? { etAl: ["true"] } : {}) },
  };
}

/**
 * Creates the demo account and the demo review (the 001 seed: Zhang et al. 2025, Front
 * Endocrinol) when the database has no users. Its records are the article's reference list,
 * logged as a citation search of that article, which is what they truly are.
 */
export async function seedDemoIfEmpty(db: PrismaClient): Promise<{ created: boolean; slug?: string }> {
  if ((await db.user.count()) > 0) return { created: false };
  const slug = await writeTransaction(
    async (tx) => {
      const user = await createUser(tx, { email: DEMO_EMAIL, name: DEMO_NAME, password: DEMO_PASSWORD });
      const { references: _refs, source: _source, titleAbstractReasons, fullTextReasons, ...protocol } = demo;
      const review = await createReview(tx, user.id, protocol, mergeReasonLists(titleAbstractReasons, fullTextReasons));
      for (const role of ["REVIEWER", "ADJUDICATOR"]) await tx.membership.create({ data: { reviewId: review.id, userId: user.id, role } });
      const search = await tx.search.create({
        data: {
          reviewId: review.id,
          kind: "OTHER",
          database: "Citation searching",
          platform: `Reference list of ${demo.source.journal} doi:${demo.source.doi}`,
          reportedHits: demo.references.length,
        },
      });
      const records = demo.references.map(referenceToRecord);
      const imported = await tx.import.create({
        data: { reviewId: review.id, searchId: search.id, fileName: demo.source.file, format: "jats-references", encoding: "utf-8", recordCount: records.length, warnings: [], createdById: user.id },
      });
      await insertRecords(tx, review.id, imported.id, records);
      await recordAudit(tx, { reviewId: review.id, actorId: user.id, entity: "Import", entityId: imported.id, action: "create", after: { fileName: imported.fileName, records: records.length } });
      return review.slug;
    },
    { timeout: 60_000 },
  );
  return { created: true, slug };
}
