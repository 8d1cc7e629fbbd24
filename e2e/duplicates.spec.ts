import path from "node:path";
import { test, expect, createTestUser, createTestReview, login, keysListening } from "./fixtures";

// Two small exports of the same search topic (project-authored): one paper is in both with the
// same DOI (certain), one is in both with a slightly different title and no DOI (possible).
const PUBMED = path.join(import.meta.dirname, "data/dedup-pubmed.ris");
const EMBASE = path.join(import.meta.dirname, "data/dedup-embase.ris");

test("an owner imports two overlapping exports, runs detection, decides a pair by keyboard and undoes a merge", async ({ page }) => {
  const owner = await createTestUser("Deduplicator");
  const review = await createTestReview(owner);
  await login(page, owner);
  await page.goto(`/reviews/${review.slug}/identification`);

  for (const [database, file] of [["PubMed", PUBMED], ["Embase", EMBASE]] as const) {
    const searchForm = page.getByRole("form", { name: "Log a search" });
    await searchForm.getByLabel("Database, register or method").fill(database);
    await searchForm.getByRole("button", { name: "Log search" }).click();
    const search = page.getByTestId(`search-${database}`);
    await search.getByLabel(`Export files from ${database}`).setInputFiles(file);
    await search.getByRole("button", { name: "Preview" }).click();
    await search.getByRole("button", { name: "Import 3 records" }).click();
    await expect(search.getByTestId("import-status")).toHaveText("Imported 3 records from 1 file.");
  }
  await expect(page.getByTestId("dedup-prompt")).toContainText("6 records not yet checked for duplicates");
  await page.getByTestId("dedup-prompt").getByRole("link", { name: "run duplicate detection" }).click();

  await expect(page.getByRole("heading", { name: "Duplicates", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Run duplicate detection" }).click();
  await expect(page.getByTestId("run-detection").getByRole("status")).toHaveText("Compared 6 new records: 1 group merged or extended, 1 possible pair queued.");
  await expect(page.getByTestId("count-certain")).toHaveText("1");
  await expect(page.getByTestId("count-possible")).toHaveText("1");
  await expect(page.getByText("6 records; 5 remain for screening.")).toBeVisible();

  // The merged group keeps both records, one of them primary, with the ISSN filled from Embase.
  const group = page.getByTestId("duplicate-group");
  await expect(group).toHaveCount(1);
  await expect(group).toContainText("Treadmill training improves gait speed");
  await expect(group).toContainText("filled into the primary: issn");
  await expect(group.getByText("primary", { exact: true })).toHaveCount(1);

  // The possible pair, side by side, with the differing title highlighted and the keys on screen.
  const pair = page.getByTestId("pair-review");
  await expect(pair).toContainText("Vitamin D supplementation and falls in care-home residents");
  await expect(pair).toContainText("Vitamin D supplementation and falls in care home residents");
  await expect(pair.getByRole("row", { name: /Title/ })).toHaveAttribute("data-differs", "true");
  await expect(pair.getByRole("row", { name: /^Year/ })).not.toHaveAttribute("data-differs", "true");
  await expect(pair).toContainText("s same · d different");
  await keysListening(page);
  await page.keyboard.press("s");
  await expect(page.getByTestId("no-pairs")).toBeVisible();
  await expect(page.getByTestId("count-manual")).toHaveText("1");
  await expect(page.getByTestId("count-resolved")).toHaveText("1");
  await expect(page.getByTestId("duplicate-group")).toHaveCount(2);

  // Undo the automatic merge: both records are unique again, and the decision is remembered.
  const automatic = page.getByTestId("duplicate-group").filter({ hasText: "Treadmill training" });
  await automatic.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByTestId("duplicate-group")).toHaveCount(1);
  await expect(page.getByTestId("count-certain")).toHaveText("0");
  await expect(page.getByTestId("count-resolved")).toHaveText("2");
  await expect(page.getByText("6 records; 5 remain for screening.")).toBeVisible();

  // A re-run has nothing new to compare and does not merge the undone pair again.
  await page.getByRole("button", { name: "Run duplicate detection" }).click();
  await expect(page.getByTestId("run-detection").getByRole("status")).toHaveText("Compared 0 new records: 0 groups merged or extended, 0 possible pairs queued.");
  await expect(page.getByTestId("count-certain")).toHaveText("0");
});
