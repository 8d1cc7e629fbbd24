import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listReviewsForUser } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Your reviews" };

const ROLE_LABEL: Record<string, string> = { OWNER: "Owner", REVIEWER: "Reviewer", ADJUDICATOR: "Adjudicator" };

export default async function ReviewsPage() {
  const user = await requireUser();
  const reviews = await listReviewsForUser(user.id);
  return (
    <section>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Your reviews</h1>
        <Link href="/reviews/new" className="rounded bg-brand-700 px-3 py-2 text-sm font-medium text-white hover:bg-brand-800">
          New review
        </Link>
      </div>
      {reviews.length === 0 ? (
        <p className="mt-6 text-slate-600">You are not a member of any review yet. Create one, or ask an owner to add you.</p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {reviews.map((review) => (
            <li key={review.id} className="flex items-center justify-between gap-4 px-4 py-3">
              <div>
                <Link href={`/reviews/${review.slug}`} className="font-medium text-brand-700 hover:underline">
                  {review.title}
                </Link>
                <p className="text-xs text-slate-500">
                  {review.recordCount} records · updated {review.updatedAt.toISOString().slice(0, 10)}
                </p>
              </div>
              <span className="text-xs text-slate-600">{review.roles.map((r) => ROLE_LABEL[r] ?? r).join(", ")}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
