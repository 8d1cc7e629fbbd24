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
      <SubmitButton>Create review</SubmitButton>
    </ActionForm>
  );
}
