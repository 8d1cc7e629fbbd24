/**
 * The 001 demo review as a newcomer meets it: built by the CLI (`sieve demo --replace`), its
 * dashboard says which stages hold the article's own data, its PRISMA diagram shows the typed flow,
 * and its results page shows the MAR forest plot with the article's pooled result.
 */
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { test, expect, login } from "./fixtures";
import { db } from "@/lib/db";

const boxText = (page: Page, field: string) => () =>
  page.getByTestId("prisma-diagram").locator(`[data-field="${field}"] text`).allTextContents().then((lines) => lines.join(" "));

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

  // Zhang et al. 2025, Figure 7: SMD 8.88 [2.23, 15.53], I² = 74%, Z = 2.62 (P = 0.009). Tau² prints
  // 17.03, not 17.02: the article gives each study's CI to two decimals, and from those τ² is 17.028.
  await page.goto(`/reviews/${slug}/results`);
  await page.getByRole("link", { name: "MAR (Figure 7)" }).first().click();
  const forest = page.getByTestId("figure-forest");
  await expect(forest.locator("svg")).toBeVisible();
  // The effect column is decimal-aligned, so its parts are separate text elements.
  await expect(forest).toContainText("8.88[2.23,15.53]");
  await expect(forest).toContainText("Chi² = 3.80, df = 1 (P = 0.05); I² = 74%");
  await expect(forest).toContainText("Z = 2.62 (P = 0.009)");
});
