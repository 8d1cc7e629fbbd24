import { test, expect, createTestUser, createTestReview, login } from "./fixtures";
import type { Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/test/smtp-server";
import { NO_MAIL, RESET_REQUESTED } from "@/lib/password-reset/schema";

// Issue 16 item 4: invitations and "Forgot password?", with and without e-mail. The shared e2e
// server runs without SMTP; for the e-mail journeys this spec starts its own `next start` of the
// same build, with SMTP pointing at a real local SMTP server it also starts, on the same database.

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("without e-mail set up, the members page says so and Forgot password? says to ask the administrator", async ({ page }) => {
  const owner = await createTestUser("Mailless Owner");
  const review = await createTestReview(owner);
  await login(page, owner);
  await page.goto(`/reviews/${review.slug}/members`);
  await expect(page.getByRole("form", { name: "Add a member" })).toContainText("E-mail is not configured on this server");
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByTestId("no-mail")).toHaveText(NO_MAIL);
  await expect(page.getByRole("form", { name: "Ask for a reset link" })).toHaveCount(0);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

test.describe("with e-mail set up", () => {
  test.describe.configure({ mode: "serial", timeout: 150_000 });
  let smtp: TestSmtpServer;
  let server: ChildProcess;
  let baseURL: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    smtp = await startTestSmtpServer();
    const port = await freePort();
    baseURL = `http://localhost:${port}`;
    server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: process.env.SIEVE_E2E_DATABASE_URL, NEXTAUTH_URL: baseURL, SMTP_URL: smtp.url, SMTP_FROM: "Sieve <sieve@e2e.test>" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitForServer(`${baseURL}/sign-in`, server);
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    await smtp?.close();
  });

  test("forgot password → e-mailed link → new password → sign in; the old password and the used link stop working", async ({ page }) => {
    const user = await createTestUser("Forgetful Reviewer");
    await page.goto(`${baseURL}/sign-in`);
    await page.getByRole("link", { name: "Forgot password?" }).click();
    const form = page.getByRole("form", { name: "Ask for a reset link" });
    // An address without an account gets the very same answer, and no e-mail.
    const ghost = `ghost-${randomUUID().slice(0, 8)}@e2e.test`;
    await form.getByLabel("E-mail").fill(ghost);
    await form.getByRole("button", { name: "Send reset link" }).click();
    await expect(form.getByRole("status")).toHaveText(RESET_REQUESTED);
    await page.reload();
    await form.getByLabel("E-mail").fill(user.email);
    await form.getByRole("button", { name: "Send reset link" }).click();
    await expect(form.getByRole("status")).toHaveText(RESET_REQUESTED);

    const mail = await smtp.waitForMail(user.email);
    expect(smtp.received.some((m) => m.to.includes(ghost))).toBe(false);
    const link = mail.text.match(/http:\/\/localhost:\d+\/reset-password\?token=\S+/)?.[0];
    expect(link).toBeTruthy();
    expect(link!.startsWith(`${baseURL}/`)).toBe(true);

    await page.goto(link!);
    const reset = page.getByRole("form", { name: "Choose a new password" });
    await reset.getByLabel("New password", { exact: true }).fill("fresh-password-2026");
    await reset.getByLabel("New password again").fill("fresh-password-2026");
    await reset.getByRole("button", { name: "Set new password" }).click();
    await page.getByRole("link", { name: "Sign in with your new password" }).click();

    await signIn(page, user.email, user.password);
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong e-mail or password.");
    await signIn(page, user.email, "fresh-password-2026");
    await expect(page.getByTestId("current-user")).toHaveText(user.name);

    await page.goto(link!);
    await expect(page.getByText(/This reset link is no longer valid/)).toBeVisible();
    await expect(page.getByRole("form", { name: "Choose a new password" })).toHaveCount(0);
  });

  test("an owner's invitation is e-mailed; the owner is told so and still sees the link", async ({ page }) => {
    const owner = await createTestUser("Mailing Owner");
    const review = await createTestReview(owner);
    await login(page, owner);
    await page.goto(`${baseURL}/reviews/${review.slug}/members`);
    const email = `invitee-${randomUUID().slice(0, 8)}@e2e.test`;
    const form = page.getByRole("form", { name: "Add a member" });
    await expect(form).toContainText("gets an invitation by e-mail");
    await form.getByLabel("Their e-mail").fill(email);
    await form.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByText(/so an invitation was made and e-mailed to them/)).toBeVisible();
    const shown = await page.getByLabel(`Sign-up link for ${email}`).first().inputValue();
    const mail = await smtp.waitForMail(email);
    expect(mail.text).toContain(shown);
  });
});
