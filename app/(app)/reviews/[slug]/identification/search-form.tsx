"use client";
import { ActionForm, Field, FieldError, SubmitButton } from "@/app/components/action-form";
import { createSearchAction } from "@/lib/imports/actions";
import { KNOWN_SOURCES } from "@/lib/imports/schema";

export function SearchForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={createSearchAction} className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Log a search" resetOnSuccess successMessage="Search logged.">
      <h3 className="font-medium">Log a search</h3>
      <input type="hidden" name="slug" value={slug} />
      <div>
        <label htmlFor="search-kind" className="block text-sm font-medium">
          Kind
        </label>
        <select id="search-kind" name="kind" className="mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm" defaultValue="DATABASE">
          <option value="DATABASE">Database</option>
          <option value="REGISTER">Register</option>
          <option value="OTHER">Other method (citation searching, websites, organisations)</option>
        </select>
        <FieldError name="kind" />
      </div>
      <Field name="database" label="Database, register or method" hint={`For example ${[...KNOWN_SOURCES.DATABASE.slice(0, 5), ...KNOWN_SOURCES.OTHER.slice(0, 1)].join(", ")}.`} />
      <div className="grid gap-3 sm:grid-cols-3">
        <Field name="platform" label="Platform or interface" hint="e.g. Ovid, Embase.com" />
        <Field name="dateRun" label="Date run" type="date" />
        <Field name="reportedHits" label="Hits reported" type="number" />
      </div>
      <Field name="searchString" label="Full search string" multiline rows={4} />
      <SubmitButton>Log search</SubmitButton>
    </ActionForm>
  );
}
