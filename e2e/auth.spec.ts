import { encode } from "next-auth/jwt";
import { test, expect, createTestUser } from "./fixtures";

test("a new user signs up, signs out and signs back in", async ({ page }) => {
  const email = `newcomer-${Date.now()}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Newcomer");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your reviews" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toHaveText("Newcomer");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.goto("/reviews");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your reviews" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const user = await createTestUser("Careful");
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an expired session is treated as signed out", async ({ page }) => {
  const user = await createTestUser("Expired");
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: process.env.NEXTAUTH_SECRET!, maxAge: -60 });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  await page.goto("/reviews");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
