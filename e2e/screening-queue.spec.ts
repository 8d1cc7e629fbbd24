import { test, expect, createTestUser, createTestReview, addRoles, login, type TestUser, pressOnShown } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db";

// Issue 16, items 1–3: the screening page must not flood the server on an empty queue, a held key
// must not decide records unseen, and fast screening shows "loading", never "nothing left".

async function makeRecords(reviewId: string, count: number) {
  for (let i = 0; i < count; i++) {
    await db.record.create({
      data: { reviewId, position: i, title: `Record ${i}: bone density in rats`, abstract: "Rats.", authors: [], year: 2020, journal: "Bone", keywords: [], mesh: [], raw: {} },
    });
  }
}

async function reviewerWith(records: number) {
  const owner = await createTestUser("Queue Owner");
  const reviewer = await createTestUser("Queue Reviewer");
  const review = await createTestReview(owner);
  await addRoles(review.id, reviewer, ["REVIEWER"]);
  await db.review.update({ where: { id: review.id }, data: { settings: { titleAbstract: { reviewersPerRecord: 1, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord: 1, blinded: true, allowMaybe: false } } } });
  await makeRecords(review.id, records);
  return { reviewer, review };
}

/** Opens a page signed in as `user`, counting every POST (server actions are POSTs). */
async function openCounting(browser: Browser, user: TestUser, url: string) {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  const posts = { count: 0 };
  page.on("request", (r) => {
    if (r.method() === "POST") posts.count++;
  });
  await page.goto(url);
  return { page, posts };
}

const record = (page: Page) => page.getByTestId("record");

test("an empty queue sends no requests in a loop; Check again asks exactly once", async ({ browser }) => {
  const { reviewer, review } = await reviewerWith(0);
  for (const stage of ["title-abstract", "full-text"]) {
    const { page, posts } = await openCounting(browser, reviewer, `/reviews/${review.slug}/screening/${stage}`);
    await expect(page.getByTestId("queue-empty")).toBeVisible();
    await page.waitForTimeout(4_000);
    expect(posts.count, `${stage}: POSTs in 4 s on an empty queue`).toBeLessThanOrEqual(1);
    const before = posts.count;
    await page.getByRole("button", { name: "Check again" }).click();
    await expect(page.getByRole("button", { name: "Check again" })).toBeEnabled();
    await page.waitForTimeout(1_000);
    expect(posts.count - before).toBe(1);
    await page.context().close();
  }
});

test("a reviewer who finishes the queue stops fetching", async ({ browser }) => {
  const { reviewer, review } = await reviewerWith(3);
  const { page, posts } = await openCounting(browser, reviewer, `/reviews/${review.slug}/screening/title-abstract`);
  for (let n = 0; n < 3; n++) {
    const shown = await record(page).getAttribute("data-record-id");
    await pressOnShown(page, "i");
    if (n < 2) await expect(record(page)).not.toHaveAttribute("data-record-id", shown!);
  }
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: reviewer.id } })).toBe(3);
  await page.waitForTimeout(500);
  const settled = posts.count;
  await page.waitForTimeout(4_000);
  expect(posts.count - settled, "POSTs in 4 s after the last decision").toBe(0);
});

test("a held key decides only the record on screen", async ({ browser }) => {
  const { reviewer, review } = await reviewerWith(8);
  const { page } = await openCounting(browser, reviewer, `/reviews/${review.slug}/screening/title-abstract`);
  const first = await record(page).getAttribute("data-record-id");
  // Keys apply once the record has been painted (and the page hydrated).
  await expect(page.locator('[data-shown="true"]')).toBeVisible();
  // One keydown and six auto-repeats, as a held E produces in 0.2 s.
  await page.keyboard.down("e");
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(30);
    await page.keyboard.down("e");
  }
  await page.keyboard.up("e");
  await expect(record(page)).not.toHaveAttribute("data-record-id", first!);
  await page.waitForTimeout(1_000);
  const decisions = await db.screeningDecision.findMany({ where: { reviewerId: reviewer.id } });
  expect(decisions.map((d) => [d.recordId, d.decision])).toEqual([[first, "EXCLUDE"]]);

  // Five separate presses dispatched in one burst, before the page can paint: only one applies.
  const second = await record(page).getAttribute("data-record-id");
  await page.waitForTimeout(200);
  await page.evaluate(() => {
    for (let i = 0; i < 5; i++) document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "i", bubbles: true }));
  });
  await page.waitForTimeout(1_000);
  const after = await db.screeningDecision.findMany({ where: { reviewerId: reviewer.id }, orderBy: { createdAt: "asc" } });
  expect(after.map((d) => [d.recordId, d.decision])).toEqual([
    [first, "EXCLUDE"],
    [second, "INCLUDE"],
  ]);
});

test("fast screening shows a loading state, never 'nothing left', and decides only records it showed", async ({ browser }) => {
  const { reviewer, review } = await reviewerWith(25);
  const { page } = await openCounting(browser, reviewer, `/reviews/${review.slug}/screening/title-abstract`);
  await expect(record(page)).toBeVisible();
  // Record every record id painted and whether "nothing left" ever appeared.
  await page.evaluate(() => {
    const w = window as unknown as { shown: string[]; sawEmpty: boolean };
    w.shown = [];
    w.sawEmpty = false;
    const look = () => {
      const id = document.querySelector('[data-testid="record"]')?.getAttribute("data-record-id");
      if (id && w.shown[w.shown.length - 1] !== id) w.shown.push(id);
      if (document.querySelector('[data-testid="queue-empty"]')) w.sawEmpty = true;
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("i");
    await page.waitForTimeout(20 + (i % 5) * 20);
  }
  await page.waitForTimeout(2_000);
  const { shown, sawEmpty } = await page.evaluate(() => {
    const w = window as unknown as { shown: string[]; sawEmpty: boolean };
    return { shown: w.shown, sawEmpty: w.sawEmpty };
  });
  expect(sawEmpty, "'Nothing left' appeared while 10+ records remained").toBe(false);
  const decided = await db.screeningDecision.findMany({ where: { reviewerId: reviewer.id } });
  expect(decided.length).toBeGreaterThan(0);
  for (const d of decided) expect(shown, `record ${d.recordId} was decided without being shown`).toContain(d.recordId);
  await expect(record(page)).toBeVisible();
});
