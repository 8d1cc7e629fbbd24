import { test, expect, createTestUser, createTestReview, addRoles, login, type TestUser } from "./fixtures";
import { API_ROUTES, REVIEW_ROUTES, type RoleName } from "./access-routes";
import { db } from "@/lib/db";

// One review and one person per role; every review route is opened by each of them.
test.describe("access matrix: review routes", () => {
  let slug = "";
  let fill = (path: string) => path;
  const people = {} as Record<RoleName, TestUser>;

  test.beforeAll(async () => {
    people.owner = await createTestUser("Matrix Owner");
    people.reviewer = await createTestUser("Matrix Reviewer");
    people.adjudicator = await createTestUser("Matrix Adjudicator");
    people.nonMember = await createTestUser("Matrix Outsider");
    const review = await createTestReview(people.owner);
    slug = review.slug;
    await addRoles(review.id, people.reviewer, ["REVIEWER"]);
    await addRoles(review.id, people.adjudicator, ["ADJUDICATOR"]);
    // One report included at both stages, in its own study, for the per-record and per-study pages.
    const study = await db.study.create({ data: { reviewId: review.id, label: "Matrix 2020" } });
    const record = await db.record.create({ data: { reviewId: review.id, position: 0, title: "Matrix record", authors: [], year: 2020, keywords: [], mesh: [], raw: {}, studyId: study.id } });
    for (const stage of ["TITLE_ABSTRACT", "FULL_TEXT"]) {
      await db.screeningResolution.create({ data: { reviewId: review.id, recordId: record.id, stage, outcome: "INCLUDE", method: "ADJUDICATION", resolvedById: people.owner.id } });
    }
    fill = (path) => path.replaceAll("{record}", record.id).replaceAll("{study}", study.id);
  });

  for (const role of ["owner", "reviewer", "adjudicator", "nonMember"] as RoleName[]) {
    test(`as ${role}`, async ({ page }) => {
      await login(page, people[role]);
      for (const route of REVIEW_ROUTES) {
        const response = await page.request.get(`/reviews/${slug}${fill(route.path)}`, { maxRedirects: 0 });
        const expected = route.allowed.includes(role) ? 200 : 404;
        expect(response.status(), `${role} GET /reviews/${slug}${route.path}`).toBe(expected);
      }
      for (const route of API_ROUTES) {
        const url = `/api/reviews/${slug}${route.path}`;
        const options = route.body === "json" ? { data: {} } : route.body === "multipart" ? { multipart: { mode: "preview" } } : {};
        const response = route.method === "GET" ? await page.request.get(url) : await page.request.post(url, options);
        const label = `${role} ${route.method} ${url}`;
        if (route.allowed.includes(role)) expect([401, 403, 404], label).not.toContain(response.status());
        else expect(response.status(), label).toBe(role === "nonMember" ? 404 : 403);
      }
    });
  }

  test("signed-out visitors are sent to sign-in", async ({ request }) => {
    for (const route of REVIEW_ROUTES) {
      const response = await request.get(`/reviews/${slug}${fill(route.path)}`, { maxRedirects: 0 });
      expect(response.status(), route.path).toBe(307);
      expect(response.headers().location).toContain("/sign-in");
    }
    for (const route of API_ROUTES) {
      const url = `/api/reviews/${slug}${route.path}`;
      const response = route.method === "GET" ? await request.get(url) : await request.post(url, { data: {} });
      expect(response.status(), `signed out ${route.method} ${url}`).toBe(401);
    }
  });
});
