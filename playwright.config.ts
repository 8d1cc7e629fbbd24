import { defineConfig } from "@playwright/test";
import { rmSync } from "node:fs";
import path from "node:path";
import { createMigratedDatabase } from "./lib/test/temp-db";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Runs side by side on other ports keep their own artefacts, so one run's clean-up cannot break another's traces.
const OUTPUT_DIR = path.resolve(process.env.E2E_PORT ? `test-results/port-${PORT}` : "test-results");

// Prepared once in the main process (workers inherit the variables): a fresh, migrated database
// that the server and the tests' fixtures share. Absolute paths, because cwd differs between them.
if (!process.env.SIEVE_E2E_DATABASE_URL) {
  process.env.SIEVE_E2E_DATABASE_URL = createMigratedDatabase();
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
}
process.env.DATABASE_URL = process.env.SIEVE_E2E_DATABASE_URL;
process.env.NEXTAUTH_SECRET ??= "e2e-secret-0123456789abcdefghijklmnop";

export default defineConfig({
  testDir: "e2e",
  outputDir: OUTPUT_DIR,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://localhost:${PORT}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATABASE_URL: process.env.SIEVE_E2E_DATABASE_URL,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${PORT}`,
    },
  },
});
