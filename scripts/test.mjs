// `npm test`: the same set-up as `npm start`, then lint, typecheck, unit tests and Playwright e2e.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { build, migrateAndSeed, run, setup, step } from "./setup.mjs";

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(chromium)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `\n✗ The e2e tests need Debian's chromium at ${chromium}.\n` +
        "  Install it with:  sudo apt-get install -y chromium\n" +
        "  or point CHROMIUM_PATH at another Chromium. (Never `npx playwright install`: it downloads a browser.)",
    );
    process.exit(1);
  }
  step("Installing Debian's chromium for the e2e tests (apt-get)");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

setup();
// The same set-up as npm start, so `prisma migrate deploy` itself is exercised on every run (the
// test databases apply the same migration files directly).
migrateAndSeed();
step("Lint (eslint)");
run("npx", ["eslint", "."]);
step("Typecheck (tsc --noEmit)");
run("npx", ["tsc", "--noEmit", "-p", "."]);
step("Unit tests (vitest)");
run("npx", ["vitest", "run"]);
ensureChromium();
build();
step("End-to-end tests (Playwright on Debian chromium)");
run("npx", ["playwright", "test"]);
console.log("\n✓ All checks passed.");
