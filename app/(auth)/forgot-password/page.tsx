import type { Metadata } from "next";
import Link from "next/link";
import { mailEnabled } from "@/lib/mail/config";
import { NO_MAIL } from "@/lib/password-reset/schema";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password" };
// Whether mail is set up is read from the server's environment at request time.
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Forgot your password?</h1>
      {mailEnabled() ? (
        <ForgotPasswordForm />
      ) : (
        <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="no-mail">
          {NO_MAIL}
        </p>
      )}
      <p className="mt-4 text-sm text-slate-600">
        <Link href="/sign-in" className="text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
