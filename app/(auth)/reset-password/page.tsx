import type { Metadata } from "next";
import Link from "next/link";
import { resetLinkState } from "@/lib/password-reset/data";
import { EXPIRED_LINK, INVALID_LINK } from "@/lib/password-reset/mutations";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in this page's address: keep it out of the Referer of anything the page loads or links to.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token: raw } = await searchParams;
  const token = typeof raw === "string" ? raw.slice(0, 200) : "";
  const state = await resetLinkState(token);
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Choose a new password</h1>
      {state === "usable" ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm">
          {state === "expired" ? EXPIRED_LINK : INVALID_LINK}{" "}
          <Link href="/forgot-password" className="text-brand-700 underline">
            Ask for a new link
          </Link>
        </p>
      )}
    </>
  );
}
