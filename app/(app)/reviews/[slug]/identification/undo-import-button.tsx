"use client";
import { ActionForm, SubmitButton } from "@/app/components/action-form";
import { undoImportAction } from "@/lib/imports/actions";

export function UndoImportButton({ slug, importId, fileName }: { slug: string; importId: string; fileName: string }) {
  return (
    <ActionForm action={undoImportAction} aria-label={`Undo import of ${fileName}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="importId" value={importId} />
      <SubmitButton variant="danger">Undo</SubmitButton>
    </ActionForm>
  );
}
