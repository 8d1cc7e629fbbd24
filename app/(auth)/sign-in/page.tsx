import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const next = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/reviews";
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={next} />
      <p className="mt-3 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-4 text-sm text-slate-600">
        New to Sieve?{" "}
        <Link href="/sign-up" className="text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
