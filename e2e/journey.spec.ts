/**
 * Issue 14 point 3: the whole journey as one user story, through the pages only, on the real server
 * and real SQLite. An owner creates a review, adds two reviewers and an adjudicator, imports a RIS
 * export (Embase) and a MEDLINE export (PubMed) that share one study, and resolves that possible
 * duplicate. Two reviewers, each in their own browser, screen titles and abstracts blinded; they
 * disagree once and the adjudicator settles it. PDFs are attached at full text, one report is
 * excluded with a reason and two are included, and the PRISMA diagram counts all of it. The two
 * reviewers then extract both included studies blinded, the owner reaches consensus (one SEM copied
 * as an SD is caught), the two rate the rat study with SYRCLE and the owner settles their one
 * disagreement, and an analysis on the consensus shows a forest plot with metafor's numbers.
 * Only sign-in and account creation use fixtures; nothing the story checks is written to the DB.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { test, expect, createTestUser, login, type TestUser, pressOnShown, keysListening } from "./fixtures";
import { svgToPdf } from "@/lib/flow/export";

const EMBASE = path.join(import.meta.dirname, "data/journey-embase.ris");
const PUBMED = path.join(import.meta.dirname, "data/journey-pubmed.nbib");

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
 * Works through a screening queue until it shows "Nothing left". For each record shown, `act` gets
 * its title and returns the keys to press (after any clicks it makes, such as uploading a PDF).
 * Returns the titles decided. A vote the server refuses is reported (soft) and decided again, as
 * a person would after seeing "Not saved".
 */
async function screenQueue(page: Page, who: string, act: (title: string) => Promise<string[]> | string[]) {
  const empty = page.getByTestId("queue-empty");
  const decided: string[] = [];
  for (let n = 0; n < 12; n++) {
    await expect(record(page).or(empty).first()).toBeVisible();
    if (await empty.isVisible()) return decided;
    const id = await record(page).getAttribute("data-record-id");
    const title = (await heading(page).textContent()) ?? "";
    const keys = await act(title);
    await heading(page).click(); // keyboard focus back on the page (not the PDF viewer or a field)
    // The page moves on at once and saves in the background; wait for this vote's answer.
    const saved = page.waitForResponse((r) => r.request().method() === "POST" && /"decision":/.test(r.request().postData() ?? "") && (r.request().postData() ?? "").includes(`"recordId":"${id}"`));
    for (const key of keys) await pressOnShown(page, key);
    // An action's answer streams; Chromium does not always keep its body, so a missing body is
    // left to the progress check in screenAll.
    const response = await saved;
    const body = await response.text().catch(() => "");
    const refused = response.status() !== 200 || body.includes('"ok":false');
    expect.soft(refused, `${who}: the vote on "${title}" was not saved: ${body.slice(0, 400)}`).toBe(false);
    if (refused) {
      await expect(page.getByText(/Not saved/)).toBeVisible();
      continue;
    }
    decided.push(title);
    await expect(empty.or(page.locator(`[data-testid="record"]:not([data-record-id="${id}"])`)).first()).toBeVisible();
  }
  throw new Error(`${who}: the screening queue did not empty`);
}

/**
 * Screens a whole queue, then checks in a second tab that the server counts every vote ("My
 * progress: n of n"). Not a reload of the same tab: its last save may still be on its way.
 */
async function screenAll(page: Page, who: string, act: (title: string) => Promise<string[]> | string[]) {
  const decided = await screenQueue(page, who, act);
  const check = await page.context().newPage();
  await check.goto(page.url());
  await expect(async () => {
    await check.reload();
    await expect(check.getByText(/^My progress/), `${who}: votes stored after ${decided.join(" / ")}`).toHaveText(`My progress: ${decided.length} of ${decided.length}`, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(check.getByText("Not yet decided by you")).toHaveCount(0);
  await check.close();
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

const SYRCLE_ITEMS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/**
 * One rater's SYRCLE assessment of a study. Item 1 (sequence generation) is answered through its
 * signalling question when `sequence` is given (Yes proposes Low, which needs a quote); every other
 * item is judged Unclear, as a paper that reports none of it would be.
 */
async function rateSyrcle(page: Page, base: string, study: string, sequence?: { quote: string }) {
  await page.goto(`${base}/risk-of-bias`);
  await page.getByTestId("rob-grid").getByRole("link", { name: study }).click();
  await expect(page.getByRole("heading", { name: `Risk of bias: ${study}` })).toBeVisible();
  for (const id of SYRCLE_ITEMS) {
    const item = page.getByRole("form", { name: `Item ${id}`, exact: true });
    if (id === "1" && sequence) {
      await item.getByLabel("Yes", { exact: true }).check();
      await expect(item.getByTestId("proposed-1")).toHaveText("Proposed: Low");
      await expect(item.locator('select[name="judgement"]')).toHaveValue("LOW");
      await item.locator('textarea[name="support"]').fill(sequence.quote);
    } else {
      await item.locator('select[name="judgement"]').selectOption("UNCLEAR");
    }
    await item.getByRole("button", { name: `Save item ${id}` }).click();
    await expect(item.getByRole("status")).toHaveText("Saved.");
  }
  const submit = page.getByRole("form", { name: "Submit assessment" });
  await submit.getByRole("button", { name: "Submit assessment" }).click();
  await expect(submit.getByRole("status")).toHaveText("Submitted.");
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
  const role = (user: TestUser, name: string) => o.getByTestId(`member-${user.email}`).getByRole("checkbox", { name, exact: true });
  await expect(role(judy, "Adjudicator")).toBeChecked();
  await expect(role(judy, "Reviewer")).not.toBeChecked();
  await expect(role(bob, "Reviewer")).toBeChecked();

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
  await keysListening(o);
  await o.keyboard.press("s");
  await expect(o.getByTestId("no-pairs")).toBeVisible();
  await expect(o.getByTestId("count-manual")).toHaveText("1");
  await expect(o.getByText("5 records; 4 remain for screening.")).toBeVisible();

  // 4. Title/abstract, blinded, two reviewers in their own browsers. Both exclude the narrative
  //    review and include the two ovariectomy studies; they split on the glucocorticoid study.
  const ta = `${base}/screening/title-abstract`;
  const a = await open(browser, alice, ta);
  await screenAll(a, "Alice (title/abstract)", (t) => (t.startsWith(NARRATIVE) ? ["e"] : ["i"]));
  const b = await open(browser, bob, ta);
  await expect(record(b)).toBeVisible();
  await expect(b.getByTestId("other-vote")).toHaveCount(0); // Alice's votes stay hidden from Bob
  await expect(b.getByText(alice.name)).toHaveCount(0);
  await screenAll(b, "Bob (title/abstract)", (t) => (t.startsWith(NARRATIVE) || t.startsWith(GLUCOCORTICOID) ? ["e"] : ["i"]));
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
  await screenAll(a, "Alice (full text)", async (t) => {
    if ((t.startsWith(RAT) || t.startsWith(GLUCOCORTICOID)) && !(await a.getByTitle(`Full text of ${t}`).count())) {
      const upload = a.getByRole("form", { name: "Upload full text" });
      await upload.getByLabel(/PDF/).setInputFiles({ name: `${t.slice(0, 20)}.pdf`, mimeType: "application/pdf", buffer: await onePagePdf(t) });
      await upload.getByRole("button", { name: "Upload PDF" }).click();
      await expect(a.getByTitle(`Full text of ${t}`)).toBeVisible();
    }
    return t.startsWith(GLUCOCORTICOID) ? ["1", "e"] : ["i"];
  });
  await b.goto(ft);
  await screenAll(b, "Bob (full text)", async (t) => {
    if (t.startsWith(RAT)) await expect(b.getByTitle(`Full text of ${t}`)).toBeVisible(); // Alice's upload, shown to Bob
    return t.startsWith(GLUCOCORTICOID) ? ["1", "e"] : ["i"];
  });

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
  await outcome.getByLabel("Outcome", { exact: true }).fill("MAR");
  await outcome.getByLabel("Unit", { exact: true }).fill("µm/day");
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

  // 9. Risk of bias (SYRCLE) for the rat study, blinded: Alice finds the sequence generation
  //    described (Low, with the quote); Bob judges it Unclear. Everything else both judge Unclear.
  const quote = "Rats were allocated by a computer-generated random sequence";
  await rateSyrcle(a, base, "Moreno 2021", { quote });
  await b.goto(`${base}/risk-of-bias`);
  await b.getByTestId("rob-grid").getByRole("link", { name: "Moreno 2021" }).click();
  await expect(b.getByTestId("rob-blinded")).toBeVisible();
  expect(await b.content()).not.toContain(quote);
  await rateSyrcle(b, base, "Moreno 2021");
  await b.reload();
  await expect(b.getByTestId("rob-comparison")).toContainText(quote); // revealed once both submitted

  // The owner takes the nine agreed items and settles item 1 as Low with a note.
  await o.goto(`${base}/risk-of-bias`);
  await o.getByTestId("rob-grid").getByRole("link", { name: "Moreno 2021" }).click();
  const comparison = o.getByTestId("rob-comparison");
  await expect(comparison.locator('tr[data-disagreement="yes"]')).toHaveCount(1);
  await expect(comparison.locator('tr[data-disagreement="yes"]')).toHaveAttribute("data-item", "1");
  const agreed = o.getByRole("form", { name: "Accept agreements" });
  await agreed.getByRole("button", { name: "Take every agreed item as consensus" }).click();
  await expect(agreed.getByRole("status")).toHaveText("Agreed items taken as consensus.");
  const settle = o.getByRole("form", { name: "Consensus for 1. Sequence generation" });
  await settle.getByLabel("Consensus judgement").selectOption("LOW");
  await settle.getByLabel(/^Note/).fill("The methods describe a computer-generated sequence; Bob had missed it");
  await settle.getByRole("button", { name: "Save consensus" }).click();
  await expect(settle.getByRole("status")).toHaveText("Consensus saved.");
  await o.goto(`${base}/risk-of-bias`);
  await expect(o.getByText("1 of 2 studies with a consensus")).toBeVisible();
  const row = o.getByTestId("rob-row").filter({ has: o.getByRole("link", { name: "Moreno 2021" }) });
  await expect(row.locator('[data-item="1"]')).toContainText("Low");
  await expect(row.locator('[data-item="2"]')).toContainText("Unclear");
  await expect(o.getByTestId("rob-traffic-light")).toBeVisible();
  const trafficLight = await o.request.get(`${base}/risk-of-bias/export?format=traffic-light.svg`);
  expect(trafficLight.status()).toBe(200);
  expect(await trafficLight.text()).toContain('data-cell="Moreno 2021|1" data-judgement="LOW"');
  expect(await trafficLight.text()).toContain('data-cell="Moreno 2021|2" data-judgement="UNCLEAR"');

  // 10. Results: an SMD random-effects analysis of MAR at 8 weeks on the consensus. The forest plot
  //    shows metafor's numbers (escalc "SMD" + rma REML, R 4 / metafor 3.8, run for this test):
  //    Moreno 2.01 [0.62, 3.40] (ci.lb 0.62499936; with Alice's SEM as SD it would be 3.24), weight
  //    38.1%; Falk 1.37 [0.28, 2.46], 61.9%; pooled 1.61 [0.76, 2.47] (tau² = 0).
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
  // Each number on its own, since the layout may split an interval over aligned columns.
  const forestText = async () => (await forest.locator("svg text").allTextContents()).join(" | ");
  await expect.poll(forestText).toContain("Moreno 2021");
  const texts = await forestText();
  expect(texts).toContain("Falk 2022");
  for (const x of ["2.01", "0.62", "3.40", "38.1%", "1.37", "0.28", "2.46", "61.9%", "1.61", "0.76", "2.47"]) expect(texts, x).toMatch(new RegExp(`(^|[^0-9.])${x.replace(".", "\\.")}([^0-9]|$)`));
  expect(texts).not.toContain("3.24");
});
