/**
 * Issue 14 point 3: the whole journey as one user story, through the pages only, on the real server
 * and real SQLite. An owner creates a review, adds two reviewers and an adjudicator, imports a RIS
 * export (Embase) and a MEDLINE export (PubMed) that share one study, and resolves that possible
 * duplicate. Two reviewers, each in their own browser, screen titles and abstracts blinded; they
 * disagree once and the adjudicator settles it. PDFs are attached at full text, one report is
 * excluded with a reason and two are included, and the PRISMA diagram counts all of it. The two
 * reviewers then extract both included studies blinded, the owner reaches consensus (one SEM copied
 * as an SD is caught), and an analysis on the consensus shows a forest plot with metafor's numbers.
 * Only sign-in and account creation use fixtures; nothing the story checks is written to the DB.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, createTestUser, login, type TestUser } from "./fixtures";
import { svgToPdf } from "@/lib/flow/export";

const EMBASE = path.join(import.meta.dirname, "data/review-journey-embase.ris");
const PUBMED = path.join(import.meta.dirname, "data/review-journey-pubmed.nbib");

// Titles as the screening pages show them (the first words are enough to tell them apart).
const RAT = "Bone marrow stromal cell vesicles";
const NARRATIVE = "A narrative review";
const GLUCOCORTICOID = "Adipose stromal cell vesicles";

async function open(browser: Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

const record = (page: Page) => page.getByTestId("record");
const heading = (page: Page) => record(page).getByRole("heading").first();

/**
 * Works through a screening queue until it is empty. For each record shown, `act` gets its title
 * and returns the keys to press (after any clicks it makes, such as uploading a PDF).
 */
async function screenQueue(page: Page, act: (title: string) => Promise<string[]> | string[]) {
  const empty = page.getByTestId("queue-empty");
  for (let n = 0; n < 10; n++) {
    await expect(record(page).or(empty).first()).toBeVisible();
    if (await empty.isVisible()) return;
    const id = await record(page).getAttribute("data-record-id");
    const keys = await act((await heading(page).textContent()) ?? "");
    await heading(page).click(); // keyboard focus back on the page (not the PDF viewer or a field)
    for (const key of keys) await page.keyboard.press(key);
    await expect(empty.or(page.locator(`[data-testid="record"]:not([data-record-id="${id}"])`)).first()).toBeVisible();
  }
  throw new Error("The screening queue did not empty");
}

/** After a reload the queue is built from the server again: empty means every vote was stored. */
async function expectQueueDone(page: Page) {
  await page.reload();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
}

const boxText = (page: Page, field: string) => () =>
  page.getByTestId("prisma-diagram").locator(`[data-field="${field}"] text`).allTextContents().then((lines) => lines.join(" ").replace(/\u00a0/g, " "));

async function onePagePdf(title: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" viewBox="0 0 595 842"><rect width="595" height="842" fill="#fff"/><text x="40" y="80" font-size="16" font-family="Helvetica">${title}</text></svg>`;
  return Buffer.from(await svgToPdf(svg, { title }));
}

type Arm = { n: string; mean: string; sd: string };
type Extraction = { study: string; author: string; year: string; species: string; treated: Arm; control: Arm };

/** One reviewer's extraction in the preclinical template: characteristics, one experiment, MAR at 8 weeks. */
async function extract(page: Page, base: string, x: Extraction) {
  await page.goto(`${base}/extraction`);
  await page.getByRole("link", { name: new RegExp(`^(Extract|Continue) ${x.study}$`) }).click();
  await expect(page.getByRole("heading", { name: `Extract: ${x.study}` })).toBeVisible();
  await page.getByLabel("First author", { exact: true }).fill(x.author);
  await page.getByLabel("Year of publication", { exact: true }).fill(x.year);
  await page.getByLabel("Species", { exact: true }).selectOption(x.species);
  await page.getByLabel("Sex", { exact: true }).selectOption("Female");
  await page.getByLabel("Model", { exact: true }).fill("Ovariectomy");
  await page.getByLabel("EV source (cell type and tissue)", { exact: true }).fill("MSC");
  await page.getByLabel("Route of administration", { exact: true }).selectOption("Intravenous");
  await page.getByRole("button", { name: "Add experiment" }).click();
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByRole("button", { name: "Add group" }).click();
  await page.getByLabel("Group 1 name").fill("OVX + EV");
  await page.getByLabel("Group 2 name").fill("OVX + vehicle");
  await page.getByLabel("OVX + vehicle is a control").check();
  await page.getByLabel("OVX + EV n", { exact: true }).fill(x.treated.n);
  await page.getByLabel("OVX + vehicle n", { exact: true }).fill(x.control.n);
  await page.getByRole("button", { name: "Add comparison" }).click();
  await expect(page.getByLabel("Comparison 1 label")).toHaveValue("OVX + EV vs OVX + vehicle");
  await page.getByLabel("Outcome for a new data table").selectOption("MAR");
  await page.getByLabel("Time point for a new data table").fill("8 w");
  await page.getByRole("button", { name: "Add outcome data" }).click();
  for (const [group, arm] of [["OVX + EV", x.treated], ["OVX + vehicle", x.control]] as const) {
    await page.getByLabel(`${group} MAR 8 w n`, { exact: true }).fill(arm.n);
    await page.getByLabel(`${group} MAR 8 w Mean`, { exact: true }).fill(arm.mean);
    await page.getByLabel(`${group} MAR 8 w SD`, { exact: true }).fill(arm.sd);
  }
  await page.getByRole("button", { name: "Submit extraction" }).click();
  await expect(page.getByTestId("extraction-status")).toHaveText("Submitted.");
}

test("an owner carries a review from a new review to a forest plot, with a blinded team, through the pages", async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await createTestUser("Olga Owner");
  const alice = await createTestUser("Alice Reviewer");
  const bob = await createTestUser("Bob Reviewer");
  const judy = await createTestUser("Judy Adjudicator");
  const title = `Extracellular vesicles for osteoporosis in animals ${Date.now()}`;

  // 1. The owner creates the review (managing it, not screening it) and adds the team.
  const o = await open(browser, owner, "/reviews/new");
  const create = o.getByRole("form", { name: "New review" });
  await create.getByLabel("Title").fill(title);
  const ownerScreens = create.getByRole("checkbox", { name: /^Reviewer/ });
  if (await ownerScreens.count()) await ownerScreens.uncheck();
  await create.getByRole("button", { name: "Create review" }).click();
  await expect(o.getByRole("heading", { name: title })).toBeVisible();
  const base = new URL(o.url()).pathname;
  expect(base).toMatch(/^\/reviews\/extracellular-vesicles-for-osteoporosis/);

  await o.getByRole("link", { name: "Members" }).first().click();
  for (const [user, role] of [[alice, "Reviewer"], [bob, "Reviewer"], [judy, "Adjudicator"]] as const) {
    const add = o.getByRole("form", { name: "Add a member" });
    await add.getByLabel("Their e-mail").fill(user.email);
    if (role === "Adjudicator") {
      await add.getByLabel("Reviewer", { exact: true }).uncheck();
      await add.getByLabel("Adjudicator", { exact: true }).check();
    }
    await add.getByRole("button", { name: "Add member" }).click();
    await expect(o.getByText(`${user.name} added.`)).toBeVisible();
    await expect(o.getByTestId(`member-${user.email}`)).toBeVisible();
  }
  await o.reload();
  await expect(o.getByTestId(`member-${judy.email}`).getByLabel("Adjudicator")).toBeChecked();
  await expect(o.getByTestId(`member-${judy.email}`).getByLabel("Reviewer")).not.toBeChecked();
  await expect(o.getByTestId(`member-${bob.email}`).getByLabel("Reviewer")).toBeChecked();

  // 2. Two searches: Embase as RIS (3 records), PubMed as MEDLINE (2). The mouse study is in both,
  //    without a DOI in Embase and with a slightly different title, so only a person can say "same".
  await o.goto(`${base}/identification`);
  for (const [database, file, n] of [["Embase", EMBASE, 3], ["PubMed", PUBMED, 2]] as const) {
    const log = o.getByRole("form", { name: "Log a search" });
    await log.getByLabel("Database, register or method").fill(database);
    await log.getByLabel("Hits reported").fill(String(n));
    await log.getByRole("button", { name: "Log search" }).click();
    const search = o.getByTestId(`search-${database}`);
    await search.getByLabel(`Export files from ${database}`).setInputFiles(file);
    await search.getByRole("button", { name: "Preview" }).click();
    await expect(search.getByTestId("import-preview")).toContainText(`${path.basename(file)}: ${n} records · ${database === "Embase" ? "ris" : "medline"}`);
    await search.getByRole("button", { name: `Import ${n} records` }).click();
    await expect(search.getByTestId("import-status")).toHaveText(`Imported ${n} records from 1 file.`);
  }

  // 3. Duplicate detection queues the mouse study as a possible pair; the owner says "same" by keyboard.
  await expect(o.getByTestId("dedup-prompt")).toContainText("5 records not yet checked for duplicates");
  await o.getByTestId("dedup-prompt").getByRole("link", { name: "run duplicate detection" }).click();
  await o.getByRole("button", { name: "Run duplicate detection" }).click();
  await expect(o.getByTestId("run-detection").getByRole("status")).toHaveText("Compared 5 new records: 0 groups merged or extended, 1 possible pair queued.");
  await expect(o.getByTestId("count-possible")).toHaveText("1");
  const pair = o.getByTestId("pair-review");
  await expect(pair).toContainText("Umbilical cord vesicles and bone mineral density in ovariectomised mice: a controlled study");
  await expect(pair).toContainText("Umbilical cord vesicles and bone mineral density in ovariectomized mice: a randomized controlled study");
  await o.keyboard.press("s");
  await expect(o.getByTestId("no-pairs")).toBeVisible();
  await expect(o.getByTestId("count-manual")).toHaveText("1");
  await expect(o.getByText("5 records; 4 remain for screening.")).toBeVisible();

  // 4. Title/abstract, blinded, two reviewers in their own browsers. Both exclude the narrative
  //    review and include the two ovariectomy studies; they split on the glucocorticoid study.
  const ta = `${base}/screening/title-abstract`;
  const a = await open(browser, alice, ta);
  await screenQueue(a, (t) => (t.startsWith(NARRATIVE) ? ["e"] : ["i"]));
  await expectQueueDone(a);
  const b = await open(browser, bob, ta);
  await expect(record(b)).toBeVisible();
  await expect(b.getByTestId("other-vote")).toHaveCount(0); // Alice's votes stay hidden from Bob
  await expect(b.getByText(alice.name)).toHaveCount(0);
  await screenQueue(b, (t) => (t.startsWith(NARRATIVE) || t.startsWith(GLUCOCORTICOID) ? ["e"] : ["i"]));
  await expectQueueDone(b);
  // Reviewers cannot adjudicate; the adjudicator sees both votes and includes with a note.
  expect((await b.request.get(`${base}/screening/conflicts`)).status()).toBe(404);
  const j = await open(browser, judy, `${base}/screening/conflicts`);
  const conflict = j.getByTestId("conflict");
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText(GLUCOCORTICOID);
  await expect(conflict).toContainText(`${alice.name}: Include`);
  await expect(conflict).toContainText(`${bob.name}: Exclude`);
  await conflict.getByLabel("Include").check();
  await conflict.getByLabel("Adjudication note").fill("Glucocorticoid-induced osteoporosis: decide on the full text");
  await conflict.getByRole("button", { name: "Resolve" }).click();
  await expect(j.getByTestId("conflict")).toHaveCount(0);
  await expect(j.getByRole("heading", { name: "Conflicts at title/abstract (0)" })).toBeVisible();

  // 5. Full text: Alice attaches the PDFs of the rat study and of the glucocorticoid study. Both
  //    reviewers exclude the glucocorticoid study with reason 1 (Wrong population), include the others.
  const ft = `${base}/screening/full-text`;
  await a.goto(ft);
  await screenQueue(a, async (t) => {
    if (t.startsWith(RAT) || t.startsWith(GLUCOCORTICOID)) {
      const upload = a.getByRole("form", { name: "Upload full text" });
      await upload.getByLabel(/PDF/).setInputFiles({ name: `${t.slice(0, 20)}.pdf`, mimeType: "application/pdf", buffer: await onePagePdf(t) });
      await upload.getByRole("button", { name: "Upload PDF" }).click();
      await expect(a.getByTitle(`Full text of ${t}`)).toBeVisible();
    }
    return t.startsWith(GLUCOCORTICOID) ? ["1", "e"] : ["i"];
  });
  await expectQueueDone(a);
  await b.goto(ft);
  await screenQueue(b, async (t) => {
    if (t.startsWith(RAT)) await expect(b.getByTitle(`Full text of ${t}`)).toBeVisible(); // Alice's upload, shown to Bob
    return t.startsWith(GLUCOCORTICOID) ? ["1", "e"] : ["i"];
  });
  await expectQueueDone(b);

  // 6. The PRISMA diagram, live from the data.
  await o.goto(`${base}/prisma`);
  await expect(o.getByTestId("prisma-diagram").locator("svg")).toBeVisible();
  await expect.poll(boxText(o, "database_results")).toContain("Databases (n = 5)");
  await expect.poll(boxText(o, "database_results")).toContain("Embase (n = 3)");
  await expect.poll(boxText(o, "database_results")).toContain("PubMed (n = 2)");
  await expect.poll(boxText(o, "duplicates")).toContain("Duplicate records (n = 1)");
  await expect.poll(boxText(o, "records_screened")).toBe("Records screened (n = 4)");
  await expect.poll(boxText(o, "records_excluded")).toBe("Records excluded (n = 1)");
  await expect.poll(boxText(o, "dbr_assessed")).toBe("Reports assessed for eligibility (n = 3)");
  await expect.poll(boxText(o, "dbr_excluded")).toContain("Wrong population (n = 1)");
  await expect.poll(boxText(o, "new_studies")).toContain("New studies included in review (n = 2)");
  await expect(o.getByRole("heading", { name: /Consistency checks/ })).toContainText("all pass");

  // 7. Extraction: the owner adds the MAR outcome and starts from the preclinical template.
  await o.goto(`${base}/extraction/form`);
  const outcome = o.getByRole("form", { name: "Add an outcome" });
  await outcome.getByLabel("Outcome").fill("MAR");
  await outcome.getByLabel("Unit").fill("µm/day");
  await outcome.getByRole("button", { name: "Add outcome" }).click();
  await expect(outcome.getByRole("status")).toHaveText("Outcome added.");
  await o.getByRole("button", { name: "Start from “Preclinical intervention study (animal model)”" }).click();
  await expect(o.getByRole("heading", { name: "Version 1" })).toBeVisible();

  // Alice copies the rat study's SEM (0.5/√6 = 0.2041) into the SD box; Bob enters the SD.
  const rat = (sd: string): Extraction => ({ study: "Moreno 2021", author: "Moreno", year: "2021", species: "Rat", treated: { n: "6", mean: "2.1", sd }, control: { n: "6", mean: "1.2", sd: "0.3" } });
  const mouse: Extraction = { study: "Falk 2022", author: "Falk", year: "2022", species: "Mouse", treated: { n: "8", mean: "3.0", sd: "0.6" }, control: { n: "8", mean: "2.2", sd: "0.5" } };
  await extract(a, base, rat("0.2041"));
  await extract(a, base, mouse);
  // Blinded: nothing of Alice's extraction reaches Bob's page before he has submitted his own.
  await b.goto(`${base}/extraction`);
  await b.getByRole("link", { name: "Extract Moreno 2021" }).click();
  await expect(b.getByRole("heading", { name: "Extract: Moreno 2021" })).toBeVisible();
  expect(await b.content()).not.toContain("0.2041");
  await expect(b.getByText(/differs from you/)).toHaveCount(0);
  await extract(b, base, rat("0.5"));
  await extract(b, base, mouse);

  // 8. Consensus: one disagreement in the rat study, flagged as an SEM; the owner takes Bob's SD.
  await o.goto(`${base}/extraction`);
  await expect(o.getByTestId("extraction-agreement")).toContainText("2 studies with two submitted extractions");
  await o.getByRole("link", { name: "Consensus for Moreno 2021" }).click();
  const consensus = o.getByRole("form", { name: "Consensus" });
  const disagreement = consensus.getByTestId("disagreement");
  await expect(disagreement).toHaveCount(1);
  await expect(disagreement).toContainText("MAR @ 8 w › sd");
  await expect(disagreement).toContainText("probably entered an SEM as an SD");
  const bobIs = (await consensus.getByRole("columnheader", { name: `A: ${bob.name}` }).count()) ? "A" : "B";
  await expect(consensus.getByRole("columnheader", { name: `${bobIs}: ${bob.name}` })).toBeVisible();
  await disagreement.getByLabel(bobIs, { exact: true }).check();
  await disagreement.getByLabel(/Note for/).fill("A copied the SEM");
  await consensus.getByRole("button", { name: "Finalise consensus" }).click();
  await expect(o.getByTestId("consensus-status")).toHaveText(/Consensus final/);
  await o.goto(`${base}/extraction`);
  await o.getByRole("link", { name: "Consensus for Falk 2022" }).click();
  await expect(o.getByTestId("disagreement")).toHaveCount(0);
  await o.getByRole("button", { name: "Finalise consensus" }).click();
  await expect(o.getByTestId("consensus-status")).toHaveText(/Consensus final/);
  await o.goto(`${base}/extraction`);
  await expect(o.getByText("2 of 2 studies with a final consensus")).toBeVisible();

  // 9. Results: an SMD random-effects analysis of MAR at 8 weeks on the consensus. The forest plot
  //    shows metafor's numbers (escalc "SMD" + rma REML, R 4 / metafor 3.8): Moreno 2.01 [0.63, 3.40]
  //    (with Bob's SD; Alice's SEM would give 3.24), Falk 1.37 [0.28, 2.46], pooled 1.61 [0.76, 2.47].
  await o.goto(`${base}/results`);
  const analysis = o.getByRole("form", { name: "New analysis" });
  await analysis.getByLabel("Name", { exact: true }).fill("MAR, vesicles vs vehicle");
  await analysis.getByLabel("Outcome", { exact: true }).selectOption("MAR");
  await analysis.getByLabel("Time point", { exact: true }).fill("8 w");
  await analysis.getByLabel("Effect measure", { exact: true }).selectOption("SMD");
  await analysis.getByLabel("Model", { exact: true }).selectOption("REML");
  await analysis.getByRole("button", { name: "Create analysis" }).click();
  await expect(o.getByRole("heading", { name: "MAR, vesicles vs vehicle" })).toBeVisible();
  const forest = o.getByTestId("figure-forest");
  await expect(forest.locator("svg")).toBeVisible();
  const forestText = async () => (await forest.locator("svg text").allTextContents()).join(" | ");
  await expect.poll(forestText).toContain("Moreno 2021");
  const texts = await forestText();
  expect(texts).toContain("Falk 2022");
  expect(texts).toContain("2.01");
  expect(texts).toContain("[0.63, 3.40]");
  expect(texts).toContain("1.37");
  expect(texts).toContain("[0.28, 2.46]");
  expect(texts).toContain("1.61");
  expect(texts).toContain("[0.76, 2.47]");
});
