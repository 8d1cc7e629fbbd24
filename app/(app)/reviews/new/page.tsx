import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { CreateReviewForm } from "./create-review-form";

export const metadata: Metadata = { title: "New review" };

export default async function NewReviewPage() {
  await requireUser();
  return (
    <section className="max-w-2xl">
      <h1 className="text-2xl font-semibold">New review</h1>
      <p className="mt-1 text-sm text-slate-600">You become its owner. Everything here can be edited later on the protocol page.</p>
      <CreateReviewForm />
    </section>
  );
}
