// `npm test`: the same set-up as `npm start`, then lint, typecheck, unit tests and Playwright e2e.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { build, migrateAndSeed, run, setup, step } from "./setup.mjs";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
const hasCommand = (name) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;

function aptInstall(packages, why) {
  step(`Installing ${why} (apt-get: ${packages.join(" ")})`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/** Debian's chromium for the e2e tests, and R with metafor and psych for the reproducibility checks. */
function ensureSystemPackages() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const needChromium = !existsSync(chromium);
  const needR = !hasCommand("Rscript") || spawnSync("Rscript", ["-e", "library(metafor); library(psych)"], { stdio: "ignore" }).status !== 0;
  if (!needChromium && !needR) return;
  if (!isRoot || !hasApt) {
    if (needR) console.warn("\n! R with metafor and psych is missing: the tests that re-run analyses in R will be skipped.\n  Install with:  sudo apt-get install -y r-base-core r-cran-metafor r-cran-psych r-cran-jsonlite");
    if (!needChromium) return;
    console.error(
      `\n✗ The e2e tests need Debian's chromium at ${chromium}.\n` +
        "  Install it with:  sudo apt-get install -y chromium\n" +
        "  or point CHROMIUM_PATH at another Chromium. (Never `npx playwright install`: it downloads a browser.)",
    );
    process.exit(1);
  }
  aptInstall(
    [...(needChromium ? ["chromium"] : []), ...(needR ? ["r-base-core", "r-cran-metafor", "r-cran-psych", "r-cran-jsonlite"] : [])],
    [needChromium && "Debian's chromium for the e2e tests", needR && "R with metafor and psych for the reproducibility checks"].filter(Boolean).join(" and "),
  );
}

setup();
// The same set-up as npm start, so `prisma migrate deploy` itself is exercised on every run (the
// test databases apply the same migration files directly).
migrateAndSeed();
step("Lint (eslint)");
run("npx", ["eslint", "."]);
step("Typecheck (tsc --noEmit)");
run("npx", ["tsc", "--noEmit", "-p", "."]);
ensureSystemPackages();
step("Unit tests (vitest)");
run("npx", ["vitest", "run"]);
build();
step("End-to-end tests (Playwright on Debian chromium)");
run("npx", ["playwright", "test"]);
console.log("\n✓ All checks passed.");
