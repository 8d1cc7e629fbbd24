import { test, expect, createTestUser, createTestReview, addRoles, login, type TestUser, pressOnShown, keysListening } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

// Issue 16, items 4–9 as a new team meets them in the browser.

async function open(browser: Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("one person's typos behind a shared address warn them and do not lock out a colleague", async ({ browser }) => {
  const typist = await createTestUser("Typist");
  const colleague = await createTestUser("Colleague");
  const page = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 200) + 20}` } })).newPage();
  await page.goto("/sign-in");
  const alert = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
  for (let i = 0; i < 2; i++) {
    await signIn(page, typist.email, "typo");
    await expect(alert).toHaveText("Wrong e-mail or password.");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await signIn(page, typist.email, "typo");
  await expect(alert).toContainText("2 attempts left");
  await signIn(page, typist.email, "typo");
  await expect(alert).toContainText("1 attempt left");
  await signIn(page, typist.email, "typo");
  await expect(alert).toContainText("Too many failed sign-in attempts");
  await signIn(page, typist.email, "typo");
  await expect(alert).toContainText("Too many failed sign-in attempts");
  // Same address, another account, the right password: in.
  await signIn(page, colleague.email, colleague.password);
  await expect(page.getByTestId("current-user")).toHaveText(colleague.name);
});

test("an owner invites an address without an account; the sign-up link joins the review; the newcomer renames themself", async ({ browser }) => {
  const owner = await createTestUser("Inviting Owner");
  const review = await createTestReview(owner);
  const page = await open(browser, owner, `/reviews/${review.slug}/members`);
  const email = `newcomer-${randomUUID().slice(0, 8)}@e2e.test`;
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("Their e-mail").fill(email);
  await form.getByRole("button", { name: "Add member" }).click();
  const link = page.getByLabel(`Sign-up link for ${email}`).first();
  await expect(link).toHaveValue(/\/sign-up\?invite=/);
  // The "no account" message is shown once, not also under the field.
  await expect(page.getByText("No Sieve account uses that e-mail")).toHaveCount(0);
  const url = await link.inputValue();

  const newcomer = await (await browser.newContext()).newPage();
  await newcomer.goto(url);
  await expect(newcomer.getByTestId("invitation")).toContainText(review.title);
  await newcomer.getByLabel("Name").fill("New Colleague");
  await expect(newcomer.getByLabel("E-mail")).toHaveValue(email);
  await newcomer.getByLabel("Password").fill("a-long-enough-password");
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/reviews/${review.slug}$`));
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect((await db.membership.findMany({ where: { reviewId: review.id, userId: user.id } })).map((m) => m.role)).toEqual(["REVIEWER"]);

  // Account self-service: change one's name.
  await newcomer.getByTestId("current-user").click();
  const nameForm = newcomer.getByRole("form", { name: "Change your name" });
  await nameForm.getByLabel("Your name, as colleagues see it").fill("Dr New Colleague");
  await nameForm.getByRole("button", { name: "Save name" }).click();
  await expect(nameForm.getByRole("status")).toHaveText("Name saved.");
  await newcomer.reload();
  await expect(newcomer.getByTestId("current-user")).toHaveText("Dr New Colleague");
});

test("a renamed reason shows on the record page, which traces the exclusion to its reviewer; the audit log names the record", async ({ browser }) => {
  const owner = await createTestUser("Trace Owner");
  const alice = await createTestUser("Alice Tracer");
  const review = await createTestReview(owner);
  await addRoles(review.id, alice, ["REVIEWER"]);
  await db.review.update({ where: { id: review.id }, data: { settings: { titleAbstract: { reviewersPerRecord: 1, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 1, blinded: true, allowMaybe: false } } } });
  const record = await db.record.create({ data: { reviewId: review.id, position: 0, title: "Zoledronate in wild rabbits", abstract: "Rabbits.", authors: [], year: 2002, keywords: ["rabbit"], mesh: [], raw: {} } });
  const reason = await db.exclusionReason.findFirstOrThrow({ where: { reviewId: review.id, label: "Wrong population" } });

  // Alice excludes it with reason 1 and a note.
  const a = await open(browser, alice, `/reviews/${review.slug}/screening/title-abstract`);
  await expect(a.getByTestId("record")).toHaveAttribute("data-record-id", record.id);
  await pressOnShown(a, "1");
  await a.getByLabel("Note", { exact: true }).fill("rabbits, not rodents");
  await a.getByRole("button", { name: /^Exclude/ }).click();
  await expect.poll(() => db.screeningResolution.count({ where: { recordId: record.id } })).toBe(1);

  // The owner renames the reason in place.
  const o = await open(browser, owner, `/reviews/${review.slug}/protocol`);
  const row = o.getByRole("form", { name: "Edit reason Wrong population" });
  await row.getByLabel("Label").fill("Not a rodent model");
  await row.getByRole("button", { name: "Save" }).click();
  // Saved: the row now carries the new label.
  await expect(o.getByRole("form", { name: "Edit reason Not a rodent model" })).toBeVisible();
  expect((await db.exclusionReason.findUniqueOrThrow({ where: { id: reason.id } })).label).toBe("Not a rodent model");

  await o.goto(`/reviews/${review.slug}/records/${record.id}`);
  const votes = o.getByRole("region", { name: "Title/abstract screening" });
  await expect(votes.getByTestId("vote")).toContainText("Alice Tracer");
  await expect(votes.getByTestId("vote")).toContainText("Not a rodent model");
  await expect(votes.getByTestId("vote")).toContainText("rabbits, not rodents");
  await expect(votes.getByTestId("resolution")).toContainText("Excluded by agreement");
  await expect(o.getByTestId("record-history")).toContainText("Alice Tracer");

  await o.goto(`/reviews/${review.slug}/audit?entity=ScreeningDecision`);
  await expect(o.getByTestId("audit-record-link").first()).toHaveText("Zoledronate in wild rabbits");
  await expect(o.locator("main")).not.toContainText(`${reason.id}`);
  await expect(o.locator("main")).toContainText("Not a rodent model");
  await o.getByTestId("audit-record-link").first().click();
  await expect(o.getByTestId("record-page")).toBeVisible();
});

test("two reports of one trial are linked into one study on the studies page", async ({ browser }) => {
  const owner = await createTestUser("Study Owner");
  const review = await createTestReview(owner);
  const reports = [];
  for (const [i, year] of [2002, 2003].entries()) {
    const r = await db.record.create({ data: { reviewId: review.id, position: i, title: `Hart trial report ${year}`, abstract: "", authors: [{ family: "Hart", given: "A", normalized: "hart a" }], year, keywords: [], mesh: [], raw: {} } });
    const study = await db.study.create({ data: { reviewId: review.id, label: `Hart ${year}` } });
    await db.record.update({ where: { id: r.id }, data: { studyId: study.id } });
    reports.push(r);
  }
  const page = await open(browser, owner, `/reviews/${review.slug}/studies`);
  await expect(page.getByTestId("studies-summary")).toContainText("2 studies from 2 reports");
  const link = page.getByRole("form", { name: "Link Hart trial report 2003 to another study" });
  await link.getByLabel("Link this report to study").selectOption({ label: "Hart 2002" });
  await link.getByRole("button", { name: "Link" }).click();
  await expect(page.getByTestId("studies-summary")).toContainText("1 study from 2 reports");
  const study = page.getByTestId("study");
  await study.getByLabel("Study name").fill("Hart trial");
  await study.getByRole("button", { name: "Rename" }).click();
  await expect(study.getByRole("form", { name: /^Rename/ }).getByRole("status")).toHaveText("Renamed.");
  expect((await db.study.findMany({ where: { reviewId: review.id } })).map((s) => s.label)).toEqual(["Hart trial"]);
});

test("an adjudicator settles conflicts by keyboard: N for the next conflict, E to exclude, R to resolve", async ({ browser }) => {
  const owner = await createTestUser("Keys Owner");
  const judge = await createTestUser("Keys Judge");
  const [r1, r2] = [await createTestUser("Keys One"), await createTestUser("Keys Two")];
  const review = await createTestReview(owner);
  await addRoles(review.id, judge, ["ADJUDICATOR"]);
  const records: { id: string }[] = [];
  for (const i of [0, 1]) {
    const rec = await db.record.create({ data: { reviewId: review.id, position: i, title: `Conflict record ${i}`, abstract: "", authors: [], year: 2010, keywords: [], mesh: [], raw: {} } });
    await db.screeningDecision.create({ data: { reviewId: review.id, recordId: rec.id, stage: "TITLE_ABSTRACT", reviewerId: r1.id, decision: "INCLUDE", firstDecision: "INCLUDE" } });
    await db.screeningDecision.create({ data: { reviewId: review.id, recordId: rec.id, stage: "TITLE_ABSTRACT", reviewerId: r2.id, decision: "EXCLUDE", firstDecision: "EXCLUDE" } });
    records.push(rec);
  }
  const page = await open(browser, judge, `/reviews/${review.slug}/screening/conflicts`);
  await expect(page.getByTestId("conflict")).toHaveCount(2);
  await expect(page.getByTestId("conflict-keys")).toBeVisible();
  await keysListening(page);
  await page.keyboard.press("n");
  await expect(page.getByTestId("conflict").first()).toBeFocused();
  await page.keyboard.press("n");
  await expect(page.getByTestId("conflict").nth(1)).toBeFocused();
  await page.keyboard.press("e");
  await page.keyboard.press("r");
  await expect.poll(() => db.screeningResolution.findFirst({ where: { recordId: records[1].id } }).then((r) => r?.outcome)).toBe("EXCLUDE");
  await expect(page.getByTestId("conflict")).toHaveCount(1);
});
