"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/lib/members/actions";
import { resendInvitationAction, withdrawInvitationAction } from "@/lib/invitations/actions";

const ROLE_OPTIONS = [
  { value: "OWNER", label: "Owner" },
  { value: "REVIEWER", label: "Reviewer" },
  { value: "ADJUDICATOR", label: "Adjudicator" },
];

function RoleCheckboxes({ selected, idPrefix }: { selected: string[]; idPrefix: string }) {
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="sr-only">Roles</legend>
      {ROLE_OPTIONS.map((role) => (
        <label key={role.value} htmlFor={`${idPrefix}-${role.value}`} className="flex items-center gap-1">
          <input id={`${idPrefix}-${role.value}`} type="checkbox" name="roles" value={role.value} defaultChecked={selected.includes(role.value)} />
          {role.label}
        </label>
      ))}
      <FieldError name="roles" />
    </fieldset>
  );
}

type Member = { id: string; name: string; email: string; roles: string[] };

export function MemberRow({ slug, member, canManage, isSelf }: { slug: string; member: Member; canManage: boolean; isSelf: boolean }) {
  const label = (r: string) => ROLE_OPTIONS.find((o) => o.value === r)?.label ?? r;
  return (
    <tr className="border-b border-slate-100 align-top" data-testid={`member-${member.email}`}>
      <td className="px-3 py-2">
        {member.name}
        {isSelf ? <span className="text-slate-500"> (you)</span> : null}
      </td>
      <td className="px-3 py-2 text-slate-600">{member.email}</td>
      <td className="px-3 py-2">
        {canManage ? (
          <ActionForm action={setMemberRolesAction} className="flex flex-wrap items-center gap-2" aria-label={`Roles of ${member.name}`} successMessage="Saved.">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="userId" value={member.id} />
            <RoleCheckboxes selected={member.roles} idPrefix={`roles-${member.id}`} />
            <SubmitButton variant="quiet">Save roles</SubmitButton>
          </ActionForm>
        ) : (
          member.roles.map(label).join(", ")
        )}
      </td>
      {canManage ? (
        <td className="px-3 py-2">
          <ActionForm action={removeMemberAction} aria-label={`Remove ${member.name}`}>
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="userId" value={member.id} />
            <SubmitButton variant="danger">Remove</SubmitButton>
          </ActionForm>
        </td>
      ) : null}
    </tr>
  );
}

type AddResult = { invited: false; name: string } | { invited: true; email: string; path: string; mail: "off" | "sent" | "failed"; mailError?: string };

const MAIL_HINT = {
  on: "Someone without a Sieve account yet gets an invitation by e-mail with a sign-up link; you see the link too.",
  off: "Someone without a Sieve account yet gets an invitation: you receive a sign-up link to pass on. (E-mail is not configured on this server.)",
};

/** Adds an existing account; an address without one gets an invitation (e-mailed when SMTP is set up) and a sign-up link. */
export function AddMemberForm({ slug, mail }: { slug: string; mail: boolean }) {
  const [result, setResult] = useState<AddResult | null>(null);
  return (
    <div className="max-w-xl space-y-3">
      <ActionForm action={addMemberAction} onSuccess={(data) => setResult(data as AddResult)} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Add a member" resetOnSuccess>
        <h3 className="font-medium">Add a member</h3>
        <input type="hidden" name="slug" value={slug} />
        <Field name="email" label="Their e-mail" type="email" hint={mail ? MAIL_HINT.on : MAIL_HINT.off} />
        <RoleCheckboxes selected={["REVIEWER"]} idPrefix="add" />
        <SubmitButton>Add member</SubmitButton>
      </ActionForm>
      {result && !result.invited ? <p className="text-sm text-brand-700">{result.name} added.</p> : null}
      {result?.invited ? <InvitationLink email={result.email} path={result.path} fresh={result} /> : null}
    </div>
  );
}

function FreshInvitationNote({ email, mail, mailError }: { email: string; mail: "off" | "sent" | "failed"; mailError?: string }) {
  if (mail === "sent") return <p>No account uses {email} yet, so an invitation was made and e-mailed to them. The sign-up link, in case it does not arrive:</p>;
  if (mail === "failed")
    return (
      <p role="alert">
        No account uses {email} yet, so an invitation was made, but <strong>the e-mail could not be sent</strong> ({mailError}). The invitation is kept: pass this sign-up link on, or try &ldquo;Send again&rdquo; later:
      </p>
    );
  return <p>No account uses {email} yet, so an invitation was made. Pass this sign-up link on; they join the review when they sign up with it:</p>;
}

export function InvitationLink({ email, path, fresh }: { email: string; path: string; fresh?: { mail: "off" | "sent" | "failed"; mailError?: string } }) {
  // The server does not know the public address it is reached at; the browser does.
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const link = `${origin}${path}`;
  return (
    <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="invitation-link">
      {fresh ? <FreshInvitationNote email={email} mail={fresh.mail} mailError={fresh.mailError} /> : null}
      <input readOnly aria-label={`Sign-up link for ${email}`} value={link} className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

export function OpenInvitation({ slug, mail, invitation }: { slug: string; mail: boolean; invitation: { id: string; email: string; roles: string[]; path: string; expired: boolean; expiresAt: string } }) {
  const label = (r: string) => ROLE_OPTIONS.find((o) => o.value === r)?.label ?? r;
  return (
    <li className="space-y-1 rounded border border-slate-200 bg-white p-3" data-testid={`invitation-${invitation.email}`}>
      <p className="text-sm">
        <span className="font-medium">{invitation.email}</span> as {invitation.roles.map(label).join(", ")} —{" "}
        {invitation.expired ? <span className="text-red-700">expired; invite again for a new link</span> : <span className="text-slate-600">valid until {invitation.expiresAt.slice(0, 10)}</span>}
      </p>
      {invitation.expired ? null : <InvitationLink email={invitation.email} path={invitation.path} />}
      <div className="flex flex-wrap gap-2">
        {mail && !invitation.expired ? (
          <ActionForm action={resendInvitationAction} aria-label={`E-mail the invitation of ${invitation.email} again`} successMessage="E-mail sent.">
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="invitationId" value={invitation.id} />
            <SubmitButton variant="quiet">Send again</SubmitButton>
          </ActionForm>
        ) : null}
        <ActionForm action={withdrawInvitationAction} aria-label={`Withdraw the invitation of ${invitation.email}`}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="invitationId" value={invitation.id} />
          <SubmitButton variant="quiet">Withdraw</SubmitButton>
        </ActionForm>
      </div>
    </li>
  );
}
