import { test, expect, createTestUser, login } from "./fixtures";

test("an owner creates a review, adds a colleague, and an outsider gets 404", async ({ page, browser }) => {
  const owner = await createTestUser("Owner");
  const colleague = await createTestUser("Colleague");
  const outsider = await createTestUser("Outsider");
  await login(page, owner);

  await page.goto("/reviews");
  await page.getByRole("link", { name: "New review" }).click();
  const title = `Statins and stroke ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Review question").fill("Do statins reduce stroke in adults?");
  await page.getByRole("button", { name: "Create review" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Workflow" })).toBeVisible();
  await expect(page.getByTestId("stage-1")).toContainText("Identification");
  await expect(page.getByTestId("stage-6")).toContainText("Results");
  const reviewUrl = page.url();

  await page.getByRole("link", { name: "Members", exact: true }).click();
  const addForm = page.getByRole("form", { name: "Add a member" });
  await addForm.getByLabel("Their e-mail").fill(colleague.email);
  await addForm.getByLabel("Adjudicator").check();
  await addForm.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByText(`${colleague.name} added.`)).toBeVisible();
  await expect(page.getByTestId(`member-${colleague.email}`)).toBeVisible();

  // The last owner cannot remove themselves.
  await page.getByRole("form", { name: `Remove ${owner.name}` }).getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("A review needs at least one owner")).toBeVisible();

  const colleaguePage = await (await browser.newContext()).newPage();
  await login(colleaguePage, colleague);
  await colleaguePage.goto(reviewUrl);
  await expect(colleaguePage.getByRole("heading", { name: title })).toBeVisible();

  const outsiderPage = await (await browser.newContext()).newPage();
  await login(outsiderPage, outsider);
  const response = await outsiderPage.goto(reviewUrl);
  expect(response?.status()).toBe(404);
  await expect(outsiderPage.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("an owner edits the protocol and the change is in the audit log", async ({ page }) => {
  const owner = await createTestUser("Protocol Owner");
  await login(page, owner);
  await page.goto("/reviews/new");
  await page.getByLabel("Title").fill(`Protocol test ${Date.now()}`);
  await page.getByRole("button", { name: "Create review" }).click();
  // Exact: the header's account link carries the owner's name, "Protocol Owner".
  await page.getByRole("link", { name: "Protocol", exact: true }).click();
  await page.getByLabel("Population", { exact: true }).fill("Adult rats with ovariectomy-induced osteoporosis");
  await page.getByRole("button", { name: "Save protocol" }).click();
  await expect(page.getByText("Protocol saved.")).toBeVisible();
  const addReason = page.getByRole("form", { name: "Add an exclusion reason" });
  await addReason.getByLabel("New reason").fill("No control group");
  await addReason.getByRole("button", { name: "Add reason" }).click();
  await expect(addReason.getByRole("status")).toHaveText("Reason added.");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("cell", { name: "Protocol", exact: true })).toBeVisible();
  await expect(page.getByText(/No control group/)).toBeVisible();
});
