"use client";
import { useRouter } from "next/navigation";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { createReviewAction } from "@/lib/reviews/actions";

export function CreateReviewForm() {
  const router = useRouter();
  return (
    <ActionForm
      action={createReviewAction}
      onSuccess={(data) => router.push(`/reviews/${(data as { slug: string }).slug}`)}
      className="mt-6 space-y-3"
      aria-label="New review"
    >
      <Field name="title" label="Title" required />
      <Field name="question" label="Review question" multiline />
      <Field name="registrationId" label="Protocol registration (e.g. PROSPERO CRD…)" />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-800">Your roles in this review</legend>
        <label className="flex items-center gap-2 text-slate-600">
          <input type="checkbox" checked disabled /> Owner (always: you manage the review and can settle conflicts)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="creatorRoles" value="REVIEWER" defaultChecked /> Reviewer (screen, extract and appraise)
        </label>
      </fieldset>
      <SubmitButton>Create review</SubmitButton>
    </ActionForm>
  );
}
