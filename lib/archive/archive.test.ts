import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";

// Stored files go to a temporary data directory (read by lib/env on first use).
process.env.SIEVE_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "sieve-archive-"));

const { db, writeTransaction } = await import("@/lib/db");
const { createDemo, DEMO_EMAIL, DEMO_REVIEWER_EMAIL } = await import("@/lib/demo/seed-demo");
const { storeUpload } = await import("@/lib/screening/pdf-store");
const { screenRecord } = await import("@/lib/screening/mutations");
const { setStageAssignment } = await import("@/lib/screening/assignment-mutations");
const { makeUser } = await import("@/lib/test/factories");
const { buildArchiveJson, exportReviewArchive } = await import("./export");
const { importReviewArchive, readArchive } = await import("./import");
const { ArchiveError, FORMAT_VERSION } = await import("./format");
const { packArchive, unpackArchive } = await import("./zip");
const { TABLE_NAMES } = await import("./tables");
const { readFileSync } = await import("node:fs");

const PDF = Buffer.from("%PDF-1.4\n% a tiny test PDF\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** Ids → their order of first appearance; timestamps dropped: what "identical apart from ids and timestamps" compares. */
function canonical(json: Record<string, unknown>): unknown {
  const ids: string[] = [json.review as { id: string }].map((r) => r.id);
  for (const p of json.people as { id: string }[]) ids.push(p.id);
  for (const t of TABLE_NAMES) for (const r of json[t] as { id: string }[]) ids.push(r.id);
  const token = new Map(ids.map((id, i) => [id, `#${i}`]));
  const pattern = new RegExp(ids.map((id) => id.replace(/[^\w]/g, "\\$&")).sort((a, b) => b.length - a.length).join("|"), "g");
  const walk = (v: unknown, key = ""): unknown => {
    if (typeof v === "string") return /(At|^at|^exportedAt)$/.test(key) ? "<time>" : v.replace(pattern, (m) => token.get(m)!);
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(pattern, (m) => token.get(m)!), walk(x, k)]));
    return v;
  };
  return walk(json);
}

let slug: string;
let reviewId: string;

beforeAll(async () => {
  ({ slug } = await createDemo(db, "001", false));
  const review = await db.review.findUniqueOrThrow({ where: { slug } });
  reviewId = review.id;
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
  const reviewer = await db.user.findUniqueOrThrow({ where: { email: DEMO_REVIEWER_EMAIL } });
  const [a, b] = await db.record.findMany({ where: { reviewId }, orderBy: { position: "asc" }, take: 2 });
  const study = await db.study.findFirstOrThrow({ where: { reviewId } });
  // What the demo lacks, so every table is exercised: blinded votes, a duplicate pair and group,
  // a stored PDF and figure, a risk-of-bias rating, a note, an invitation.
  const newRecord = await db.record.create({ data: { reviewId, title: "An extra record", authors: [], keywords: [], mesh: [], raw: {} } });
  await writeTransaction(async (tx) => {
    await screenRecord(tx, owner.id, reviewId, { stage: "TITLE_ABSTRACT", recordId: newRecord.id, decision: "INCLUDE", note: "" } as never);
    await screenRecord(tx, reviewer.id, reviewId, { stage: "TITLE_ABSTRACT", recordId: newRecord.id, decision: "EXCLUDE", note: "wrong model" } as never);
  });
  const group = await db.duplicateGroup.create({ data: { reviewId, primaryRecordId: a.id, origin: "MANUAL", score: 0.9, reasons: ["same DOI"] } });
  await db.record.update({ where: { id: b.id }, data: { duplicateGroupId: group.id, isDuplicate: true } });
  await db.record.update({ where: { id: a.id }, data: { duplicateGroupId: group.id } });
  await db.duplicatePair.create({ data: { reviewId, recordAId: a.id, recordBId: b.id, score: 0.9, reasons: ["same DOI"], status: "SAME", decidedById: owner.id, decidedAt: new Date() } });
  await db.fullText.create({ data: { recordId: a.id, status: "RETRIEVED", filePath: await storeUpload(reviewId, a.id, "pdf", PDF) } });
  const dig = await db.digitisation.create({
    data: { reviewId, studyId: study.id, reviewerId: reviewer.id, locator: "Figure 3B", sourceKind: "IMAGE", imagePath: await storeUpload(reviewId, `figure-${reviewer.id}`, "png", PNG), crop: {}, calibration: {}, points: [], derived: { studyId: study.id } },
  });
  const rob = await db.robAssessment.create({ data: { reviewId, studyId: study.id, raterId: reviewer.id, tool: "SYRCLE", status: "SUBMITTED", submittedAt: new Date() } });
  await db.robRating.create({ data: { assessmentId: rob.id, item: "1", judgement: "UNCLEAR", firstJudgement: "UNCLEAR", support: "Not described", answers: { digitisation: dig.id } } });
  await db.recordNote.create({ data: { reviewId, recordId: a.id, userId: reviewer.id, text: "check dose", labels: ["dose"] } });
  await db.invitation.create({ data: { reviewId, email: "newcomer@example.org", roles: ["REVIEWER"], token: "secret-token-1", invitedById: owner.id, expiresAt: new Date(Date.now() + 864e5) } });
  await writeTransaction((tx) => setStageAssignment(tx, owner.id, reviewId, { stage: "TITLE_ABSTRACT", mode: "SPLIT", reviewerIds: [owner.id, reviewer.id], perRecord: 1, checkPercent: 0, seed: "archive" }));
});

describe("whole-review archive", () => {
  it("round-trips: export → import → export gives the same JSON apart from ids, timestamps and the import's own audit event", async () => {
    const first = await buildArchiveJson(reviewId);
    const report = await importReviewArchive(await exportReviewArchive(reviewId), DEMO_EMAIL);
    expect(report.unknownPeople).toEqual([]);
    expect(report.files).toBe(2);
    expect(report.rows.records).toBe(18);
    const second = await buildArchiveJson(report.reviewId);
    const importEvent = second.json.auditEvents.findIndex((e) => e.entity === "ReviewArchive");
    expect(importEvent).toBeGreaterThanOrEqual(0);
    second.json.auditEvents.splice(importEvent, 1);
    const { slug: _a, ...r1 } = first.json.review;
    const { slug: _b, ...r2 } = second.json.review;
    expect(canonical({ ...second.json, review: r2 } as never)).toEqual(canonical({ ...first.json, review: r1 } as never));
    // The comparison sees a changed value.
    const forged = structuredClone(second.json);
    forged.extractionEntries[0].values = { ...(forged.extractionEntries[0].values as object), total_animals: { value: 31, locator: "" } };
    expect(canonical({ ...forged, review: r2 } as never)).not.toEqual(canonical({ ...first.json, review: r1 } as never));
    expect([...second.files.values()].map((b) => Buffer.from(b).toString("hex"))).toEqual([...first.files.values()].map((b) => Buffer.from(b).toString("hex")));
    // Really new rows, not the old ones: ids differ and the old review is untouched.
    expect(report.reviewId).not.toBe(reviewId);
    expect(await db.study.count({ where: { reviewId: report.reviewId } })).toBe(17);
    expect(await db.screeningDecision.findMany({ where: { reviewId: report.reviewId }, select: { firstDecision: true } })).toHaveLength(2);
    expect((await db.invitation.findFirstOrThrow({ where: { reviewId: report.reviewId } })).token).not.toBe("secret-token-1");
    // The assignment comes along, its reviewers mapped to this instance's accounts.
    const assigned = await db.screeningAssignment.count({ where: { reviewId } });
    expect(assigned).toBeGreaterThan(0);
    expect(await db.screeningAssignment.count({ where: { reviewId: report.reviewId } })).toBe(assigned);
    const plan = await db.screeningAssignmentPlan.findFirstOrThrow({ where: { reviewId: report.reviewId } });
    const people = await db.user.findMany({ where: { email: { in: [DEMO_EMAIL, DEMO_REVIEWER_EMAIL] } }, select: { id: true } });
    expect([...(plan.reviewerIds as string[])].sort()).toEqual(people.map((p) => p.id).sort());
  });

  it("refuses a tampered, truncated or foreign archive and writes nothing", async () => {
    const bytes = await exportReviewArchive(reviewId);
    const reviews = await db.review.count();
    const zip = await JSZip.loadAsync(bytes);
    const json = JSON.parse(await zip.file("review.json")!.async("string"));
    json.studies[0].label = "Forged 2099";
    zip.file("review.json", JSON.stringify(json));
    const tampered = await zip.generateAsync({ type: "nodebuffer" });
    await expect(importReviewArchive(tampered, DEMO_EMAIL)).rejects.toThrow(/review\.json does not match its checksum/);
    await expect(importReviewArchive(bytes.subarray(0, Math.floor(bytes.length / 2)), DEMO_EMAIL)).rejects.toThrow(ArchiveError);
    await expect(importReviewArchive(Buffer.from("not a zip"), DEMO_EMAIL)).rejects.toThrow(/Not a readable zip archive/);
    const extra = await JSZip.loadAsync(bytes);
    extra.file("files/evil.sh", "echo hi");
    await expect(importReviewArchive(await extra.generateAsync({ type: "nodebuffer" }), DEMO_EMAIL)).rejects.toThrow(/does not list/);
    // A consistent manifest over an inconsistent review is still refused, on its references.
    const { reviewJson, files } = await unpackArchive(bytes);
    (reviewJson as { records: { studyId: string | null }[] }).records[0].studyId = "no-such-study";
    await expect(importReviewArchive(await packArchive(reviewJson, files), DEMO_EMAIL)).rejects.toThrow(/records\[0\]\.studyId points at studies "no-such-study"/);
    expect(await db.review.count()).toBe(reviews);
  });

  it("invites and reports people this instance does not know, keeping their votes apart", async () => {
    const { json, files } = await buildArchiveJson(reviewId);
    const reviewer = json.people.find((p) => p.email === DEMO_REVIEWER_EMAIL)!;
    reviewer.email = "someone.else@example.org";
    const report = await importReviewArchive(await packArchive(json, files), DEMO_EMAIL);
    expect(report.unknownPeople).toEqual(["someone.else@example.org"]);
    expect(report.invited).toEqual(["someone.else@example.org"]);
    const votes = await db.screeningDecision.findMany({ where: { reviewId: report.reviewId }, orderBy: { decision: "asc" } });
    expect(votes.map((v) => v.decision)).toEqual(["EXCLUDE", "INCLUDE"]);
    expect(new Set(votes.map((v) => v.reviewerId)).size).toBe(2);
    const invitation = await db.invitation.findFirstOrThrow({ where: { reviewId: report.reviewId, email: "someone.else@example.org" } });
    expect(invitation.roles).toEqual(["REVIEWER"]);
  });

  it("covers every column of every table that belongs to a review (a schema change must bump the format)", async () => {
    const { TABLES, REVIEW_COLUMNS } = await import("./tables");
    const columnsOf = async (table: string) => (await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((c) => c.name).sort();
    const tables = (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'`)).map((t) => t.name);
    const archived = new Map(Object.values(TABLES).map((t) => [t.model.charAt(0).toUpperCase() + t.model.slice(1), Object.keys(t.columns)]));
    archived.set("Review", Object.keys(REVIEW_COLUMNS));
    expect(tables.length).toBeGreaterThan(archived.size);
    for (const table of tables) {
      const columns = await columnsOf(table);
      const belongs = columns.includes("reviewId") || ["FullText", "RobRating", "Review"].includes(table);
      if (!belongs) continue;
      expect(archived.has(table), `table ${table} is not archived`).toBe(true);
      // Invitation.token is left out on purpose: a secret; an import makes a new one.
      expect(columns.filter((c) => !(table === "Invitation" && c === "token")), table).toEqual([...archived.get(table)!].sort());
    }
  });

  it("imports a version 1 archive through its migration", async () => {
    const owner = await makeUser("Importer");
    const v1 = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/v1-review.json"), "utf8"));
    expect(v1.formatVersion).toBe(1);
    expect(v1.invitations).toBeUndefined();
    const report = await importReviewArchive(await packArchive(v1, new Map()), owner.email);
    expect(report.migratedFrom).toBe(1);
    expect(report.unknownPeople).toEqual(["ada@example.org"]);
    const reasons = await db.exclusionReason.findMany({ where: { reviewId: report.reviewId } });
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((r) => r.retired === false)).toBe(true);
    expect(await db.record.count({ where: { reviewId: report.reviewId } })).toBe(2);
    const { archive } = await readArchive(await packArchive(v1, new Map()));
    expect(archive.formatVersion).toBe(FORMAT_VERSION);
  });
});
