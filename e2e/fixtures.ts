import { test as base, expect, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { randomUUID } from "node:crypto";
import { db, writeTransaction } from "@/lib/db";
import { createUser } from "@/lib/users/mutations";
import { createReview } from "@/lib/reviews/mutations";
import type { Role } from "@/lib/auth/roles";

export type TestUser = { id: string; email: string; name: string; password: string };

/** A real account in the e2e database with a unique e-mail. */
export async function createTestUser(name: string): Promise<TestUser> {
  const password = `pw-${randomUUID()}`;
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@e2e.test`;
  const user = await createUser(db, { email, name, password });
  return { ...user, password };
}

export async function createTestReview(owner: TestUser, title = `E2E review ${randomUUID().slice(0, 6)}`) {
  return writeTransaction((tx) =>
    createReview(tx, owner.id, { title, question: "", population: "", intervention: "", comparator: "", outcomes: "", studyDesigns: "", registrationId: "", inclusionCriteria: "", exclusionCriteria: "" }),
  );
}

export async function addRoles(reviewId: string, user: TestUser, roles: Role[]) {
  for (const role of roles) await db.membership.create({ data: { reviewId, userId: user.id, role } });
}

/** Signs in by setting the session cookie directly; only the auth spec goes through the form. */
export async function login(page: Page, user: TestUser) {
  const token = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret: process.env.NEXTAUTH_SECRET! });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
}

/**
 * Presses a screening key once the page says keys apply to the record on screen: `data-shown`
 * turns true a frame after the record is painted by the hydrated page. A key pressed before that
 * (the server-rendered page, or the frame after an undo) is ignored by design, so a test must wait.
 */
export async function pressOnShown(page: Page, key: string) {
  await expect(page.locator('[data-shown="true"]')).toBeVisible();
  await page.keyboard.press(key);
}

/** Waits until a page's keyboard shortcuts are listening (`data-keys="on"`, set once the listener is attached). */
export async function keysListening(page: Page) {
  await expect(page.locator('[data-keys="on"]').first()).toBeAttached();
}

export const test = base;
export { expect };
