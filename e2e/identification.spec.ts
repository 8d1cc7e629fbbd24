import path from "node:path";
import { test, expect, createTestUser, createTestReview, login } from "./fixtures";

test("an owner logs a search, previews and imports an export, then finds and exports the records", async ({ page }) => {
  const owner = await createTestUser("Importer");
  const review = await createTestReview(owner);
  await login(page, owner);
  await page.goto(`/reviews/${review.slug}/identification`);

  const searchForm = page.getByRole("form", { name: "Log a search" });
  await searchForm.getByLabel("Database, register or method").fill("Embase");
  await searchForm.getByLabel("Platform or interface").fill("Embase.com");
  await searchForm.getByLabel("Date run").fill("2025-01-10");
  await searchForm.getByLabel("Hits reported").fill("3");
  await searchForm.getByRole("button", { name: "Log search" }).click();
  const search = page.getByTestId("search-Embase");
  await expect(search).toBeVisible();

  // A file that is not an export is refused, naming the problem, and nothing is written.
  await search.getByLabel("Export files from Embase").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Just some notes\nabout the search\n") });
  await search.getByRole("button", { name: "Preview" }).click();
  await expect(search.getByRole("alert")).toContainText("notes.txt: line 1: unrecognised format");

  await search.getByLabel("Export files from Embase").setInputFiles(path.join(import.meta.dirname, "data/two-records.ris"));
  await search.getByRole("button", { name: "Preview" }).click();
  const preview = search.getByTestId("import-preview");
  await expect(preview).toContainText("two-records.ris: 2 records · ris · utf-8");
  await expect(preview).toContainText("Embase reported 3 hits");
  await expect(preview).toContainText("Exosomes from bone marrow stromal cells");
  await search.getByRole("button", { name: "Import 2 records" }).click();
  await expect(search.getByTestId("import-status")).toHaveText("Imported 2 records from 1 file.");
  await expect(search.getByRole("alert").filter({ hasText: "reported 3 hits but 2 records" })).toBeVisible();

  // The owner mistyped the hit count: correcting it clears the warning.
  await search.getByText("Edit this search").click();
  const edit = search.getByRole("form", { name: "Edit the Embase search" });
  await edit.getByLabel("Hits reported").fill("2");
  await edit.getByRole("button", { name: "Save search" }).click();
  await expect(edit.getByRole("status")).toHaveText("Search updated.");
  await expect(search.getByRole("alert").filter({ hasText: "reported 3 hits" })).toHaveCount(0);

  await page.getByRole("link", { name: "Records" }).first().click();
  await expect(page.getByTestId("records-total")).toHaveText("2 records");
  await page.getByLabel("Search", { exact: true }).fill("moreau");
  await page.getByLabel("Search in").selectOption("author");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("records-total")).toHaveText("1 record");
  await expect(page.getByRole("cell", { name: "A cohort of older women with hip fracture" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "RIS", exact: true }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString("utf8")).toContain("TI  - A cohort of older women with hip fracture");
});
