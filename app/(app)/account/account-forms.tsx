"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { changeNameAction, changePasswordAction } from "@/lib/users/actions";

export function ChangeNameForm({ name }: { name: string }) {
  return (
    <ActionForm action={changeNameAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Change your name" successMessage="Name saved.">
      <h2 className="font-medium">Name</h2>
      <Field name="name" label="Your name, as colleagues see it" defaultValue={name} autoComplete="name" required />
      <SubmitButton>Save name</SubmitButton>
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  return (
    <ActionForm action={changePasswordAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Change your password" successMessage="Password changed." resetOnSuccess>
      <h2 className="font-medium">Password</h2>
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required />
      <SubmitButton>Change password</SubmitButton>
    </ActionForm>
  );
}
