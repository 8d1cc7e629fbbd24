/**
 * The whole journey as one story (issue 14 point 3), through the pages only, on a real server and
 * real SQLite: an owner creates a review, adds two reviewers and an adjudicator, imports a RIS and
 * a MEDLINE file, resolves a possible duplicate; the reviewers screen titles and abstracts blinded
 * and the adjudicator settles the conflict; a full text is attached and excluded with a reason at
 * full text; the PRISMA diagram shows the counts; two reviewers extract one study in the
 * preclinical form and the owner builds the consensus. The database is read only to check.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, createTestUser, login, type TestUser } from "./fixtures";
import { db } from "@/lib/db";

test.describe.configure({ timeout: 240_000 });

const EMBASE = path.join(import.meta.dirname, "data/journey-embase.ris");
const PUBMED = path.join(import.meta.dirname, "data/journey-pubmed.nbib");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

async function open(browser: Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

const record = (page: Page) => page.getByTestId("record");

/** Screens the queue by keyboard until it is empty; `keys` names the keys for a record from its title. */
async function screenAll(page: Page, keys: (title: string) => string[], before?: (title: string) => Promise<void>) {
  for (let n = 0; n < 10; n++) {
    const item = record(page);
    const empty = page.getByTestId("queue-empty");
    await expect(item.or(empty).first()).toBeVisible();
    if (await empty.isVisible()) return;
    const id = await item.getAttribute("data-record-id");
    const title = (await item.getByRole("heading").first().textContent()) ?? "";
    await before?.(title);
    await item.getByRole("heading").first().click();
    for (const key of keys(title)) await page.keyboard.press(key);
    await expect(empty.or(page.locator(`[data-testid="record"]:not([data-record-id="${id}"])`)).first()).toBeVisible();
  }
  throw new Error("The queue did not empty");
}

const boxText = (page: Page, field: string) => () =>
  page.getByTestId("prisma-diagram").locator(`[data-field="${field}"] text`).allTextContents().then((lines) => lines.join(" "));

test("an owner runs a review from import to consensus extraction through the pages", async ({ browser }) => {
  const owner = await createTestUser("Journey Owner");
  const alice = await createTestUser("Alice Journey");
  const bob = await createTestUser("Bob Journey");
  const judy = await createTestUser("Judy Journey");
  const title = `MSC vesicles in osteoporosis ${Date.now()}`;

  // 1. The owner creates the review and adds the team.
  const o = await open(browser, owner, "/reviews/new");
  await o.getByLabel("Title").fill(title);
  await o.getByRole("button", { name: "Create review" }).click();
  await expect(o.getByRole("heading", { name: title })).toBeVisible();
  const base = new URL(o.url()).pathname;
  await o.getByRole("link", { name: "Members" }).click();
  for (const [user, role] of [[alice, "Reviewer"], [bob, "Reviewer"], [judy, "Adjudicator"]] as const) {
    const add = o.getByRole("form", { name: "Add a member" });
    await add.getByLabel("Their e-mail").fill(user.email);
    // "Reviewer" is ticked by default.
    if (role === "Adjudicator") {
      await add.getByLabel("Reviewer", { exact: true }).uncheck();
      await add.getByLabel("Adjudicator", { exact: true }).check();
    }
    await add.getByRole("button", { name: "Add member" }).click();
    await expect(o.getByText(`${user.name} added.`)).toBeVisible();
    await expect(o.getByTestId(`member-${user.email}`)).toBeVisible();
  }

  // 2. Two searches, a RIS export from Embase and a MEDLINE export from PubMed.
  await o.goto(`${base}/identification`);
  for (const [database, file, n] of [["Embase", EMBASE, 3], ["PubMed", PUBMED, 2]] as const) {
    const log = o.getByRole("form", { name: "Log a search" });
    await log.getByLabel("Database, register or method").fill(database);
    await log.getByLabel("Hits reported").fill(String(n));
    await log.getByRole("button", { name: "Log search" }).click();
    const search = o.getByTestId(`search-${database}`);
    await search.getByLabel(`Export files from ${database}`).setInputFiles(file);
    await search.getByRole("button", { name: "Preview" }).click();
    await search.getByRole("button", { name: `Import ${n} records` }).click();
    await expect(search.getByTestId("import-status")).toHaveText(`Imported ${n} records from 1 file.`);
  }

  // 3. Duplicate detection queues one possible pair (the same mouse study in both); the owner says "same".
  await o.goto(`${base}/duplicates`);
  await o.getByRole("button", { name: "Run duplicate detection" }).click();
  await expect(o.getByTestId("count-possible")).toHaveText("1");
  const pair = o.getByTestId("pair-review");
  await expect(pair).toContainText("Umbilical cord vesicles and bone mineral density in ovariectomised mice");
  await expect(pair).toContainText("Umbilical cord vesicles and bone mineral density in ovariectomized mice");
  await o.keyboard.press("s");
  await expect(o.getByTestId("no-pairs")).toBeVisible();
  await expect(o.getByText("5 records; 4 remain for screening.")).toBeVisible();

  // 4. Blinded title/abstract screening: they agree on three records and disagree on the rat glucocorticoid study.
  const ta = `${base}/screening/title-abstract`;
  const a = await open(browser, alice, ta);
  await screenAll(a, (t) => [t.startsWith("A narrative review") ? "e" : "i"]);
  const b = await open(browser, bob, ta);
  await expect(record(b)).toBeVisible();
  await expect(b.getByTestId("other-vote")).toHaveCount(0);
  await expect(b.getByText("Alice Journey")).toHaveCount(0);
  await screenAll(b, (t) => [t.startsWith("A narrative review") || t.startsWith("Adipose stromal") ? "e" : "i"]);

  const j = await open(browser, judy, `${base}/screening/conflicts`);
  const conflict = j.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText("Adipose stromal vesicles");
  await expect(conflict).toContainText("Alice Journey: Include");
  await expect(conflict).toContainText("Bob Journey: Exclude");
  await conflict.getByLabel("Include").check();
  await conflict.getByLabel("Adjudication note").fill("Glucocorticoid osteoporosis is in scope");
  await conflict.getByRole("button", { name: "Resolve" }).click();
  await expect(j.getByTestId("conflict")).toHaveCount(0);

  // 5. Full text: Alice attaches the PDF of the glucocorticoid study; both exclude it with reason 1, include the others.
  const ft = `${base}/screening/full-text`;
  await a.goto(ft);
  const fullTextKeys = (t: string) => (t.startsWith("Adipose stromal") ? ["1", "e"] : ["i"]);
  await screenAll(a, fullTextKeys, async (t) => {
    if (!t.startsWith("Adipose stromal")) return;
    const upload = a.getByRole("form", { name: "Upload full text" });
    await upload.getByLabel(/PDF/).setInputFiles({ name: "ibarra-2023.pdf", mimeType: "application/pdf", buffer: PDF });
    await upload.getByRole("button", { name: "Upload PDF" }).click();
    await expect(a.getByTitle(/^Full text of Adipose stromal/)).toBeVisible();
  });
  await b.goto(ft);
  await screenAll(b, fullTextKeys);

  // 6. The PRISMA diagram counts what happened, from the data.
  await o.goto(`${base}/prisma`);
  await expect(o.getByTestId("prisma-diagram").locator("svg")).toBeVisible();
  await expect.poll(boxText(o, "database_results")).toContain("Databases (n = 5)");
  await expect.poll(boxText(o, "duplicates")).toContain("Duplicate records (n = 1)");
  await expect.poll(boxText(o, "records_screened")).toBe("Records screened (n = 4)");
  await expect.poll(boxText(o, "records_excluded")).toBe("Records excluded (n = 1)");
  await expect.poll(boxText(o, "dbr_assessed")).toBe("Reports assessed for eligibility (n = 3)");
  await expect.poll(boxText(o, "dbr_excluded")).toContain("Wrong population (n = 1)");
  await expect.poll(boxText(o, "new_studies")).toContain("New studies included in review (n = 2)");
  await expect(o.getByRole("heading", { name: /Consistency checks/ })).toContainText("all pass");

  // 7. Extraction: the owner starts from the preclinical template; Alice and Bob extract the rat study blinded.
  await o.goto(`${base}/extraction/form`);
  await o.getByRole("button", { name: "Start from “Preclinical intervention study (animal model)”" }).click();
  await expect(o.getByText("Form created from the template.")).toBeVisible();
  const reviewId = (await db.review.findFirstOrThrow({ where: { title } })).id;
  const study = await db.study.findFirstOrThrow({ where: { reviewId, reports: { some: { title: { startsWith: "Bone marrow stromal" } } } } });
  const extract = async (page: Page, animals: string) => {
    await page.goto(`${base}/extraction/${study.id}`);
    const form = page.getByRole("form", { name: "Extraction form" });
    await form.locator("#field-first_author").fill("Moreno");
    await form.locator("#field-year").fill("2021");
    await form.locator("#field-species").selectOption("Rat");
    await form.locator("#field-sex").selectOption("Female");
    await form.locator("#field-total_animals").fill(animals);
    await form.locator("#field-model").fill("Ovariectomy-induced osteoporosis");
    await form.locator("#field-ev_source").fill("BMSC");
    await form.locator("#field-route").selectOption("Intravenous");
    await form.getByRole("button", { name: "Submit extraction" }).click();
    await expect(form.getByTestId("entry-status")).toHaveText("Submitted");
  };
  await extract(a, "24");
  // Bob sees an empty form, not Alice's answers.
  await b.goto(`${base}/extraction/${study.id}`);
  await expect(b.getByRole("form", { name: "Extraction form" }).locator("#field-first_author")).toHaveValue("");
  await extract(b, "20");

  // 8. The owner sees the one disagreement (animals 24 vs 20), takes Alice's value and finalises.
  await o.goto(`${base}/extraction/${study.id}/consensus`);
  const consensus = o.getByRole("form", { name: "Consensus" });
  const disagreement = consensus.getByTestId("disagreement");
  await expect(disagreement).toHaveCount(1);
  await expect(disagreement).toContainText("24");
  await expect(disagreement).toContainText("20");
  await disagreement.getByLabel("A", { exact: true }).check();
  await consensus.getByRole("button", { name: "Finalise consensus" }).click();
  await expect.poll(async () => (await db.extractionEntry.findFirst({ where: { studyId: study.id, consensus: true } }))?.status).toBe("SUBMITTED");
  const final = await db.extractionEntry.findFirstOrThrow({ where: { studyId: study.id, consensus: true } });
  expect((final.values as Record<string, { value: unknown }>).total_animals.value).toBe(24);
});

test("the 001 demo says which stages hold the article's data and shows its typed flow", async ({ page }) => {
  // Built by the CLI, as a user would (`npm run --silent sieve -- demo --replace`).
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "bin/sieve.ts", "demo", "--replace", "--json"], { env: { ...process.env, DATABASE_URL: process.env.SIEVE_E2E_DATABASE_URL }, encoding: "utf8" });
  const { slug } = JSON.parse(out) as { slug: string };
  const owner = await db.user.findUniqueOrThrow({ where: { email: "demo@sieve.local" } });
  await login(page, { ...owner, password: "" });
  await page.goto(`/reviews/${slug}`);
  const notice = page.getByTestId("demo-notice");
  await expect(notice).toContainText("Demo review: built from Zhang et al. 2025");
  await expect(notice).toContainText("PRISMA diagram: the article's own data.");
  await expect(notice).toContainText("Risk of bias: left for you to try.");
  await page.goto(`/reviews/${slug}/prisma`);
  await expect.poll(boxText(page, "database_results")).toContain("Databases (n = 1,967)");
  await expect.poll(boxText(page, "new_studies")).toContain("New studies included in review (n = 17)");
  await expect(page.getByRole("heading", { name: /Consistency checks/ })).toContainText("all pass");
});
