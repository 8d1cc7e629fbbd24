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
  titleAbstractReasons: string[];
  fullTextReasons: string[];
};

export function ProtocolForm({ protocol }: { protocol: Protocol }) {
  return (
    <ActionForm action={updateProtocolAction} className="max-w-3xl space-y-4" aria-label="Protocol" successMessage="Protocol saved.">
      <input type="hidden" name="slug" value={protocol.slug} />
      <Field name="title" label="Title" defaultValue={protocol.title} />
      <Field name="question" label="Review question" defaultValue={protocol.question} multiline />
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">PICOS</legend>
        <Field name="population" label="Population" defaultValue={protocol.population} multiline />
        <Field name="intervention" label="Intervention" defaultValue={protocol.intervention} multiline />
        <Field name="comparator" label="Comparator" defaultValue={protocol.comparator} multiline />
        <Field name="outcomes" label="Outcomes" defaultValue={protocol.outcomes} multiline />
        <Field name="studyDesigns" label="Study designs" defaultValue={protocol.studyDesigns} multiline />
        <Field name="registrationId" label="Protocol registration" defaultValue={protocol.registrationId} />
      </fieldset>
      <Field name="inclusionCriteria" label="Inclusion criteria" defaultValue={protocol.inclusionCriteria} multiline rows={5} />
      <Field name="exclusionCriteria" label="Exclusion criteria" defaultValue={protocol.exclusionCriteria} multiline rows={5} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="titleAbstractReasons"
          label="Exclusion reasons at title/abstract"
          defaultValue={protocol.titleAbstractReasons.join("\n")}
          multiline
          rows={7}
          hint="One per line. A reason listed in both columns is shared."
        />
        <Field
          name="fullTextReasons"
          label="Exclusion reasons at full text"
          defaultValue={protocol.fullTextReasons.join("\n")}
          multiline
          rows={7}
          hint="One per line. Full-text exclusions must cite one of these."
        />
      </div>
      <SubmitButton>Save protocol</SubmitButton>
    </ActionForm>
  );
}
