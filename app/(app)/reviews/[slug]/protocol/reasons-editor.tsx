"use client";
import { ActionForm, Field, SubmitButton } from "@/app/components/action-form";
import { addReasonAction, deleteReasonAction, editReasonAction, mergeReasonAction, moveReasonAction, retireReasonAction } from "@/lib/reviews/actions";

export type EditableReason = { id: string; label: string; stage: "TITLE_ABSTRACT" | "FULL_TEXT" | "BOTH"; retired: boolean; decisions: number; resolutions: number };

const STAGES = [
  { value: "BOTH", label: "Both stages" },
  { value: "TITLE_ABSTRACT", label: "Title/abstract" },
  { value: "FULL_TEXT", label: "Full text" },
] as const;

function StageSelect({ value, id }: { value: string; id: string }) {
  return (
    <select id={id} name="stage" defaultValue={value} aria-label="Applies at" className="rounded border border-slate-300 px-2 py-1 text-sm">
      {STAGES.map((s) => (
        <option key={s.value} value={s.value}>
          {s.label}
        </option>
      ))}
    </select>
  );
}

/**
 * The exclusion reasons as an edit-in-place list. Decisions cite a reason by id, so renaming one
 * relabels every decision citing it (and PRISMA); retiring hides it from new decisions only;
 * merging moves every decision onto another reason; only an unused reason can be deleted.
 */
export function ReasonsEditor({ slug, reasons }: { slug: string; reasons: EditableReason[] }) {
  return (
    <section className="max-w-3xl space-y-3" aria-labelledby="reasons-heading">
      <div>
        <h2 id="reasons-heading" className="text-lg font-semibold">
          Exclusion reasons
        </h2>
        <p className="text-sm text-slate-600">The first nine active reasons of a stage are keys 1–9 on the screening page, in this order.</p>
      </div>
      <ol className="space-y-2">
        {reasons.map((reason, i) => (
          <ReasonRow key={reason.id} slug={slug} reason={reason} others={reasons.filter((r) => r.id !== reason.id)} first={i === 0} last={i === reasons.length - 1} />
        ))}
      </ol>
      <ActionForm action={addReasonAction} className="flex flex-wrap items-end gap-2 rounded border border-dashed border-slate-300 p-3" aria-label="Add an exclusion reason" resetOnSuccess successMessage="Reason added.">
        <input type="hidden" name="slug" value={slug} />
        <Field name="label" label="New reason" />
        <StageSelect value="BOTH" id="new-reason-stage" />
        <SubmitButton variant="quiet">Add reason</SubmitButton>
      </ActionForm>
    </section>
  );
}

function ReasonRow({ slug, reason, others, first, last }: { slug: string; reason: EditableReason; others: EditableReason[]; first: boolean; last: boolean }) {
  const used = reason.decisions + reason.resolutions;
  const hidden = (
    <>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="reasonId" value={reason.id} />
    </>
  );
  return (
    <li className={`space-y-2 rounded border p-3 ${reason.retired ? "border-slate-200 bg-slate-50" : "border-slate-200 bg-white"}`} data-testid="reason" data-label={reason.label}>
      <ActionForm action={editReasonAction} className="flex flex-wrap items-end gap-2" aria-label={`Edit reason ${reason.label}`} successMessage="Saved.">
        {hidden}
        <Field name="label" label="Label" defaultValue={reason.label} />
        <StageSelect value={reason.stage} id={`stage-${reason.id}`} />
        <SubmitButton variant="quiet">Save</SubmitButton>
      </ActionForm>
      <p className="text-xs text-slate-600">
        {reason.retired ? <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 font-medium">Retired</span> : null}
        Cited by {reason.decisions} decision{reason.decisions === 1 ? "" : "s"} and {reason.resolutions} resolution{reason.resolutions === 1 ? "" : "s"}.
      </p>
      <div className="flex flex-wrap items-start gap-2">
        {first ? null : (
          <ActionForm action={moveReasonAction} aria-label={`Move ${reason.label} up`}>
            {hidden}
            <input type="hidden" name="direction" value="up" />
            <SubmitButton variant="quiet">↑ Up</SubmitButton>
          </ActionForm>
        )}
        {last ? null : (
          <ActionForm action={moveReasonAction} aria-label={`Move ${reason.label} down`}>
            {hidden}
            <input type="hidden" name="direction" value="down" />
            <SubmitButton variant="quiet">↓ Down</SubmitButton>
          </ActionForm>
        )}
        <ActionForm action={retireReasonAction} aria-label={`${reason.retired ? "Restore" : "Retire"} ${reason.label}`}>
          {hidden}
          <input type="hidden" name="retired" value={reason.retired ? "false" : "true"} />
          <SubmitButton variant="quiet">{reason.retired ? "Restore" : "Retire"}</SubmitButton>
        </ActionForm>
        {others.length ? (
          <ActionForm action={mergeReasonAction} className="flex items-start gap-1" aria-label={`Merge ${reason.label}`}>
            {hidden}
            <select name="intoId" defaultValue="" aria-label={`Merge ${reason.label} into`} className="rounded border border-slate-300 px-2 py-1 text-sm">
              <option value="">Merge into…</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <SubmitButton variant="quiet">Merge</SubmitButton>
          </ActionForm>
        ) : null}
        {used === 0 ? (
          <ActionForm action={deleteReasonAction} aria-label={`Delete ${reason.label}`}>
            {hidden}
            <SubmitButton variant="danger">Delete</SubmitButton>
          </ActionForm>
        ) : null}
      </div>
    </li>
  );
}
