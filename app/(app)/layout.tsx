import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/reviews" className="text-lg font-bold tracking-tight text-brand-700">
            Sieve
          </Link>
          <div className="flex items-center gap-4 text-sm">
            <Link href="/account" className="text-slate-600 hover:underline" data-testid="current-user" title="Your account">
              {user.name}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
