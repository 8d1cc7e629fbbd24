import { test, expect, createTestUser } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";

/** A browser of its own, signed in through the real sign-in form, so its session carries what sign-in puts in it. */
async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/reviews/);
  return page;
}

test("a password change keeps this session and ends the others; an administrator's reset ends them all", async ({ browser }) => {
  const user = await createTestUser("Careful");
  const laptop = await signedIn(browser, user.email, user.password);
  const lostPhone = await signedIn(browser, user.email, user.password);

  await laptop.goto("/account");
  const form = laptop.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill(user.password);
  await form.getByLabel("New password", { exact: true }).fill("changed-password-2026");
  await form.getByLabel("New password again").fill("changed-password-2026");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed.");

  await laptop.goto("/reviews");
  await expect(laptop).toHaveURL(/\/reviews$/);
  await lostPhone.goto("/reviews");
  await expect(lostPhone).toHaveURL(/\/sign-in/);

  // The CLI's reset, for an instance without e-mail, ends the session that survived the change.
  execFileSync("npx", ["tsx", "--conditions=react-server", "bin/sieve.ts", "user", "reset-password", "--email", user.email, "--password-stdin"], {
    input: "admin-set-password-1\n",
    env: { ...process.env, DATABASE_URL: process.env.SIEVE_E2E_DATABASE_URL },
  });
  await laptop.goto("/reviews");
  await expect(laptop).toHaveURL(/\/sign-in/);
  const again = await signedIn(browser, user.email, "admin-set-password-1");
  await again.goto("/account");
  await expect(again).toHaveURL(/\/account$/);
});
