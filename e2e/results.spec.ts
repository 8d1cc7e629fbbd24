/**
 * Results (issue 13 point 12): an owner defines an analysis on the consensus data, sees the
 * forest plot, adds a subgroup, runs leave-one-out, exports SVG, PNG and the reproducibility
 * bundle, and the bundle's `sieve meta` command gives the same numbers again.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { addConsensusStudy, addTestForm, type TestStudy } from "@/lib/analyses/test-data";
import { addRoles, createTestReview, createTestUser, expect, login, test } from "./fixtures";

const STUDIES: TestStudy[] = [
  ["Hu 2020", 32.1, 4.2, 8, 25.3, 5.1, 8, "rat"],
  ["Li 2021", 28.4, 3.9, 6, 24.9, 4.4, 6, "mouse"],
  ["Wu 2019", 35.0, 6.0, 10, 26.0, 5.5, 10, "rat"],
  ["Zhao 2022", 30.2, 5.0, 7, 29.0, 4.8, 7, "mouse"],
].map(([label, m1, s1, n1, m2, s2, n2, species]) => ({
  label: label as string, outcome: "BV/TV",
  treatment: { mean: m1 as number, sd: s1 as number, n: n1 as number }, control: { mean: m2 as number, sd: s2 as number, n: n2 as number },
  characteristics: { species: species as string, dose: 10, year: 2020 },
}));

test("define an analysis, add a subgroup, leave one out, export, and re-run the bundle", async ({ page }) => {
  const owner = await createTestUser("Results Owner");
  const review = await createTestReview(owner);
  await addRoles(review.id, owner, ["REVIEWER"]);
  const form = await addTestForm(review.id);
  for (const s of STUDIES) await addConsensusStudy(review.id, form.id, [s]);
  await login(page, owner);

  await page.goto(`/reviews/${review.slug}/results`);
  const create = page.getByRole("form", { name: "New analysis" });
  await create.getByLabel("Name", { exact: true }).fill("BV/TV main");
  await create.getByLabel("Outcome", { exact: true }).selectOption("BV/TV");
  await create.getByLabel("Effect measure", { exact: true }).selectOption("SMD");
  await create.getByLabel("Model", { exact: true }).selectOption("REML");
  await create.getByRole("button", { name: "Create analysis" }).click();

  await expect(page.getByRole("heading", { name: "BV/TV main" })).toBeVisible();
  const forest = page.getByTestId("figure-forest");
  await expect(forest.locator("svg")).toBeVisible();
  await expect(forest).toContainText("Total (95% CI)");
  await expect(forest).toContainText("Heterogeneity: Tau² =");

  const settings = page.getByRole("form", { name: "Analysis settings" });
  await settings.getByLabel("Subgroups by", { exact: true }).selectOption("species");
  await settings.getByRole("button", { name: "Save and recompute" }).click();
  await expect(forest).toContainText("species: rat");
  await expect(page.getByTestId("subgroup-test")).toContainText("Test for subgroup differences (species)");

  await page.getByTestId("leave1out").locator("summary").click();
  await expect(page.getByTestId("leave1out-table")).toContainText("Hu 2020");
  await expect(page.getByTestId("figure-leave1out").locator("svg")).toBeVisible();

  const exports = page.getByTestId("export-forest");
  const svg = await page.request.get((await exports.getByRole("link", { name: "SVG" }).getAttribute("href"))!);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("Total (95% CI)");
  const png = await page.request.get((await exports.getByRole("link", { name: "PNG" }).getAttribute("href"))!);
  expect(png.headers()["content-type"]).toBe("image/png");
  const pngBytes = await png.body();
  expect(pngBytes.subarray(1, 4).toString()).toBe("PNG");
  expect(pngBytes.readUInt32BE(16)).toBe(Math.round((176 / 25.4) * 300)); // 176 mm at 300 dpi

  const bundle = await page.request.get((await page.getByRole("link", { name: /reproducibility bundle/ }).getAttribute("href"))!);
  expect(bundle.headers()["content-type"]).toBe("application/zip");
  const zip = await JSZip.loadAsync(await bundle.body());
  const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-e2e-bundle-"));
  writeFileSync(path.join(dir, "data.csv"), await zip.file("data.csv")!.async("string"));
  const command = (await zip.file("command.txt")!.async("string")).trim();
  const expected = JSON.parse(await zip.file("results.json")!.async("string"));
  const args = command.replace("npm run --silent sieve -- ", "").split(" ").map((a) => (a === "data.csv" ? path.join(dir, "data.csv") : a));
  const again = JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "bin/sieve.ts", ...args], { encoding: "utf8", env: process.env }));
  for (const key of ["k", "estimate", "ciLower", "ciUpper", "tau2", "I2", "subgroups"]) expect(again[key], key).toEqual(expected[key]);
  // The page shows the same pooled numbers.
  // The effect column is decimal-aligned, so "estimate [lower, upper]" is drawn as separate text elements.
  await expect(forest).toContainText(`${expected.estimate.toFixed(2)}[${expected.ciLower.toFixed(2)},${expected.ciUpper.toFixed(2)}]`);
});
