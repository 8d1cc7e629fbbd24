import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, createTestUser, createTestReview, addRoles, login, type TestUser } from "./fixtures";
import { db } from "@/lib/db";

const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-e2e-extraction-"));
const sieve = (args: string[]) => execFileSync("npm", ["run", "--silent", "sieve", "--", ...args], { env: { ...process.env, DATABASE_URL: process.env.SIEVE_E2E_DATABASE_URL }, encoding: "utf8" });

async function open(browser: Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

/** One reviewer's extraction of Hu 2020 in the preclinical form: the treated group's SD as `sd`. */
async function extractHu(page: Page, sd: string) {
  await page.getByRole("link", { name: "Extract Hu 2020" }).click();
  await expect(page.getByRole("heading", { name: "Extract: Hu 2020" })).toBeVisible();
  await page.getByLabel("First author", { exact: true }).fill("Hu");
  await page.getByLabel("Year of publication", { exact: true }).fill("2020");
  await page.getByLabel("Species", { exact: true }).selectOption("Rat");
  await page.getByLabel("Sex", { exact: true }).selectOption("Female");
  await page.getByLabel("Model", { exact: true }).fill("Ovariectomy");
  await page.getByLabel("EV source (cell type and tissue)", { exact: true }).fill("BMSC");
  await page.getByLabel("Route of administration", { exact: true }).selectOption("Intravenous");
  await page.getByRole("button", { name: "Add experiment" }).click();
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByLabel("Group 1 name").fill("OVX + EV");
  await page.getByLabel("Group 2 name").fill("OVX + PBS");
  await page.getByLabel("OVX + PBS is a control").check();
  await page.getByLabel("OVX + EV n", { exact: true }).fill("6");
  await page.getByLabel("OVX + PBS n", { exact: true }).fill("6");
  await page.getByRole("button", { name: "Add comparison" }).click();
  await expect(page.getByLabel("Comparison 1 label")).toHaveValue("OVX + EV vs OVX + PBS");
  await page.getByLabel("Outcome for a new data table").selectOption("MAR");
  await page.getByLabel("Time point for a new data table").fill("8 w");
  await page.getByRole("button", { name: "Add outcome data" }).click();
  const cell = (group: string, stat: string) => page.getByLabel(`${group} MAR 8 w ${stat}`, { exact: true });
  await cell("OVX + EV", "n").fill("6");
  await cell("OVX + EV", "Mean").fill("2.1");
  await cell("OVX + EV", "SD").fill(sd);
  await cell("OVX + PBS", "n").fill("6");
  await cell("OVX + PBS", "Mean").fill("1.2");
  await cell("OVX + PBS", "SD").fill("0.3");
  await expect(page.getByText("as reported").first()).toBeVisible();
  await page.getByRole("button", { name: "Submit extraction" }).click();
  await expect(page.getByTestId("extraction-status")).toHaveText("Submitted.");
}

test("an owner builds the preclinical form; two blinded reviewers extract, one copies an SEM as an SD; consensus settles it and the export feeds sieve meta", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await createTestUser("Extraction Owner");
  const alice = await createTestUser("Alice Extractor");
  const bob = await createTestUser("Bob Extractor");
  const review = await createTestReview(owner);
  await addRoles(review.id, alice, ["REVIEWER"]);
  await addRoles(review.id, bob, ["REVIEWER"]);
  await db.study.create({ data: { reviewId: review.id, label: "Hu 2020" } });
  const base = `/reviews/${review.slug}/extraction`;

  // The owner defines the outcome and starts the form from the preclinical template.
  const ownerPage = await open(browser, owner, `${base}/form`);
  const add = ownerPage.getByRole("form", { name: "Add an outcome" });
  await add.getByLabel("Outcome", { exact: true }).fill("MAR");
  await add.getByLabel("Unit", { exact: true }).fill("µm/day");
  await add.getByRole("button", { name: "Add outcome" }).click();
  await expect(add.getByRole("status")).toHaveText("Outcome added.");
  await ownerPage.getByRole("button", { name: "Start from “Preclinical intervention study (animal model)”" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Version 1" })).toBeVisible();
  await expect(ownerPage.getByLabel("Section 2 title")).toHaveValue("Animals");

  // A second study comes in from a spreadsheet, for both reviewers, through the CLI.
  const csv = path.join(dir, "ge.csv");
  writeFileSync(csv, "study,outcome,timepoint,group1,group2,m1i,se1i,n1i,m2i,sd2i,n2i,first_author,year,species,sex,model,ev_source,route\nGe 2021,MAR,8 w,EV,PBS,5.0,0.4,10,3.5,1.1,10,Ge,2021,mouse,Female,OVX,hUC-MSC,Intraperitoneal\n");
  sieve(["study", "add", "--review", review.slug, "--label", "Ge 2021", "--as", owner.email]);
  for (const who of [alice, bob]) expect(sieve(["extraction", "import", "--review", review.slug, "--as", who.email, "--submit", csv])).toContain("Stored 1 study");

  // Alice copies the SEM (0.5/√6 = 0.2041) into the SD box; Bob enters the SD.
  const alicePage = await open(browser, alice, base);
  await extractHu(alicePage, "0.2041");
  const bobPage = await open(browser, bob, base);
  await bobPage.getByRole("link", { name: "Extract Hu 2020" }).click();
  await expect(bobPage.getByRole("heading", { name: "Extract: Hu 2020" })).toBeVisible();
  // Blinded: nothing of Alice's entry reaches Bob's page before he submits.
  expect(await bobPage.content()).not.toContain("0.2041");
  await expect(bobPage.getByText(/differs from you/)).toHaveCount(0);
  await bobPage.goto(base);
  await extractHu(bobPage, "0.5");
  await bobPage.reload();
  await expect(bobPage.getByRole("heading", { name: /Alice Extractor \(submitted\) differs from you/ })).toBeVisible();

  // Reviewers do not reconcile.
  expect((await alicePage.request.get(`${base}/${(await db.study.findFirstOrThrow({ where: { reviewId: review.id, label: "Hu 2020" } })).id}/consensus`)).status()).toBe(404);

  await ownerPage.goto(base);
  await expect(ownerPage.getByTestId("extraction-agreement")).toContainText("fields agree");
  await ownerPage.getByRole("link", { name: "Consensus for Hu 2020" }).click();
  const row = ownerPage.getByTestId("disagreement");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("MAR @ 8 w › sd");
  await expect(row).toContainText("A probably entered an SEM as an SD");
  await row.getByLabel("B", { exact: true }).check();
  await row.getByLabel(/Note for/).fill("A copied the SEM");
  await ownerPage.getByRole("button", { name: "Finalise consensus" }).click();
  await expect(ownerPage.getByTestId("consensus-status")).toHaveText(/Consensus final/);
  await ownerPage.goto(base);
  await ownerPage.getByRole("link", { name: "Consensus for Ge 2021" }).click();
  await expect(ownerPage.getByTestId("disagreement")).toHaveCount(0);
  await ownerPage.getByRole("button", { name: "Finalise consensus" }).click();
  await expect(ownerPage.getByTestId("consensus-status")).toHaveText(/Consensus final/);

  // The app's export and the CLI's are the same file, and sieve meta reads it unchanged.
  const exported = await (await ownerPage.request.get(`${base}/export?set=consensus&format=csv`)).text();
  const file = path.join(dir, "consensus.csv");
  writeFileSync(file, exported);
  const cliFile = path.join(dir, "cli.csv");
  sieve(["extraction", "export", "--review", review.slug, "--consensus", "--out", cliFile, "--as", owner.email]);
  expect((await import("node:fs")).readFileSync(cliFile, "utf8")).toBe(exported);
  const result = JSON.parse(sieve(["meta", "--data", file, "--measure", "SMD", "--method", "REML", "--json"]));
  // The same two studies with Ge's SD converted by hand (SD = SE·√n = 0.4·√10), in metafor's columns.
  const direct = path.join(dir, "direct.csv");
  writeFileSync(direct, `study,m1i,sd1i,n1i,m2i,sd2i,n2i\nHu 2020,2.1,0.5,6,1.2,0.3,6\nGe 2021,5.0,${0.4 * Math.sqrt(10)},10,3.5,1.1,10\n`);
  const expected = JSON.parse(sieve(["meta", "--data", direct, "--measure", "SMD", "--method", "REML", "--json"]));
  expect(result.k).toBe(2);
  expect(result.estimate).toBeCloseTo(expected.estimate, 10);
  expect(result.conversions).toEqual([expect.objectContaining({ study: "Ge 2021", arm: "treatment", from: "SE" })]);
});
