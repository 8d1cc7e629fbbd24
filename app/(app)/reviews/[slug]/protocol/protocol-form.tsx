"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { updateProtocolAction } from "@/lib/reviews/actions";

type Protocol = {
  slug: string;
  title: string;
  question: string;
  population: string;
  intervention: string;
  comparator: string;
  outcomes: string;
  studyDesigns: string;
  registrationId: string;
  inclusionCriteria: string;
  exclusionCriteria: string;
};

export function ProtocolForm({ protocol }: { protocol: Protocol }) {
  return (
    <ActionForm action={updateProtocolAction} className="max-w-3xl space-y-4" aria-label="Protocol" successMessage="Protocol saved.">
      <input type="hidden" name="slug" value={protocol.slug} />
      <Field name="title" label="Title" defaultValue={protocol.title} />
      <Field name="question" label="Review question" defaultValue={protocol.question} multiline grow />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">PICOS</legend>
        <Field name="population" label="Population" defaultValue={protocol.population} multiline grow />
        <Field name="intervention" label="Intervention" defaultValue={protocol.intervention} multiline grow />
        <Field name="comparator" label="Comparator" defaultValue={protocol.comparator} multiline grow />
        <Field name="outcomes" label="Outcomes" defaultValue={protocol.outcomes} multiline grow />
        <Field name="studyDesigns" label="Study designs" defaultValue={protocol.studyDesigns} multiline grow />
        <Field name="registrationId" label="Protocol registration" defaultValue={protocol.registrationId} />
      </fieldset>
      <Field name="inclusionCriteria" label="Inclusion criteria" defaultValue={protocol.inclusionCriteria} multiline rows={5} grow />
      <Field name="exclusionCriteria" label="Exclusion criteria" defaultValue={protocol.exclusionCriteria} multiline rows={5} grow />
      <SubmitButton>Save protocol</SubmitButton>
    </ActionForm>
  );
}
