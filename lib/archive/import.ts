/**
 * `sieve import-review`: a review archive into this instance as a new review. The archive is
 * checked whole before anything is written (zip CRCs, manifest checksums, format version with
 * migrations, every column, every reference); then its files are stored and every row written in
 * one transaction, with new ids for every row (assigned in the archive's id order, so the review
 * reads back in the same order) and people mapped by e-mail. Someone the instance does not know is
 * reported, invited with their roles, and their work kept under a placeholder id.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/mutations";
import { createInvitation } from "@/lib/invitations/mutations";
import type { Role } from "@/lib/auth/roles";
import { slugify, uniqueSlug } from "@/lib/reviews/slug";
import { removeStoredFile, storeUpload } from "@/lib/screening/pdf-store";
import { ArchiveError, migrateArchive, parseArchive, type ArchiveJson } from "./format";
import { UNKNOWN_PERSON_PREFIX } from "./export";
import { REVIEW_COLUMNS, TABLE_NAMES, TABLES, toDbRow, type Row, type TableName } from "./tables";
import { unpackArchive } from "./zip";

export type ImportReport = { reviewId: string; slug: string; migratedFrom: number | null; unknownPeople: string[]; invited: string[]; rows: Record<TableName, number>; files: number };

/** Every reference must point at a row of the archive; the first few that do not are named. */
function checkReferences(archive: ArchiveJson, files: ReadonlyMap<string, Buffer>): void {
  const ids = new Map<string, Set<string>>(TABLE_NAMES.map((t) => [t, new Set(archive[t].map((r) => r.id as string))]));
  ids.set("people", new Set(archive.people.map((p) => p.id)));
  const problems: string[] = [];
  for (const table of TABLE_NAMES) {
    archive[table].forEach((row, i) => {
      if ("reviewId" in row && row.reviewId !== archive.review.id) problems.push(`${table}[${i}].reviewId is not the archive's review`);
      for (const ref of TABLES[table].refs) {
        const value = row[ref.column];
        if (value !== null && !ids.get(ref.table)!.has(value as string)) problems.push(`${table}[${i}].${ref.column} points at ${ref.table} ${JSON.stringify(value)}, which the archive does not hold`);
      }
    });
  }
  const referenced = new Set<string>();
  for (const [table, column] of [["fullTexts", "filePath"], ["digitisations", "imagePath"]] as const) {
    archive[table].forEach((row, i) => {
      const name = row[column];
      if (typeof name !== "string") return;
      referenced.add(name);
      if (!files.has(name)) problems.push(`${table}[${i}].${column} names ${name}, which the archive does not hold`);
    });
  }
  for (const name of files.keys()) if (!referenced.has(name)) problems.push(`${name} belongs to no row`);
  if (problems.length) throw new ArchiveError(`The archive is inconsistent: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}.`);
}

/** Reads and checks an archive completely; throws ArchiveError with the first problem found. */
export async function readArchive(bytes: Uint8Array): Promise<{ archive: ArchiveJson; files: Map<string, Buffer>; migratedFrom: number | null }> {
  const { reviewJson, files } = await unpackArchive(bytes);
  const { archive: migrated, migratedFrom } = migrateArchive(reviewJson);
  const archive = parseArchive(migrated);
  checkReferences(archive, files);
  return { archive, files, migratedFrom };
}

/** New ids that sort as the old ones did, so id order (the archive's order) survives the import. */
function idAllocator() {
  const prefix = `c${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  let counter = 0;
  return () => `${prefix}${(counter++).toString(36).padStart(7, "0")}`;
}

/** Replaces every string (and object key) that is an old id by its new id, at any depth of a JSON value. */
function remapJson(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => remapJson(v, map));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [map.get(k) ?? k, remapJson(v, map)]));
  return value;
}

const CHUNK = 500;

export async function importReviewArchive(bytes: Uint8Array, ownerEmail: string): Promise<ImportReport> {
  const { archive, files, migratedFrom } = await readArchive(bytes);
  const owner = await db.user.findUnique({ where: { email: ownerEmail.trim().toLowerCase() } });
  if (!owner) throw new ArchiveError(`No user with e-mail ${ownerEmail}: create the account first (sieve user create).`);

  // People by e-mail; someone unknown keeps a placeholder id so their votes stay theirs and apart.
  const emails = archive.people.flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
  const users = new Map((await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const map = new Map<string, string>();
  const known = new Set<string>();
  const unknownPeople: string[] = [];
  for (const p of archive.people) {
    const userId = p.email ? users.get(p.email.toLowerCase()) : undefined;
    if (userId) known.add(userId);
    else unknownPeople.push(p.email ?? `(no e-mail, id ${p.id})`);
    map.set(p.id, userId ?? `${UNKNOWN_PERSON_PREFIX}${p.email ?? p.id}`);
  }
  const nextId = idAllocator();
  const reviewId = nextId();
  map.set(archive.review.id as string, reviewId);
  for (const table of TABLE_NAMES) for (const id of archive[table].map((r) => r.id as string).sort()) map.set(id, nextId());

  // Files first (the database cannot hold them); removed again if the transaction fails.
  const stored = new Map<string, string>();
  try {
    for (const row of archive.fullTexts) {
      if (typeof row.filePath !== "string") continue;
      stored.set(row.filePath, await storeUpload(reviewId, map.get(row.recordId as string)!, path.extname(row.filePath).slice(1) || "pdf", files.get(row.filePath)!));
    }
    for (const row of archive.digitisations) {
      if (typeof row.imagePath !== "string") continue;
      const uploader = row.reviewerId ? map.get(row.reviewerId as string)! : owner.id;
      stored.set(row.imagePath, await storeUpload(reviewId, `figure-${uploader}`, path.extname(row.imagePath).slice(1) || "png", files.get(row.imagePath)!));
    }
    const result = await writeTransaction((tx) => writeArchive(tx, archive, { map, stored, reviewId, ownerId: owner.id, known, migratedFrom }), { timeout: 600_000, bulk: true });
    return { ...result, migratedFrom, unknownPeople, files: stored.size };
  } catch (error) {
    for (const relative of stored.values()) await removeStoredFile(relative);
    throw error;
  }
}

type WriteContext = { map: Map<string, string>; stored: Map<string, string>; reviewId: string; ownerId: string; known: Set<string>; migratedFrom: number | null };

async function writeArchive(tx: Tx, archive: ArchiveJson, ctx: WriteContext) {
  const { map, reviewId, ownerId, known } = ctx;
  const taken = await tx.review.findMany({ where: { slug: { startsWith: slugify(archive.review.title as string) } }, select: { slug: true } });
  const slug = uniqueSlug(archive.review.slug as string, new Set(taken.map((r) => r.slug)));
  const review = toDbRow(REVIEW_COLUMNS, archive.review);
  await tx.review.create({ data: { ...review, id: reviewId, slug, settings: review.settings as Prisma.InputJsonValue } as Prisma.ReviewUncheckedCreateInput });

  const rows = {} as Record<TableName, number>;
  const invitedRoles = new Map<string, Set<string>>();
  for (const table of TABLE_NAMES) {
    const spec = TABLES[table];
    const out: Row[] = [];
    for (const archived of archive[table]) {
      const row = toDbRow(spec.columns, archived);
      for (const [column, kind] of Object.entries(spec.columns)) {
        const v = row[column];
        if (kind === "j" || kind === "jn") row[column] = v === null ? Prisma.DbNull : remapJson(v, map);
        else if (typeof v === "string" && map.has(v)) row[column] = map.get(v);
      }
      if (table === "fullTexts" && typeof archived.filePath === "string") row.filePath = ctx.stored.get(archived.filePath);
      if (table === "digitisations" && typeof archived.imagePath === "string") row.imagePath = ctx.stored.get(archived.imagePath);
      if (table === "memberships" && !known.has(row.userId as string)) {
        const email = (row.userId as string).slice(UNKNOWN_PERSON_PREFIX.length);
        if (email.includes("@")) invitedRoles.set(email, (invitedRoles.get(email) ?? new Set()).add(row.role as string));
        continue;
      }
      // The only user references the database enforces: an audit event of someone unknown keeps no actor.
      if (table === "auditEvents" && typeof row.actorId === "string" && !known.has(row.actorId)) row.actorId = null;
      if (table === "invitations") row.token = randomBytes(24).toString("base64url");
      out.push(row);
    }
    const delegate = (tx as unknown as Record<string, { createMany(args: { data: Row[] }): Promise<unknown> }>)[spec.model];
    for (let i = 0; i < out.length; i += CHUNK) await delegate.createMany({ data: out.slice(i, i + CHUNK) });
    rows[table] = out.length;
  }
  if (!(await tx.membership.findFirst({ where: { reviewId, userId: ownerId, role: "OWNER" } }))) {
    await tx.membership.create({ data: { reviewId, userId: ownerId, role: "OWNER" } });
  }
  const invited: string[] = [];
  for (const [email, roles] of invitedRoles) {
    await createInvitation(tx, ownerId, reviewId, email, [...roles] as Role[]);
    invited.push(email);
  }
  await recordAudit(tx, {
    reviewId, actorId: ownerId, entity: "ReviewArchive", entityId: reviewId, action: "import",
    after: { fromReview: archive.review.id, exportedAt: archive.exportedAt, formatVersion: ctx.migratedFrom ?? archive.formatVersion, invited, rows },
  });
  return { reviewId, slug, rows, invited };
}
