import { test, expect, createTestUser, createTestReview, addRoles, login } from "./fixtures";
import type { Page } from "@playwright/test";
import { db } from "@/lib/db";
import { SYRCLE } from "@/lib/rob/tools";

/** Rates every SYRCLE item through its signalling questions: "Yes" everywhere, "No" on the items in `high`. */
async function rateStudy(page: Page, slug: string, studyId: string, quote: string, high: string[] = []) {
  await page.goto(`/reviews/${slug}/risk-of-bias/${studyId}`);
  for (const item of SYRCLE.items) {
    const form = page.getByRole("form", { name: `Item ${item.id}`, exact: true });
    const answer = high.includes(item.id) ? "No" : "Yes";
    for (const q of item.questions) await form.getByRole("group", { name: new RegExp(`^${q.id.replace(".", "\\.")} `) }).getByLabel(answer, { exact: true }).check();
    await expect(form.getByTestId(`proposed-${item.id}`)).toHaveText(`Proposed: ${answer === "Yes" ? "Low" : "High"}`);
    await form.getByLabel(/Supporting quote or note/).fill(`${quote} on item ${item.id}`);
    await form.getByRole("button", { name: `Save item ${item.id}` }).click();
    await expect(form.getByRole("status")).toHaveText("Saved.");
  }
}

async function submit(page: Page) {
  const form = page.getByRole("form", { name: "Submit assessment" });
  await form.getByRole("button").click();
  await expect(form.getByRole("status")).toHaveText("Submitted.");
}

test("two raters rate two studies with SYRCLE blind, one disagreement is settled, kappa and both plots appear and export", async ({ page }) => {
  test.setTimeout(300_000);
  const owner = await createTestUser("RoB Owner");
  const alice = await createTestUser("Alice Rater");
  const bob = await createTestUser("Bob Rater");
  const judge = await createTestUser("Ada Adjudicator");
  const review = await createTestReview(owner);
  await addRoles(review.id, alice, ["REVIEWER"]);
  await addRoles(review.id, bob, ["REVIEWER"]);
  await addRoles(review.id, judge, ["ADJUDICATOR"]);
  const hu = await db.study.create({ data: { reviewId: review.id, label: "Hu 2020" } });
  const ito = await db.study.create({ data: { reviewId: review.id, label: "Ito 2021" } });
  const base = `/reviews/${review.slug}/risk-of-bias`;

  await login(page, alice);
  await rateStudy(page, review.slug, hu.id, "Alice's secret quote");
  await submit(page);
  await rateStudy(page, review.slug, ito.id, "Alice on Ito");
  await submit(page);

  await page.context().clearCookies();
  await login(page, bob);
  await page.goto(`${base}/${hu.id}`);
  await expect(page.getByTestId("rob-blinded")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Alice's secret quote");
  await page.goto(base);
  await expect(page.getByTestId("rob-grid")).not.toContainText("Alice");
  await rateStudy(page, review.slug, hu.id, "Bob's own quote", ["3"]);
  // Bob has not submitted: Alice still sees nothing of his.
  await page.context().clearCookies();
  await login(page, alice);
  await page.goto(`${base}/${hu.id}`);
  await expect(page.getByTestId("rob-blinded")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Bob's own quote");
  await page.goto(base);
  await expect(page.getByTestId("rob-grid")).not.toContainText("Bob");

  await page.context().clearCookies();
  await login(page, bob);
  await page.goto(`${base}/${hu.id}`);
  await submit(page);
  await expect(page.getByTestId("rob-comparison")).toContainText("Alice's secret quote");
  await rateStudy(page, review.slug, ito.id, "Bob on Ito");
  await submit(page);

  await page.context().clearCookies();
  await login(page, judge);
  await page.goto(`${base}/${hu.id}`);
  const comparison = page.getByTestId("rob-comparison");
  await expect(comparison.locator('tr[data-disagreement="yes"]')).toHaveCount(1);
  await expect(comparison.locator('tr[data-disagreement="yes"]')).toHaveAttribute("data-item", "3");
  await page.getByRole("form", { name: "Accept agreements" }).getByRole("button").click();
  await expect(page.getByRole("form", { name: "Accept agreements" }).getByRole("status")).toHaveText("Agreed items taken as consensus.");
  const settle = page.getByRole("form", { name: "Consensus for 3. Allocation concealment" });
  await settle.getByLabel("Consensus judgement").selectOption("HIGH");
  await settle.getByLabel(/Note/).fill("Envelopes were not opaque (Methods, p. 3)");
  await settle.getByRole("button", { name: "Save consensus" }).click();
  await expect(settle.getByRole("status")).toHaveText("Consensus saved.");
  await page.goto(`${base}/${ito.id}`);
  await page.getByRole("form", { name: "Accept agreements" }).getByRole("button").click();
  await expect(page.getByRole("form", { name: "Accept agreements" }).getByRole("status")).toHaveText("Agreed items taken as consensus.");

  await page.goto(base);
  const agreement = page.getByTestId("rob-agreement");
  // 20 pooled item judgements, 19 agreeing.
  await expect(agreement.locator('tr[data-item="overall"]')).toContainText("20");
  await expect(agreement.locator('tr[data-item="overall"]')).toContainText("95%");
  for (const plot of ["traffic-light", "summary"]) {
    const img = page.getByTestId(`rob-${plot}`);
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(100);
    const png = await page.request.get(`${base}/export?format=${plot}.png`);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
  }
  const svg = await (await page.request.get(`${base}/export?format=traffic-light.svg`)).text();
  expect(svg).toContain('data-cell="Hu 2020|3" data-judgement="HIGH"');
  const csv = await (await page.request.get(`${base}/export?format=csv`)).text();
  expect(csv.split("\n")[1]).toBe("Hu 2020,Low,Low,High,Low,Low,Low,Low,Low,Low,Low,1");
  const kappaCsv = await (await page.request.get(`${base}/export?format=agreement`)).text();
  expect(kappaCsv).toMatch(/^item,n,kappa/);
  expect(kappaCsv).toMatch(/\noverall,20,/);
});
