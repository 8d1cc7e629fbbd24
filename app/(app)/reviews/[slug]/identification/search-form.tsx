"use client";
import { useId } from "react";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { createSearchAction, deleteSearchAction, updateSearchAction } from "@/lib/imports/actions";
import { KNOWN_SOURCES } from "@/lib/imports/schema";

export type LoggedSearch = {
  id: string;
  kind: string;
  database: string;
  platform: string;
  dateRun: string | null;
  searchString: string;
  reportedHits: number | null;
};

/** Logs a new search, or (given `search`) corrects one already logged. */
export function SearchForm({ slug, search }: { slug: string; search?: LoggedSearch }) {
  const kindId = useId();
  const editing = Boolean(search);
  return (
    <ActionForm
      action={editing ? updateSearchAction : createSearchAction}
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={editing ? `Edit the ${search!.database} search` : "Log a search"}
      resetOnSuccess={!editing}
      successMessage={editing ? "Search updated." : "Search logged."}
    >
      {editing ? null : <h3 className="font-medium">Log a search</h3>}
      <input type="hidden" name="slug" value={slug} />
      {search ? <input type="hidden" name="searchId" value={search.id} /> : null}
      <div>
        <label htmlFor={kindId} className="block text-sm font-medium">
          Kind
        </label>
        <select id={kindId} name="kind" className="mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm" defaultValue={search?.kind ?? "DATABASE"}>
          <option value="DATABASE">Database</option>
          <option value="REGISTER">Register</option>
          <option value="OTHER">Other method (citation searching, websites, organisations)</option>
        </select>
        <FieldError name="kind" />
      </div>
      <Field
        name="database"
        label="Database, register or method"
        defaultValue={search?.database}
        hint={`For example ${[...KNOWN_SOURCES.DATABASE.slice(0, 5), ...KNOWN_SOURCES.OTHER.slice(0, 1)].join(", ")}.`}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field name="platform" label="Platform or interface" defaultValue={search?.platform} hint="e.g. Ovid, Embase.com" />
        <Field name="dateRun" label="Date run" type="date" defaultValue={search?.dateRun ?? undefined} />
        <Field name="reportedHits" label="Hits reported" type="number" defaultValue={search?.reportedHits?.toString()} />
      </div>
      <Field name="searchString" label="Full search string" defaultValue={search?.searchString} multiline rows={4} />
      <SubmitButton>{editing ? "Save search" : "Log search"}</SubmitButton>
    </ActionForm>
  );
}

export function DeleteSearchButton({ slug, searchId, database }: { slug: string; searchId: string; database: string }) {
  return (
    <ActionForm action={deleteSearchAction} aria-label={`Delete the ${database} search`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="searchId" value={searchId} />
      <SubmitButton variant="danger">Delete search</SubmitButton>
    </ActionForm>
  );
}
