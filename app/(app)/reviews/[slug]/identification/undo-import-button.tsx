"use client";
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/app/components/action-form";
import { undoImportAction } from "@/lib/imports/actions";

/** Undoing an import deletes its records, so it asks first, naming how many. */
export function UndoImportButton({ slug, importId, fileName, recordCount }: { slug: string; importId: string; fileName: string; recordCount?: number }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} className="rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50">
        Undo
      </button>
    );
  const count = recordCount === undefined ? "its records" : `${recordCount.toLocaleString("en")} record${recordCount === 1 ? "" : "s"}`;
  return (
    <ActionForm action={undoImportAction} aria-label={`Undo import of ${fileName}`} className="space-y-1">
      <p role="alert" className="text-xs text-red-800">
        Delete {count} imported from {fileName}?
      </p>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="importId" value={importId} />
      <div className="flex gap-2">
        <SubmitButton variant="danger">Yes, delete {count}</SubmitButton>
        <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-300 px-3 py-1.5 text-sm">
          Cancel
        </button>
      </div>
    </ActionForm>
  );
}
