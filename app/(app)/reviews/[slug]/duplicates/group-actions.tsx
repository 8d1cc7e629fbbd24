"use client";
import { ActionForm, SubmitButton } from "@/app/components/action-form";
import { setPrimaryAction, undoMergeAction } from "@/lib/dedup/actions";

export function UndoMergeButton({ slug, groupId, label }: { slug: string; groupId: string; label: string }) {
  return (
    <ActionForm action={undoMergeAction} aria-label={`Undo merge of ${label}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="groupId" value={groupId} />
      <SubmitButton variant="danger">Undo merge</SubmitButton>
    </ActionForm>
  );
}

export function MakePrimaryButton({ slug, groupId, recordId, label }: { slug: string; groupId: string; recordId: string; label: string }) {
  return (
    <ActionForm action={setPrimaryAction} aria-label={`Make primary: ${label}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="groupId" value={groupId} />
      <input type="hidden" name="recordId" value={recordId} />
      <SubmitButton variant="quiet">Make primary</SubmitButton>
    </ActionForm>
  );
}
