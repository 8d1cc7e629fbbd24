import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { handleImportUpload } from "@/lib/imports/upload";
import { undoImport } from "@/lib/imports/mutations";
import { writeTransaction } from "@/lib/db";
import { makeReviewWithTeam } from "@/lib/test/factories";

// Only the session lookup needs a live request; parsing, authorization and storage are real.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user }));

const RIS = ["TY  - JOUR", "TI  - First trial", "AU  - Smith, John", "PY  - 2020", "DO  - 10.1000/ABC", "ER  - ", "TY  - JOUR", "TI  - Second trial", "PY  - 2021", "ER  - ", ""].join("\r\n");

function upload(slug: string, fields: Record<string, string>, files: { name: string; text: string }[]) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const f of files) body.append("files", new File([f.text], f.name));
  return handleImportUpload(new Request(`http://localhost/api/reviews/${slug}/imports`, { method: "POST", body }), slug);
}

async function setup(reportedHits?: number) {
  const team = await makeReviewWithTeam();
  const search = await db.search.create({ data: { reviewId: team.review.id, database: "Embase", reportedHits } });
  session.user = team.owner;
  return { ...team, search };
}

beforeEach(() => {
  session.user = null;
});

describe("import upload", () => {
  it("previews without writing, then commits every file in one go with an audit entry", async () => {
    const { review, search } = await setup(3);
    const preview = await upload(review.slug, { searchId: search.id, mode: "preview" }, [{ name: "embase.ris", text: RIS }]);
    expect(preview.status).toBe(200);
    const body = await preview.json();
    expect(body.files[0]).toMatchObject({ fileName: "embase.ris", format: "ris", records: 2, preview: [{ title: "First trial", year: 2020, doi: "10.1000/abc" }, { title: "Second trial" }] });
    expect(body.countWarning).toMatch(/reported 3 hits/);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(0);

    const commit = await upload(review.slug, { searchId: search.id, mode: "commit" }, [
      { name: "a.ris", text: RIS },
      { name: "b.ris", text: RIS },
    ]);
    expect(commit.status).toBe(200);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(4);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Import", action: "create" } })).toBe(2);
  });

  it("refuses a broken file with its name and line, and writes nothing from any file", async () => {
    const { review, search } = await setup();
    const broken = "TY  - JOUR\nTI  - Fine\nER  - \nthis is not RIS at all\n";
    const response = await upload(review.slug, { searchId: search.id, mode: "commit" }, [
      { name: "good.ris", text: RIS },
      { name: "empty.ris", text: "" },
    ]);
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(/^empty\.ris: the file is empty/);
    const second = await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "odd.txt", text: broken.replace(/^TY.*\n/, "") }]);
    expect(second.status).toBe(422);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await db.import.count({ where: { reviewId: review.id } })).toBe(0);
  });

  it("refuses uploads over the configured limit", async () => {
    const { review, search } = await setup();
    process.env.SIEVE_MAX_UPLOAD_MB = "0.0001";
    try {
      const response = await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "big.ris", text: RIS.repeat(20) }]);
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch(/limit/);
    } finally {
      delete process.env.SIEVE_MAX_UPLOAD_MB;
    }
  });

  it("answers non-members 'not found' and reviewers 'forbidden'", async () => {
    const { review, search, outsider, reviewer } = await setup();
    session.user = outsider;
    expect((await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "a.ris", text: RIS }])).status).toBe(404);
    session.user = reviewer;
    expect((await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "a.ris", text: RIS }])).status).toBe(403);
  });

  it("undo removes the import's records unless a screening decision cites one", async () => {
    const { review, search, owner, reviewer } = await setup();
    await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "a.ris", text: RIS }]);
    await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "b.ris", text: RIS }]);
    const [first, second] = await db.import.findMany({ where: { reviewId: review.id }, orderBy: { createdAt: "asc" }, include: { records: true } });
    await db.screeningDecision.create({
      data: { reviewId: review.id, recordId: second.records[0].id, stage: "TITLE_ABSTRACT", reviewerId: reviewer.id, decision: "INCLUDE", firstDecision: "INCLUDE" },
    });
    await writeTransaction((tx) => undoImport(tx, owner.id, review.id, first.id));
    await expect(writeTransaction((tx) => undoImport(tx, owner.id, review.id, second.id))).rejects.toThrow(/cannot be undone/);
    expect(await db.record.count({ where: { reviewId: review.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "Import", action: "undo" } })).toBe(1);
  });
});

describe("search corrections", () => {
  it("updates a search with an audit trail and deletes only a search without imports", async () => {
    const { review, search, owner } = await setup(10);
    const { updateSearch, deleteSearch } = await import("@/lib/imports/mutations");
    const { searchFieldsSchema } = await import("@/lib/imports/schema");
    await writeTransaction((tx) => updateSearch(tx, owner.id, review.id, search.id, searchFieldsSchema.parse({ database: "Embase", reportedHits: "2" })));
    expect(await db.search.findUniqueOrThrow({ where: { id: search.id } })).toMatchObject({ reportedHits: 2, database: "Embase" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entity: "Search", action: "update", entityId: search.id } });
    expect(audit.before).toMatchObject({ reportedHits: 10 });

    await upload(review.slug, { searchId: search.id, mode: "commit" }, [{ name: "a.ris", text: RIS }]);
    await expect(writeTransaction((tx) => deleteSearch(tx, owner.id, review.id, search.id))).rejects.toThrow(/Undo this search's import/);
    const empty = await db.search.create({ data: { reviewId: review.id, database: "Scopus" } });
    await writeTransaction((tx) => deleteSearch(tx, owner.id, review.id, empty.id));
    expect(await db.search.count({ where: { reviewId: review.id } })).toBe(1);
  });
});
