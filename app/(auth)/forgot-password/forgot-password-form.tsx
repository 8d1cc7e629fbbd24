"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { requestPasswordResetAction } from "@/lib/password-reset/actions";
import { RESET_REQUESTED } from "@/lib/password-reset/schema";

export function ForgotPasswordForm() {
  return (
    <ActionForm action={requestPasswordResetAction} className="space-y-3" aria-label="Ask for a reset link" successMessage={RESET_REQUESTED}>
      <p className="text-sm text-slate-600">Enter the e-mail you sign in with. We send a link to choose a new password.</p>
      <Field name="email" label="E-mail" type="email" autoComplete="email" required />
      <SubmitButton>Send reset link</SubmitButton>
    </ActionForm>
  );
}
