/**
 * The archive's JSON (review.json) and its versions. Version 2 is written today. Each older
 * version has a migration to the next, applied in turn on import, so an archive made by any
 * earlier Sieve still imports:
 *   v1 → v2: the team features (migration 20261201100000_team_features) added invitations, per-reviewer
 *            record notes and labels, and ExclusionReason.retired. A v1 archive has none of them: it
 *            gets empty lists and every reason not retired.
 *   v2 → v3: screening assignment (migration 20261202010000_screening_assignment) added assignment
 *            plans and per-record assignments. A v2 archive has none: everyone screens everything.
 */
import { z } from "zod";
import { REVIEW_COLUMNS, rowSchema, TABLE_NAMES, TABLES, type Row, type TableName } from "./tables";

export const FORMAT_VERSION = 3;
export const ARCHIVE_KIND = "sieve-review-archive";

export type Person = { id: string; email: string | null; name: string };
export type ArchiveJson = {
  kind: typeof ARCHIVE_KIND;
  formatVersion: typeof FORMAT_VERSION;
  exportedAt: string;
  review: Row;
  people: Person[];
} & Record<TableName, Row[]>;

const personSchema = z.strictObject({ id: z.string().min(1), email: z.string().nullable(), name: z.string() });

export const archiveSchema = z.strictObject({
  kind: z.literal(ARCHIVE_KIND),
  formatVersion: z.literal(FORMAT_VERSION),
  exportedAt: z.iso.datetime(),
  review: rowSchema(REVIEW_COLUMNS),
  people: z.array(personSchema),
  ...(Object.fromEntries(TABLE_NAMES.map((t) => [t, z.array(rowSchema(TABLES[t].columns))])) as unknown as Record<TableName, z.ZodArray<z.ZodType<Row>>>),
});

type Migration = (archive: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n archive into version n + 1. */
export const MIGRATIONS: Record<number, Migration> = {
  1: (v1) => ({
    ...v1,
    formatVersion: 2,
    exclusionReasons: ((v1.exclusionReasons as Row[] | undefined) ?? []).map((r) => ({ ...r, retired: false })),
    invitations: [],
    recordNotes: [],
  }),
  2: (v2) => ({ ...v2, formatVersion: 3, screeningAssignmentPlans: [], screeningAssignments: [] }),
};

export class ArchiveError extends Error {}

/** Brings an archive of any known version up to FORMAT_VERSION; a newer or unknown version is refused. */
export function migrateArchive(raw: unknown): { archive: Record<string, unknown>; migratedFrom: number | null } {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new ArchiveError("review.json is not a JSON object.");
  let archive = raw as Record<string, unknown>;
  if (archive.kind !== ARCHIVE_KIND) throw new ArchiveError(`review.json is not a Sieve review archive (kind is ${JSON.stringify(archive.kind)}).`);
  const from = archive.formatVersion;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 1) throw new ArchiveError(`review.json has no valid formatVersion (${JSON.stringify(from)}).`);
  if (from > FORMAT_VERSION) throw new ArchiveError(`This archive is format version ${from}; this Sieve reads versions 1 to ${FORMAT_VERSION}. Update Sieve to import it.`);
  for (let v = from; v < FORMAT_VERSION; v++) archive = MIGRATIONS[v](archive);
  return { archive, migratedFrom: from < FORMAT_VERSION ? from : null };
}

/** Validates a migrated archive; every problem names its table, row and column. */
export function parseArchive(archive: Record<string, unknown>): ArchiveJson {
  const parsed = archiveSchema.safeParse(archive);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "review.json"}: ${i.message}`);
    throw new ArchiveError(`review.json does not match format version ${FORMAT_VERSION}: ${issues.join("; ")}${parsed.error.issues.length > 5 ? ` (and ${parsed.error.issues.length - 5} more)` : ""}.`);
  }
  return parsed.data as unknown as ArchiveJson;
}
