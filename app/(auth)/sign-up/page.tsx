import type { Metadata } from "next";
import Link from "next/link";
import { describeInvitation } from "@/lib/invitations/data";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

const ROLE_LABELS: Record<string, string> = { OWNER: "owner", REVIEWER: "reviewer", ADJUDICATOR: "adjudicator" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string | string[] }> }) {
  const { invite } = await searchParams;
  const token = typeof invite === "string" ? invite.slice(0, 100) : "";
  const invitation = token ? await describeInvitation(token) : null;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create an account</h1>
      {invitation ? (
        <p className="mb-4 rounded border border-slate-200 bg-brand-50 p-3 text-sm" data-testid="invitation">
          You are invited to join <strong>{invitation.reviewTitle}</strong> as {invitation.roles.map((r) => ROLE_LABELS[r] ?? r).join(" and ")}. Sign up with {invitation.email} to accept.
        </p>
      ) : token ? (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 p-3 text-sm">
          This invitation link is no longer valid (used, withdrawn or expired). You can still create an account; ask the review&apos;s owner for a new link.
        </p>
      ) : null}
      <SignUpForm invite={invitation ? token : undefined} email={invitation?.email} />
      <p className="mt-4 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
