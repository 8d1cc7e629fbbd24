"use client";
import Link from "next/link";
import { useState } from "react";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { completePasswordResetAction } from "@/lib/password-reset/actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  if (done)
    return (
      <p role="status" className="text-sm">
        Your password is changed, and the link is used up.{" "}
        <Link href="/sign-in" className="text-brand-700 underline">
          Sign in with your new password
        </Link>
      </p>
    );
  return (
    <ActionForm action={completePasswordResetAction} onSuccess={() => setDone(true)} className="space-y-3" aria-label="Choose a new password">
      <input type="hidden" name="token" value={token} />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      <Field name="confirmPassword" label="New password again" type="password" autoComplete="new-password" required />
      <SubmitButton>Set new password</SubmitButton>
    </ActionForm>
  );
}
