import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { ChangeNameForm, ChangePasswordForm } from "./account-forms";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <section className="max-w-md space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Your account</h1>
        <p className="text-sm text-slate-600">Signed in as {user.email}. To change the e-mail address, ask the administrator.</p>
      </div>
      <ChangeNameForm name={user.name} />
      <ChangePasswordForm />
    </section>
  );
}
