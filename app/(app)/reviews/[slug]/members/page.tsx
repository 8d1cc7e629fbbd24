import type { Metadata } from "next";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { listMembers } from "@/lib/members/data";
import { listOpenInvitations } from "@/lib/invitations/data";
import { invitationPath } from "@/lib/invitations/schema";
import { mailEnabled } from "@/lib/mail/config";
import { AddMemberForm, MemberRow, OpenInvitation } from "./member-forms";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles, user } = await requireReviewAccess(slug);
  const members = await listMembers(review.id);
  const canManage = hasCapability(roles, "manage");
  const invitations = canManage ? await listOpenInvitations(review.id) : [];
  const mail = mailEnabled();
  return (
    <section className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold">Members</h2>
        <p className="text-sm text-slate-600">Owners manage the review; reviewers screen, extract and appraise; adjudicators settle conflicts. A person may hold several roles.</p>
      </div>
      <table className="w-full border-collapse rounded-lg bg-white text-sm">
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="px-3 py-2 font-medium">Name</th>
            <th className="px-3 py-2 font-medium">E-mail</th>
            <th className="px-3 py-2 font-medium">Roles</th>
            {canManage ? <th className="px-3 py-2 font-medium">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow key={member.id} slug={review.slug} member={member} canManage={canManage} isSelf={member.id === user.id} />
          ))}
        </tbody>
      </table>
      {invitations.length ? (
        <div className="space-y-2">
          <h3 className="font-medium">Open invitations</h3>
          <ul className="max-w-xl space-y-2">
            {invitations.map((inv) => (
              <OpenInvitation key={inv.id} slug={review.slug} mail={mail} invitation={{ id: inv.id, email: inv.email, roles: inv.roles, path: invitationPath(inv.token), expired: inv.expired, expiresAt: inv.expiresAt.toISOString() }} />
            ))}
          </ul>
        </div>
      ) : null}
      {canManage ? <AddMemberForm slug={review.slug} mail={mail} /> : null}
    </section>
  );
}
