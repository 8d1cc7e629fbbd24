/**
 * `sieve analysis create|list|show` and the reproducibility bundle: the bundle's `sieve meta`
 * command gives the page's numbers, and its R script (metafor) gives them too where Rscript is
 * installed (skipped, saying so, where it is not).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { analysisCommand } from "@/bin/commands/analysis";
import { meta } from "@/bin/commands/meta";
import { parseSieveCheck } from "@/lib/stats/metafor-script";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { addConsensusStudy, addTestForm, type TestStudy } from "./test-data";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

async function capture(run: () => Promise<number>): Promise<string> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    expect(await run()).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

const STUDIES: TestStudy[] = [
  ["Hu 2020", 32.1, 4.2, 8, 25.3, 5.1, 8, "rat", 100],
  ["Li 2021", 28.4, 3.9, 6, 24.9, 4.4, 6, "mouse", 50],
  ["Wu 2019", 35.0, 6.0, 10, 26.0, 5.5, 10, "rat", 200],
  ["Zhao 2022", 30.2, 5.0, 7, 29.0, 4.8, 7, "mouse", 20],
  ["Qi 2018", 33.5, 4.4, 9, 27.1, 4.0, 9, "rat", 400],
].map(([label, m1, s1, n1, m2, s2, n2, species, dose]) => ({
  label: label as string, outcome: "BV/TV",
  treatment: { mean: m1 as number, sd: s1 as number, n: n1 as number }, control: { mean: m2 as number, sd: s2 as number, n: n2 as number },
  characteristics: { species: species as string, dose: dose as number, year: 2020 },
}));

const hasR = spawnSync("Rscript", ["-e", "suppressPackageStartupMessages(library(metafor))"], { stdio: "ignore" }).status === 0;

let bundled: { dir: string; created: Record<string, number> } | undefined;

describe("sieve analysis and the reproducibility bundle", () => {
  it("creates, lists and shows an analysis; the bundle's sieve meta command gives the page's numbers", async () => {
    const { review, owner, reviewer } = await makeReviewWithTeam();
    const form = await addTestForm(review.id);
    for (const s of STUDIES) await addConsensusStudy(review.id, form.id, [s]);
    const slug = review.slug;

    const created = JSON.parse(await capture(() => analysisCommand.run(["create", "--review", slug, "--name", "BV/TV REML", "--outcome", "BV/TV", "--measure", "smd", "--method", "REML", "--test", "knha", "--subgroup", "species", "--moderator", "dose", "--as", owner.email, "--json"])));
    expect(created).toMatchObject({ id: expect.any(String), name: "BV/TV REML", k: 5 });
    expect(Object.keys(created).slice(2, 8)).toEqual(["k", "estimate", "se", "ciLower", "ciUpper", "statistic"]);
    expect(created.subgroups).toHaveLength(2);
    expect(created.moderator.slope).toEqual(expect.any(Number));

    // Reviewers cannot create; they can list (no extraction is open, so results are visible).
    await expect(analysisCommand.run(["create", "--review", slug, "--name", "X", "--outcome", "BV/TV", "--measure", "MD", "--method", "DL", "--as", reviewer.email])).rejects.toThrow(/does not have the role/);
    const list = JSON.parse(await capture(() => analysisCommand.run(["list", "--review", slug, "--as", reviewer.email, "--json"])));
    expect(list.map((a: { name: string }) => a.name)).toEqual(["BV/TV REML"]);

    const dir = mkdtempSync(path.join(os.tmpdir(), "sieve-bundle-"));
    const [zipFile, forestFile, funnelFile] = ["b.zip", "forest.svg", "funnel.svg"].map((f) => path.join(dir, f));
    const shown = JSON.parse(await capture(() => analysisCommand.run(["show", "--review", slug, "--analysis", "BV/TV REML", "--bundle", zipFile, "--forest", forestFile, "--funnel", funnelFile, "--json"])));
    expect(shown).toEqual(created);
    expect(readFileSync(forestFile, "utf8")).toMatch(/^<svg[^>]*>.*Hu 2020.*Total \(95% CI\)/s);
    expect(readFileSync(funnelFile, "utf8")).toMatch(/Standard error/);

    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    expect(Object.keys(zip.files).sort()).toEqual(["README.txt", "analysis.R", "command.txt", "data.csv", "results.json"]);
    for (const name of Object.keys(zip.files)) writeFileSync(path.join(dir, name), await zip.file(name)!.async("nodebuffer"));
    const command = readFileSync(path.join(dir, "command.txt"), "utf8").trim();
    expect(command).toBe("npm run --silent sieve -- meta --data data.csv --measure SMD --method REML --test knha --smd-variant metafor --subgroup subgroup --moderator moderator --egger --begg --trimfill --leave1out --json");
    const args = command.replace("npm run --silent sieve -- meta ", "").split(" ").filter((a) => a !== "--json");
    const cwd = process.cwd();
    process.chdir(dir);
    let again: Record<string, unknown>;
    try {
      again = JSON.parse(await capture(() => meta.run([...args, "--json"])));
    } finally {
      process.chdir(cwd);
    }
    for (const key of ["k", "estimate", "se", "ciLower", "ciUpper", "statistic", "pValue", "tau2", "I2", "Q", "weights", "subgroups", "subgroupTest", "moderator", "egger", "begg", "trimfill", "leave1out"]) {
      expect(again[key], key).toEqual(created[key]);
    }

    bundled = { dir, created };
  }, 120_000);

  if (!hasR) console.warn("SKIPPED: the bundle's R script is not run: Rscript with metafor is not installed here.");
  it.skipIf(!hasR)("the bundle's R script (metafor) prints a sieve-check line with the page's numbers", () => {
    if (!bundled) throw new Error("the bundle test above did not finish");
    const { dir, created } = bundled;
    const output = execFileSync("Rscript", ["analysis.R"], { cwd: dir, encoding: "utf8" });
    expect(output.trim().split("\n").at(-1)).toMatch(/^sieve-check: k=5 estimate=\S+ ciLower=\S+ ciUpper=\S+ tau2=\S+ I2=\S+$/);
    const check = parseSieveCheck(output)!;
    expect(check.k).toBe(created.k);
    for (const key of ["estimate", "ciLower", "ciUpper", "tau2", "I2"] as const) expect(check[key], key).toBeCloseTo(created[key], 6);
  }, 60_000);
});
