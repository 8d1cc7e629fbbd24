import { db } from "@/lib/db";
import { FIELD_LABELS } from "@/lib/flow/fields";
import { test, expect, createTestUser, createTestReview, login } from "./fixtures";
import type { Page } from "@playwright/test";

/** A box's text as a reader sees it: its wrapped lines joined by spaces (SVG text has no wrapping of its own). */
const boxText = (page: Page, field: string) => () =>
  page.getByTestId("prisma-diagram").locator(`[data-field="${field}"] text`).allTextContents().then((lines) => lines.join(" "));

/** A small screened review: PubMed (3 hits) → 1 excluded at title/abstract → 2 assessed → 1 excluded, 1 included. */
async function seedScreenedReview(reviewId: string, ownerId: string) {
  const search = await db.search.create({ data: { reviewId, kind: "DATABASE", database: "PubMed", reportedHits: 3 } });
  const imp = await db.import.create({ data: { reviewId, searchId: search.id, fileName: "pubmed.nbib", format: "medline", encoding: "utf-8", recordCount: 3, warnings: [], createdById: ownerId } });
  const records = await Promise.all([0, 1, 2].map((i) => db.record.create({ data: { reviewId, importId: imp.id, position: i, title: `Record ${i}`, authors: [], keywords: [], mesh: [], raw: {} } })));
  const reason = await db.exclusionReason.findFirstOrThrow({ where: { reviewId, label: "Wrong population" } });
  const resolve = (recordId: string, stage: string, outcome: string, reasonId: string | null = null) =>
    db.screeningResolution.create({ data: { reviewId, recordId, stage, outcome, reasonId, method: "AGREEMENT" } });
  await resolve(records[0].id, "TITLE_ABSTRACT", "EXCLUDE");
  await resolve(records[1].id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(records[2].id, "TITLE_ABSTRACT", "INCLUDE");
  await resolve(records[1].id, "FULL_TEXT", "EXCLUDE", reason.id);
  await resolve(records[2].id, "FULL_TEXT", "INCLUDE");
}

test("an owner sees the live flow, enters a count the data cannot know, sees the check fail, and exports the diagram", async ({ page }) => {
  const owner = await createTestUser("Flow Owner");
  const review = await createTestReview(owner);
  await seedScreenedReview(review.id, owner.id);
  await login(page, owner);

  await page.goto(`/reviews/${review.slug}`);
  await page.getByRole("link", { name: "PRISMA flow" }).click();
  const diagram = page.getByTestId("prisma-diagram");
  await expect(diagram.locator("svg")).toBeVisible();
  await expect.poll(boxText(page, "records_screened")).toBe("Records screened (n = 3)");
  await expect.poll(boxText(page, "dbr_excluded")).toContain("Wrong population (n = 1)");
  await expect.poll(boxText(page, "new_studies")).toContain("New studies included in review (n = 1)");
  await expect(page.getByRole("heading", { name: /Consistency checks/ })).toContainText("all pass");
  // Each box links to the records it counts.
  await expect(diagram.locator('a[href$="/records?box=records_screened"]').first()).toBeAttached();

  const form = page.getByRole("form", { name: "Counts entered by hand" });
  await form.getByLabel(FIELD_LABELS.excluded_automatic, { exact: true }).fill("2");
  await form.getByRole("button", { name: "Save counts" }).click();
  await expect(form.getByRole("status")).toHaveText("Counts saved.");
  await expect.poll(boxText(page, "duplicates")).toContain("(n = 2\u2020)");
  // PubMed reported 3 hits and all 3 were screened, so 2 removals cannot be right: shown, not fixed.
  await expect(page.locator('[data-check="screened"]')).toHaveAttribute("data-ok", "false");
  await expect.poll(boxText(page, "records_screened")).toBe("Records screened (n = 3)");

  for (const [format, type] of [["svg", "image/svg+xml"], ["png", "image/png"], ["pdf", "application/pdf"], ["csv", "text/csv"]] as const) {
    const response = await page.request.get(`/reviews/${review.slug}/prisma/export/${format}`);
    expect(response.status(), format).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
    const body = await response.body();
    if (format === "pdf") expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    if (format === "csv") expect(body.toString()).toContain("records_screened,node9,box4");
  }
  // A box's records download as the list shows them, through the streamed records export.
  const excluded = await page.request.get(`/reviews/${review.slug}/records/export?box=dbr_excluded&format=csv`);
  expect(excluded.headers()["content-disposition"]).toContain(`${review.slug}-all.csv`);
  const lines = (await excluded.text()).trimEnd().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^Record 1,.*,PubMed,,INCLUDE,EXCLUDE,Wrong population$/);
  // The exports open in the browser: the SVG renders, the PNG decodes.
  await page.goto(`/reviews/${review.slug}/prisma/export/svg`);
  await expect(page.locator("svg")).toBeVisible();
  await page.goto(`/reviews/${review.slug}/prisma/export/png`);
  expect(await page.locator("img").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(1000);
});

test("typing the 001 seed's numbers in manual mode reproduces its flow and passes the checks", async ({ page }) => {
  const owner = await createTestUser("Manual Owner");
  const review = await createTestReview(owner);
  await login(page, owner);
  await page.goto(`/reviews/${review.slug}/prisma`);
  await page.getByRole("button", { name: "Switch to manual mode" }).click();
  await expect(page.getByTestId("flow-mode")).toContainText("Manual mode");

  const form = page.getByRole("form", { name: "Counts entered by hand" });
  const type = (field: keyof typeof FIELD_LABELS, value: string) => form.getByLabel(FIELD_LABELS[field], { exact: true }).fill(value);
  await type("database_specific_results", "PubMed, 380\nEmbase, 436\nWeb of Science, 1,145\nCochrane Library, 6");
  await type("duplicates", "726");
  await type("records_screened", "1,241");
  await type("records_excluded", "1204");
  await type("dbr_sought_reports", "37");
  await type("dbr_assessed", "37");
  await type("dbr_excluded", "Non-single interventions, unreported outcomes or data extraction issues, 20");
  await type("new_studies", "17");
  await type("new_reports", "17");
  await form.getByRole("button", { name: "Save counts" }).click();
  await expect(form.getByRole("status")).toHaveText("Counts saved.");

  await expect.poll(boxText(page, "database_results")).toContain("Databases (n = 1,967)");
  await expect.poll(boxText(page, "database_results")).toContain("Web of Science (n = 1,145)");
  await expect.poll(boxText(page, "duplicates")).toContain("Duplicate records (n = 726)");
  await expect.poll(boxText(page, "records_screened")).toBe("Records screened (n = 1,241)");
  await expect.poll(boxText(page, "records_excluded")).toBe("Records excluded (n = 1,204)");
  await expect.poll(boxText(page, "dbr_assessed")).toContain("(n = 37)");
  await expect.poll(boxText(page, "dbr_excluded")).toContain("(n = 20)");
  await expect.poll(boxText(page, "new_studies")).toContain("(n = 17)");
  await expect(page.getByRole("heading", { name: /Consistency checks/ })).toContainText("all pass");
});

test("a reviewer sees the diagram but not the owner's forms", async ({ page }) => {
  const owner = await createTestUser("Flow Owner 2");
  const reviewer = await createTestUser("Flow Reviewer");
  const review = await createTestReview(owner);
  await db.membership.create({ data: { reviewId: review.id, userId: reviewer.id, role: "REVIEWER" } });
  await login(page, reviewer);
  await page.goto(`/reviews/${review.slug}/prisma`);
  await expect(page.getByTestId("prisma-diagram").locator("svg")).toBeVisible();
  await expect(page.getByRole("form", { name: "Counts entered by hand" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Switch to manual mode" })).toHaveCount(0);
});
