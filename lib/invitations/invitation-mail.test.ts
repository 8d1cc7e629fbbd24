/**
 * Invitations e-mailed through a real SMTP server, driven through the members action. As in the
 * access matrix, only the session lookup and Next's cache revalidation are replaced.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { addMemberAction } from "@/lib/members/actions";
import { resendInvitationAction } from "@/lib/invitations/actions";
import { signUp } from "@/lib/users/actions";
import { makeReviewWithTeam } from "@/lib/test/factories";
import { TEST_PUBLIC_URL, withTestSmtp } from "@/lib/test/smtp-server";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};

let team: Awaited<ReturnType<typeof makeReviewWithTeam>>;
beforeEach(async () => {
  team = await makeReviewWithTeam();
  session.user = team.owner;
});

const invite = (email: string) => addMemberAction(form({ slug: team.review.slug, email, roles: "REVIEWER" }));
const mailAudits = () => db.auditEvent.findMany({ where: { reviewId: team.review.id, entity: "Invitation", action: { startsWith: "email" } }, orderBy: { at: "asc" } });

describe("invitations by e-mail", () => {
  it("with SMTP, the invitee receives a sign-up link that joins them to the review; the owner still sees it", async () => {
    await withTestSmtp(async (smtp) => {
      const result = await invite("mailed@example.org");
      expect(result).toMatchObject({ ok: true, data: { invited: true, mail: "sent", path: expect.stringMatching(/^\/sign-up\?invite=/) } });
      const mail = await smtp.waitForMail("mailed@example.org");
      expect(mail.subject).toContain(team.review.title);
      expect(mail.text).toContain(team.owner.name);
      const link = mail.text.match(/https:\/\/\S+\/sign-up\?invite=\S+/)?.[0];
      expect(link).toBe(`${TEST_PUBLIC_URL}${(result as { data: { path: string } }).data.path}`);
      const token = new URL(link!).searchParams.get("invite")!;
      const joined = await signUp(form({ name: "Mailed", email: "mailed@example.org", password: "long-enough-password", invite: token }));
      expect(joined).toMatchObject({ ok: true, data: { reviewSlug: team.review.slug } });
      const audits = await mailAudits();
      expect(audits.map((a) => [a.action, a.after])).toEqual([["email", { to: "mailed@example.org" }]]);
      expect(JSON.stringify(audits)).not.toContain(token);
    });
  });

  it("a mail server that refuses says why, keeps the invitation and its link, and is audited", async () => {
    await withTestSmtp(
      async () => {
        const result = await invite("refused@example.org");
        expect(result).toMatchObject({ ok: true, data: { invited: true, mail: "failed", mailError: expect.stringMatching(/550/) } });
        const invitation = await db.invitation.findFirstOrThrow({ where: { reviewId: team.review.id, email: "refused@example.org" } });
        expect((result as { data: { path: string } }).data.path).toContain(invitation.token);
        expect((await mailAudits()).map((a) => a.action)).toEqual(["email-failed"]);
        const again = await resendInvitationAction(form({ slug: team.review.slug, invitationId: invitation.id }));
        expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/could not be sent .*550.*The invitation is kept/) });
        expect(await db.invitation.count({ where: { id: invitation.id } })).toBe(1);
      },
      { reject: true },
    );
  });

  it("an unreachable mail server is a failure in seconds, not a lost invitation", async () => {
    await withTestSmtp(async (smtp) => {
      await smtp.close();
      const result = await invite("unreachable@example.org");
      expect(result).toMatchObject({ ok: true, data: { mail: "failed", mailError: expect.stringMatching(/ECONNECTION|ECONNREFUSED/) } });
      expect(await db.invitation.count({ where: { reviewId: team.review.id, email: "unreachable@example.org" } })).toBe(1);
    });
  });

  it("'Send again' e-mails an open invitation's link once more", async () => {
    await withTestSmtp(async (smtp) => {
      await invite("again@example.org");
      const invitation = await db.invitation.findFirstOrThrow({ where: { reviewId: team.review.id, email: "again@example.org" } });
      expect(await resendInvitationAction(form({ slug: team.review.slug, invitationId: invitation.id }))).toEqual({ ok: true, data: null });
      await expect.poll(() => smtp.received.filter((m) => m.to.includes("again@example.org")).length).toBe(2);
    });
  });

  it("without SMTP, inviting works as before: the link to pass on, no e-mail, no mail audit", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const result = await invite("no-mail@example.org");
    expect(result).toMatchObject({ ok: true, data: { invited: true, mail: "off", path: expect.stringMatching(/^\/sign-up\?invite=/) } });
    expect(await mailAudits()).toEqual([]);
    const again = await resendInvitationAction(form({ slug: team.review.slug, invitationId: (await db.invitation.findFirstOrThrow({ where: { email: "no-mail@example.org" } })).id }));
    expect(again).toMatchObject({ ok: false, error: expect.stringMatching(/not set up/) });
  });
});
