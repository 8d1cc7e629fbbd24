import { test, expect, createTestUser, createTestReview, addRoles, login, type TestUser, pressOnShown } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { db } from "@/lib/db";

// Issue 16, item 10 and the last vote of a queue: bulk decisions, notes and labels as the team
// sees them, and a final decision that is never reported as "nothing left" before it is saved.

async function open(browser: Browser, user: TestUser, url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, user);
  await page.goto(url);
  return page;
}

async function teamReview(reviewersPerRecord: number, titles: string[]) {
  const owner = await createTestUser("Power Owner");
  const alice = await createTestUser("Alice Power");
  const bob = await createTestUser("Bob Power");
  const review = await createTestReview(owner);
  for (const u of [alice, bob]) await addRoles(review.id, u, ["REVIEWER"]);
  await db.review.update({
    where: { id: review.id },
    data: { settings: { titleAbstract: { reviewersPerRecord, blinded: true, allowMaybe: true }, fullText: { reviewersPerRecord, blinded: true, allowMaybe: false } } },
  });
  const records = [];
  for (const [i, title] of titles.entries()) {
    records.push(await db.record.create({ data: { reviewId: review.id, position: i, title, abstract: "An abstract.", authors: [], year: 2010 + i, keywords: [], mesh: [], raw: {} } }));
  }
  return { owner, alice, bob, review, records };
}

test("bulk decisions on a search of my queue ask for confirmation with the count, and are audited", async ({ browser }) => {
  const { owner, alice, review, records } = await teamReview(1, ["Alendronate in mice", "Zoledronate in rats", "Estrogen in mice", "Denosumab in monkeys", "Raloxifene in mice"]);
  const reason = await db.exclusionReason.findFirstOrThrow({ where: { reviewId: review.id, label: "Wrong population" } });
  const page = await open(browser, alice, `/reviews/${review.slug}/screening/title-abstract`);
  const panel = page.getByTestId("bulk-panel");
  await panel.locator("summary").click();
  await panel.getByLabel("Title, abstract or author contains").fill("mice");
  await panel.getByRole("button", { name: "Search" }).click();
  await expect(panel.getByTestId("bulk-count")).toHaveText("3 records waiting for your vote match.");
  await panel.getByLabel("Bulk reason").selectOption(reason.id);
  await panel.getByRole("button", { name: "Decide all 3…" }).click();
  // Nothing is decided until the count is confirmed.
  await expect(panel.getByRole("alert")).toContainText("Exclude all 3?");
  expect(await db.screeningDecision.count({ where: { reviewerId: alice.id } })).toBe(0);
  await panel.getByRole("button", { name: "Yes, decide 3 records" }).click();

  const mice = records.filter((r) => r.title.includes("mice")).map((r) => r.id);
  await expect.poll(() => db.screeningDecision.count({ where: { reviewerId: alice.id } })).toBe(3);
  const decisions = await db.screeningDecision.findMany({ where: { reviewerId: alice.id } });
  expect(decisions.map((d) => d.recordId).sort()).toEqual([...mice].sort());
  for (const d of decisions) expect([d.decision, d.reasonId]).toEqual(["EXCLUDE", reason.id]);
  const bulk = await db.auditEvent.findFirstOrThrow({ where: { reviewId: review.id, action: "bulk-decide" } });
  expect(JSON.parse(JSON.stringify(bulk.after))).toMatchObject({ search: "mice", decision: "EXCLUDE", reasonId: reason.id });
  // The page reloads with the rest of the queue and the progress that counts the bulk decisions.
  await expect(page.getByText("My progress: 3 of 5")).toBeVisible();
  await expect(page.getByTestId("record")).not.toContainText("mice");

  // An owner who also screens reads the audit log without seeing a colleague's blinded votes.
  await addRoles(review.id, owner, ["REVIEWER"]);
  const o = await open(browser, owner, `/reviews/${review.slug}/audit?entity=ScreeningDecision`);
  await expect(o.getByTestId("audit-redacted").first()).toBeVisible();
  await expect(o.getByTestId("audit-redacted")).toHaveCount(4);
  await expect(o.locator("main table")).not.toContainText("Wrong population");
  await expect(o.locator("main table")).not.toContainText("EXCLUDE");
});

test("a colleague's note and labels stay hidden while blinding applies, and show once the record is resolved", async ({ browser }) => {
  const { alice, bob, review, records } = await teamReview(2, ["Alendronate in ovariectomised rats"]);
  const [record] = records;
  const a = await open(browser, alice, `/reviews/${review.slug}/records/${record.id}`);
  const form = a.getByRole("form", { name: "Your note and labels" });
  await form.getByLabel("Your labels").fill("animal study, check dose");
  await form.getByLabel("Your note").fill("Dose is per kg body weight");
  await form.getByRole("button", { name: "Save note" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  const saved = await db.recordNote.findFirstOrThrow({ where: { recordId: record.id, userId: alice.id } });
  expect(saved.labels).toEqual(["animal study", "check dose"]);
  expect(await db.auditEvent.count({ where: { reviewId: review.id, entity: "RecordNote", entityId: saved.id } })).toBe(1);

  // Bob has not voted and the stage is blinded: Alice's note would hint at her judgement.
  const b = await open(browser, bob, `/reviews/${review.slug}/records/${record.id}`);
  await expect(b.getByText("Colleagues' notes are hidden while screening of this record is blinded.")).toBeVisible();
  await expect(b.getByTestId("record-notes")).not.toContainText("Dose is per kg");

  // Both exclude: the record is resolved by agreement, goes no further, and blinding no longer applies to it.
  for (const page of [a, b]) {
    await page.goto(`/reviews/${review.slug}/screening/title-abstract`);
    await expect(page.getByTestId("record")).toHaveAttribute("data-record-id", record.id);
    await pressOnShown(page, "e");
    await expect(page.getByTestId("save-state")).toHaveText("All decisions saved");
  }
  await expect.poll(() => db.screeningResolution.count({ where: { recordId: record.id } })).toBe(1);
  await b.goto(`/reviews/${review.slug}/records/${record.id}`);
  const notes = b.getByTestId("record-notes");
  await expect(notes).toContainText("Alice Power");
  await expect(notes).toContainText("animal study");
  await expect(notes).toContainText("Dose is per kg body weight");
});

test("the last decision of a queue shows 'saving' until the server confirms it, and guards the tab meanwhile", async ({ browser }) => {
  const { alice, review, records } = await teamReview(1, ["The only record"]);
  const page = await open(browser, alice, `/reviews/${review.slug}/screening/title-abstract`);
  await expect(page.getByTestId("record")).toBeVisible();
  // Hold the decision's request so the page is seen in the moment between sending and saving.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/screening/title-abstract", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await held;
    await route.continue();
  });
  await pressOnShown(page, "i");
  await expect(page.getByTestId("queue-saving")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Saving…");
  await expect(page.getByTestId("queue-empty")).toHaveCount(0);
  // Closing the tab now would lose the vote, so the page asks first.
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe("beforeunload");
  await asked.dismiss();
  release();
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All decisions saved");
  expect(await db.screeningDecision.count({ where: { reviewerId: alice.id, recordId: records[0].id } })).toBe(1);
  await page.close();
});

test("labels and a private note are kept from the screening page, per record", async ({ browser }) => {
  const { alice, review, records } = await teamReview(1, ["First record", "Second record"]);
  const page = await open(browser, alice, `/reviews/${review.slug}/screening/title-abstract`);
  // Each reviewer's walk starts at their own place; take whichever record comes first.
  await expect(page.locator('[data-shown="true"]')).toBeVisible();
  const firstId = (await page.getByTestId("record").getAttribute("data-record-id"))!;
  const secondId = records.map((r) => r.id).find((id) => id !== firstId)!;
  const box = page.getByTestId("my-labels");
  await box.locator("summary").click();
  await box.getByLabel("Labels").fill("animal study, check dose");
  await box.getByLabel("Private note").pressSequentially("per kg? see dose");
  // Typing in the box is not a decision: "e" and "i" go into the field.
  await expect(page.getByTestId("record")).toHaveAttribute("data-record-id", firstId);
  await box.getByRole("button", { name: "Save labels" }).click();
  await expect(box.getByRole("status")).toHaveText("Saved.");
  const saved = await db.recordNote.findFirstOrThrow({ where: { recordId: firstId, userId: alice.id } });
  expect([saved.labels, saved.text]).toEqual([["animal study", "check dose"], "per kg? see dose"]);

  await page.locator("body").click();
  await pressOnShown(page, "i");
  await expect(page.getByTestId("record")).toHaveAttribute("data-record-id", secondId);
  await expect(box.getByLabel("Labels")).toHaveValue("");
  await pressOnShown(page, "ArrowLeft");
  await expect(page.getByTestId("record")).toHaveAttribute("data-record-id", firstId);
  await expect(box.getByLabel("Labels")).toHaveValue("animal study, check dose");
});
