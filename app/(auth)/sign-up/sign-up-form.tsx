"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { signUp } from "@/lib/users/actions";

export function SignUpForm({ invite, email }: { invite?: string; email?: string }) {
  const router = useRouter();
  const password = useRef("");
  // The password never comes back from the server, so keep it from the submitted form to sign in afterwards.
  async function action(formData: FormData) {
    password.current = String(formData.get("password") ?? "");
    return signUp(formData);
  }
  async function onSuccess(data: unknown) {
    const { email, reviewSlug } = data as { email: string; reviewSlug: string | null };
    const result = await signIn("credentials", { email, password: password.current, redirect: false });
    password.current = "";
    router.push(result?.ok ? (reviewSlug ? `/reviews/${reviewSlug}` : "/reviews") : "/sign-in");
    router.refresh();
  }
  return (
    <ActionForm action={action} onSuccess={onSuccess} className="space-y-3" aria-label="Create an account">
      <Field name="name" label="Name" autoComplete="name" required />
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      <Field name="email" label="E-mail" type="email" autoComplete="email" defaultValue={email} required />
      <Field name="password" label="Password" type="password" autoComplete="new-password" hint="At least 10 characters." required />
      <SubmitButton>Create account</SubmitButton>
    </ActionForm>
  );
}
