import { test, expect, createTestUser, createTestReview, addRoles, login, pressOnShown } from "./fixtures";
import { db } from "@/lib/db";

// Issue 16, item 10: an owner splits the records among reviewers, and each reviewer's queue and
// progress hold only their share; a record assigned to one reviewer is settled by that one vote.

test("an owner splits title/abstract screening between two reviewers; each screens only their share", async ({ browser }) => {
  const owner = await createTestUser("Split Owner");
  const ann = await createTestUser("Ann Split");
  const ben = await createTestUser("Ben Split");
  const review = await createTestReview(owner);
  await addRoles(review.id, ann, ["REVIEWER"]);
  await addRoles(review.id, ben, ["REVIEWER"]);
  for (let i = 0; i < 6; i++) {
    await db.record.create({ data: { reviewId: review.id, position: i, title: `Split record ${i}: rats`, abstract: "Rats.", authors: [], year: 2020, journal: "Bone", keywords: [], mesh: [], raw: {} } });
  }

  const ownerPage = await (await browser.newContext()).newPage();
  await login(ownerPage, owner);
  await ownerPage.goto(`/reviews/${review.slug}/screening/settings`);
  const section = ownerPage.getByTestId("assignment-TITLE_ABSTRACT");
  await section.getByLabel("Split among reviewers").check();
  await section.getByLabel("Reviewers per record").fill("1");
  await section.getByLabel("Seed").fill("e2e-seed");
  await section.getByRole("button", { name: "Save assignment" }).click();
  await expect(section.getByText("Assignment saved.")).toBeVisible();
  await expect(section.getByTestId("assignment-counts")).toContainText("Ann Split");
  const rows = await db.screeningAssignment.findMany({ where: { reviewId: review.id }, select: { recordId: true, reviewerId: true } });
  expect(rows).toHaveLength(6);
  const annShare = rows.filter((r) => r.reviewerId === ann.id).map((r) => r.recordId);
  expect(annShare).toHaveLength(3);
  await expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "ScreeningAssignmentPlan", action: "draw" } })).toBe(1);
  await ownerPage.goto(`/reviews/${review.slug}/screening`);
  await expect(ownerPage.getByTestId("stage-title-abstract")).toContainText("Records split among 2 reviewers, one each");

  const page = await (await browser.newContext()).newPage();
  await login(page, ann);
  await page.goto(`/reviews/${review.slug}/screening/title-abstract`);
  await expect(page.getByTestId("assigned-share")).toContainText("the 3 records assigned to you");
  const record = page.getByTestId("record");
  const seen: string[] = [];
  for (let n = 0; n < 3; n++) {
    await expect(record).toBeVisible();
    const shown = (await record.getAttribute("data-record-id"))!;
    expect(annShare).toContain(shown);
    seen.push(shown);
    await pressOnShown(page, "i");
    if (n < 2) await expect(record).not.toHaveAttribute("data-record-id", shown);
  }
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  expect(seen.sort()).toEqual([...annShare].sort());
  // One vote settles a record assigned to one reviewer; Ben's three are untouched.
  await expect.poll(() => db.screeningResolution.count({ where: { reviewId: review.id, stage: "TITLE_ABSTRACT" } })).toBe(3);
  expect(await db.screeningDecision.count({ where: { reviewId: review.id, reviewerId: ben.id } })).toBe(0);
});
