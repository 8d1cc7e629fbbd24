import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { test, expect, createTestUser, createTestReview, addRoles, login } from "./fixtures";
import { db } from "@/lib/db";
import { svgToPdf } from "@/lib/flow/export";
import { renderSyntheticBarChart } from "@/lib/digitiser/synthetic-chart";
import { ACCURACY_CASES } from "@/lib/digitiser/accuracy";

/** The e2e server stores uploads under ./data/uploads (SIEVE_DATA_DIR's default); the test writes the PDF there directly. */
function storeTestPdf(reviewId: string, bytes: Buffer): string {
  const relative = path.join(reviewId.replace(/\W/g, ""), `figure-test-${randomUUID()}.pdf`);
  const full = path.resolve(process.env.SIEVE_DATA_DIR ?? "data", "uploads", relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, bytes);
  return relative;
}

test("a reviewer digitises a bar with an SEM error bar from the study's PDF, and the value lands in the form with its locator", async ({ page }) => {
  const owner = await createTestUser("Figure Owner");
  const alice = await createTestUser("Alice Extractor");
  const review = await createTestReview(owner);
  await addRoles(review.id, alice, ["REVIEWER"]);
  const chartCase = ACCURACY_CASES[0]; // linear 0–100, SEM bars
  const chart = renderSyntheticBarChart(chartCase);
  const record = await db.record.create({ data: { reviewId: review.id, title: "MSC-EVs in ovariectomised rats", authors: [], keywords: [], mesh: [], raw: {} } });
  const study = await db.study.create({ data: { reviewId: review.id, label: "Hu 2020", reports: { connect: { id: record.id } } } });
  await db.fullText.create({ data: { recordId: record.id, status: "RETRIEVED", filePath: storeTestPdf(review.id, await svgToPdf(chart.svg, { title: "Figure 2" })) } });
  await db.outcome.create({ data: { reviewId: review.id, name: "BV/TV", unit: "%" } });
  const experiments = [{ id: "e1", label: "OVX rats", groups: [{ id: "g1", name: "OVX+EV", n: 6, descriptors: {} }, { id: "g2", name: "OVX", n: 6, isControl: true, descriptors: {} }], comparisons: [] }];
  await db.extractionEntry.create({ data: { reviewId: review.id, studyId: study.id, reviewerId: alice.id, values: {}, outcomeData: { experiments, arms: [], effects: [] } } });

  // Tall enough that the whole page render (720 px at 100%) fits the figure's scroll box (70% of the height).
  await page.setViewportSize({ width: 1400, height: 1200 });
  await login(page, alice);
  await page.goto(`/reviews/${review.slug}/figures/${study.id}`);
  const overlay = page.getByTestId("figure-overlay");
  await expect(overlay).toBeVisible({ timeout: 20_000 });
  // PDF points are SVG units; PDF.js renders at 2 canvas pixels per point, shown at 100%.
  const clickAt = (p: { x: number; y: number }) => overlay.click({ position: { x: p.x * 2, y: p.y * 2 } });

  await expect(page.getByTestId("next-click")).toHaveText("y-axis reference point 1");
  const [low, high] = [chart.ticks[0], chart.ticks[chart.ticks.length - 1]];
  await clickAt(low);
  await clickAt(high);
  await page.getByLabel("y-axis value 1").fill(String(low.value));
  await page.getByLabel("y-axis value 2").fill(String(high.value));

  await page.getByRole("button", { name: "Add a bar / mean ± error" }).click();
  await page.getByLabel("Group 1 from the form").selectOption({ label: "OVX+EV" });
  await expect(page.getByLabel("Group 1 error bar")).toHaveValue("SEM");
  const bar = chart.bars[0];
  await clickAt(bar.meanAt);
  await clickAt(bar.errorAt);
  const read = await page.getByTestId("derived-0").textContent();
  const [, mean, sem] = /mean ([\d.]+), SEM ([\d.]+)/.exec(read ?? "") ?? [];
  // Issue 11: within 0.5% of the axis range (100).
  expect(Math.abs(Number(mean) - bar.mean)).toBeLessThan(0.5);
  expect(Math.abs(Number(mean) + Number(sem) - (bar.mean + bar.error))).toBeLessThan(0.5);

  await page.getByLabel("Figure (locator)").fill("Figure 2, page 1");
  await page.getByLabel("Outcome").selectOption("BV/TV");
  await page.getByRole("button", { name: "Save digitisation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toContainText("values written to the form for OVX+EV");

  const entry = await db.extractionEntry.findFirstOrThrow({ where: { studyId: study.id, reviewerId: alice.id } });
  const arm = (entry.outcomeData as { arms: { groupId: string; locator: string; data: { mean: number; se: number; n: number } }[] }).arms[0];
  expect(arm).toMatchObject({ groupId: "g1", locator: "Figure 2, page 1" });
  expect(arm.data.n).toBe(6);
  expect(Math.abs(arm.data.mean - bar.mean)).toBeLessThan(0.5);
  expect(Math.abs(arm.data.se - bar.error)).toBeLessThan(1);
  await expect(page.getByTestId("digitisation")).toContainText("Figure 2, page 1");
});

test("the digitiser's page and endpoints: extractors and those who reconcile get in, a non-member gets 404, signed out goes to sign-in", async ({ browser }) => {
  const owner = await createTestUser("Figures Owner");
  const reviewer = await createTestUser("Figures Reviewer");
  const adjudicator = await createTestUser("Figures Adjudicator");
  const outsider = await createTestUser("Figures Outsider");
  const review = await createTestReview(owner);
  await addRoles(review.id, reviewer, ["REVIEWER"]);
  await addRoles(review.id, adjudicator, ["ADJUDICATOR"]);
  const study = await db.study.create({ data: { reviewId: review.id, label: "Yang 2022" } });
  const page = `/reviews/${review.slug}/figures/${study.id}`;
  for (const [user, allowed] of [[owner, true], [reviewer, true], [adjudicator, true], [outsider, false]] as const) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await login(p, user);
    expect((await p.request.get(page, { maxRedirects: 0 })).status(), `${user.name} GET ${page}`).toBe(allowed ? 200 : 404);
    const upload = await p.request.post(`${page}/upload`, { multipart: { note: "no file" } });
    expect(upload.status(), `${user.name} POST upload`).toBe(allowed ? 400 : 404);
    expect((await p.request.get(`/reviews/${review.slug}/figures/image/no-such-id`)).status()).toBe(404);
    await context.close();
  }
  const signedOut = await browser.newContext();
  const response = await signedOut.request.get(page, { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  await signedOut.close();
});
