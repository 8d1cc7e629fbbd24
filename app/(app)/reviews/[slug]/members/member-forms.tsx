"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/lib/members/actions";

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

export function AddMemberForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={addMemberAction} className="max-w-md space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Add a member" resetOnSuccess successMessage="Member added.">
      <h3 className="font-medium">Add a member</h3>
      <input type="hidden" name="slug" value={slug} />
      <Field name="email" label="Their Sieve account e-mail" type="email" hint="They must have signed up already." />
      <RoleCheckboxes selected={["REVIEWER"]} idPrefix="add" />
      <SubmitButton>Add member</SubmitButton>
    </ActionForm>
  );
}
