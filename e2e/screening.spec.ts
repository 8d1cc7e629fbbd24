import { test, expect, createTestUser, createTestReview, addRoles, login, pressOnShown, type TestUser } from "./fixtures";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";

async function makeRecord(reviewId: string, position: number, title: string, abstract = "") {
  return db.record.create({
    data: { reviewId, position, title, abstract, authors: [{ family: "Hart", given: "A", normalized: "hart a" }], year: 2019, journal: "Bone", keywords: ["rat"], mesh: [], raw: {} },
  });
}

async function team() {
  const owner = await createTestUser("Screen Owner");
  const alice = await createTestUser("Alice Reviewer");
  const bob = await createTestUser("Bob Reviewer");
  const judge = await createTestUser("Judy Adjudicator");
  const review = await createTestReview(owner);
  await addRoles(review.id, alice, ["REVIEWER"]);
  await addRoles(review.id, bob, ["REVIEWER"]);
  await addRoles(review.id, judge, ["ADJUDICATOR"]);
  return { owner, alice, bob, judge, review };
}

async function open(browser: import("@playwright/test").Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

const record = (page: Page) => page.getByTestId("record");

/** Moves back with ← until the given record is shown (each reviewer's order is their own). */
async function backTo(page: Page, recordId: string) {
  for (let i = 0; i < 5 && (await record(page).getAttribute("data-record-id")) !== recordId; i++) await pressOnShown(page, "ArrowLeft");
  await expect(record(page)).toHaveAttribute("data-record-id", recordId);
}

test("two blinded reviewers screen the same records by keyboard, one conflict arises and the adjudicator settles it", async ({ browser }) => {
  const { alice, bob, judge, review } = await team();
  const alpha = await makeRecord(review.id, 0, "Alpha: alendronate in ovariectomised rats", "Rats received alendronate; a mouse arm was in vitro.");
  const beta = await makeRecord(review.id, 1, "Beta: bone density in mice", "Rats and mice, partly in vitro.");
  await db.review.update({ where: { id: review.id }, data: { settings: { titleAbstract: { reviewersPerRecord: 2, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 2, blinded: true, allowMaybe: false }, highlightInclude: ["rat*"], highlightExclude: ["in vitro"] } } });
  const url = `/reviews/${review.slug}/screening/title-abstract`;

  // Alice screens with the keyboard only: "i" on each record.
  const a = await open(browser, alice, url);
  await expect(a.getByRole("region", { name: "Keyboard shortcuts" })).toContainText("include");
  await expect(a.locator('mark[data-highlight="include"]').first()).toBeVisible();
  await expect(a.locator('mark[data-highlight="exclude"]').first()).toHaveText("in vitro");
  for (let n = 0; n < 2; n++) {
    const before = await record(a).getAttribute("data-record-id");
    await pressOnShown(a, "i");
    if (n < 1) await expect(record(a)).not.toHaveAttribute("data-record-id", before!);
  }
  await expect(a.getByTestId("queue-empty")).toBeVisible();
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: alice.id } })).toBe(2);
  // Undo brings the last record back; deciding it again restores the vote.
  await a.keyboard.press("u"); // the queue is empty, so nothing is shown; the page is long hydrated
  await expect(record(a)).toBeVisible();
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: alice.id } })).toBe(1);
  await pressOnShown(a, "i");
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: alice.id } })).toBe(2);

  // Bob sees both records with no trace of Alice's votes; he includes Alpha and excludes Beta.
  const b = await open(browser, bob, url);
  for (let n = 0; n < 2; n++) {
    await expect(record(b)).toBeVisible();
    await expect(b.getByTestId("other-vote")).toHaveCount(0);
    await expect(b.getByText("Alice Reviewer")).toHaveCount(0);
    const title = await record(b).getByRole("heading").textContent();
    const before = await record(b).getAttribute("data-record-id");
    await pressOnShown(b, title?.startsWith("Alpha") ? "i" : "e");
    if (n < 1) await expect(record(b)).not.toHaveAttribute("data-record-id", before!);
  }
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: bob.id } })).toBe(2);
  expect(await db.screeningResolution.findFirst({ where: { recordId: alpha.id } })).toMatchObject({ outcome: "INCLUDE", method: "AGREEMENT" });

  // Beta is a conflict: still blinded for Bob when he goes back to it after a reload.
  await b.reload();
  await backTo(b, beta.id);
  await expect(b.getByTestId("my-vote")).toContainText("Exclude");
  await expect(b.getByTestId("other-vote")).toHaveCount(0);
  // Reviewers cannot open the conflicts page.
  expect((await b.request.get(`/reviews/${review.slug}/screening/conflicts`)).status()).toBe(404);

  // The adjudicator sees both votes and includes Beta with a note.
  const j = await open(browser, judge, `/reviews/${review.slug}/screening/conflicts`);
  const conflict = j.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("Alice Reviewer: Include");
  await expect(conflict).toContainText("Bob Reviewer: Exclude");
  await conflict.getByLabel("Include").check();
  await conflict.getByLabel("Adjudication note").fill("Mice are in scope per protocol v2");
  await conflict.getByRole("button", { name: "Resolve" }).click();
  await expect(j.getByTestId("conflict")).toHaveCount(0);
  expect(await db.screeningResolution.findFirst({ where: { recordId: beta.id } })).toMatchObject({ outcome: "INCLUDE", method: "ADJUDICATION", note: "Mice are in scope per protocol v2" });

  // Resolved: now Bob may see Alice's vote, and his own is locked.
  await b.reload();
  await backTo(b, beta.id);
  await expect(b.getByTestId("other-vote")).toContainText("Alice Reviewer: Include");
  await expect(b.getByTestId("resolution")).toContainText("adjudication");
});

test("a full-text exclusion needs a reason, and the PDF is checked and served to members only", async ({ page, browser }) => {
  const { alice, review } = await team();
  const outsider = await createTestUser("Outsider");
  const rec = await makeRecord(review.id, 0, "Gamma: full-text candidate");
  await db.screeningResolution.create({ data: { reviewId: review.id, recordId: rec.id, stage: "TITLE_ABSTRACT", outcome: "INCLUDE", method: "AGREEMENT" } });
  await login(page, alice);
  await page.goto(`/reviews/${review.slug}/screening/full-text`);
  await expect(record(page)).toHaveAttribute("data-record-id", rec.id);

  await pressOnShown(page, "e");
  await expect(page.getByRole("complementary", { name: "Decision" }).getByRole("alert")).toHaveText("Choose a reason (1–9) to exclude at full text.");
  expect(await db.screeningDecision.count({ where: { recordId: rec.id } })).toBe(0);

  // Attach a PDF: a text file is refused; a real PDF appears beside the form.
  const upload = page.getByRole("form", { name: "Upload full text" });
  await upload.getByLabel(/PDF/).setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf") });
  await upload.getByRole("button", { name: "Upload PDF" }).click();
  await expect(page.getByText("This file is not a PDF.")).toBeVisible();
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
  await upload.getByLabel(/PDF/).setInputFiles({ name: "gamma.pdf", mimeType: "application/pdf", buffer: pdf });
  await upload.getByRole("button", { name: "Upload PDF" }).click();
  await expect(page.getByTitle("Full text of Gamma: full-text candidate")).toBeVisible();
  const pdfUrl = `/reviews/${review.slug}/screening/full-text/${rec.id}/pdf`;
  const served = await page.request.get(pdfUrl);
  expect(served.headers()["content-type"]).toBe("application/pdf");
  const other = await open(browser, outsider, "/reviews");
  expect((await other.request.get(pdfUrl)).status()).toBe(404);

  // With reason 1 chosen by keyboard, the exclusion goes through (focus back from the PDF viewer first).
  await record(page).getByRole("heading").click();
  await pressOnShown(page, "1");
  await pressOnShown(page, "e");
  await expect.poll(() => db.screeningDecision.findFirst({ where: { recordId: rec.id }, select: { decision: true, reasonId: true } })).toMatchObject({ decision: "EXCLUDE", reasonId: expect.any(String) });
});

test("the JSON screening API goes through the same gate as the actions", async ({ request, browser }) => {
  const { alice, judge, review } = await team();
  const outsider = await createTestUser("Api Outsider");
  const rec = await makeRecord(review.id, 0, "Delta");
  const api = `/api/reviews/${review.slug}/screening`;
  expect((await request.get(`${api}/next?stage=TITLE_ABSTRACT`)).status()).toBe(401);
  const outsiderPage = await open(browser, outsider, "/reviews");
  expect((await outsiderPage.request.get(`${api}/next?stage=TITLE_ABSTRACT`)).status()).toBe(404);
  const judgePage = await open(browser, judge, "/reviews");
  expect((await judgePage.request.post(`${api}/decide`, { data: { stage: "TITLE_ABSTRACT", recordId: rec.id, decision: "INCLUDE" } })).status()).toBe(403);
  const alicePage = await open(browser, alice, "/reviews");
  const bad = await alicePage.request.post(`${api}/decide`, { data: { stage: "TITLE_ABSTRACT", recordId: rec.id, decision: "PERHAPS" } });
  expect(bad.status()).toBe(422);
  const ok = await alicePage.request.post(`${api}/decide`, { data: { stage: "TITLE_ABSTRACT", recordId: rec.id, decision: "INCLUDE" } });
  expect(await ok.json()).toMatchObject({ ok: true, data: { resolved: false, next: [] } });
});
