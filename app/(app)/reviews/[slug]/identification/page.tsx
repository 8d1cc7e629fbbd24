import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { listSearches } from "@/lib/imports/data";
import { getDetectionStatus } from "@/lib/dedup/data";
import { DeleteSearchButton, SearchForm } from "./search-form";
import { ImportUploader } from "./import-uploader";
import { UndoImportButton } from "./undo-import-button";

export const metadata: Metadata = { title: "Identification" };

const KIND_LABEL: Record<string, string> = { DATABASE: "Database", REGISTER: "Register", OTHER: "Other method" };

export default async function IdentificationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const [searches, detection] = await Promise.all([listSearches(review.id), getDetectionStatus(review.id)]);
  const canManage = hasCapability(roles, "manage");
  return (
    <section className="space-y-8">
      <div className="flex items-baseline justify-between">
        <div>
          <h2 className="text-lg font-semibold">Searches and imports</h2>
          <p className="text-sm text-slate-600">Log every search as PRISMA 2020 reports it, then import its export files.</p>
        </div>
        <div className="flex gap-4">
          <Link href={`/reviews/${review.slug}/records`} className="text-sm text-brand-700 underline">
            Browse records
          </Link>
          <Link href={`/reviews/${review.slug}/duplicates`} className="text-sm text-brand-700 underline">
            Duplicates
          </Link>
        </div>
      </div>
      {detection.unchecked > 0 ? (
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="dedup-prompt">
          {detection.unchecked} {detection.lastRun ? "new " : ""}record{detection.unchecked === 1 ? "" : "s"} {detection.lastRun ? "since the last duplicate detection" : "not yet checked for duplicates"} —{" "}
          <Link href={`/reviews/${review.slug}/duplicates`} className="font-medium underline">
            run duplicate detection
          </Link>
          .
        </p>
      ) : null}
      {searches.length === 0 ? <p className="text-slate-600">No searches logged yet.</p> : null}
      <ul className="space-y-4">
        {searches.map((s) => (
          <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`search-${s.database}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-medium">
                {s.database} <span className="text-xs font-normal text-slate-500">{KIND_LABEL[s.kind] ?? s.kind}</span>
              </h3>
              <p className="text-sm tabular-nums text-slate-600">
                {s.imported} records imported{s.reportedHits !== null ? ` · ${s.reportedHits} reported by the source` : ""}
              </p>
            </div>
            <p className="text-xs text-slate-500">
              {[s.platform, s.dateRun ? `run ${s.dateRun.toISOString().slice(0, 10)}` : null].filter(Boolean).join(" · ")}
            </p>
            {s.countMismatch ? (
              <p role="alert" className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-800">
                The source reported {s.reportedHits} hits but {s.imported} records were imported. Check for a missing or partial export.
              </p>
            ) : null}
            {s.searchString ? (
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-slate-600">Search string</summary>
                <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{s.searchString}</pre>
              </details>
            ) : null}
            {s.imports.length ? (
              <table className="mt-3 w-full text-sm">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th className="font-medium">File</th>
                    <th className="font-medium">Format</th>
                    <th className="font-medium">Records</th>
                    <th className="font-medium">Warnings</th>
                    <th className="font-medium">Imported</th>
                    {canManage ? <th className="sr-only">Undo</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {s.imports.map((i) => (
                    <tr key={i.id} className="border-t border-slate-100">
                      <td>{i.fileName}</td>
                      <td>
                        {i.format} <span className="text-xs text-slate-500">{i.encoding}</span>
                      </td>
                      <td className="tabular-nums">{i._count.records}</td>
                      <td className="tabular-nums">{Array.isArray(i.warnings) ? i.warnings.length : 0}</td>
                      <td className="tabular-nums">{i.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                      {canManage ? <td>{i.undoable ? <UndoImportButton slug={review.slug} importId={i.id} fileName={i.fileName} recordCount={i._count.records} /> : <span className="text-xs text-slate-500">in use</span>}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {canManage ? <ImportUploader slug={review.slug} searchId={s.id} searchName={s.database} /> : null}
            {canManage ? (
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer text-slate-600">Edit this search</summary>
                <div className="mt-2 space-y-2">
                  <SearchForm
                    slug={review.slug}
                    search={{ id: s.id, kind: s.kind, database: s.database, platform: s.platform, dateRun: s.dateRun?.toISOString().slice(0, 10) ?? null, searchString: s.searchString, reportedHits: s.reportedHits }}
                  />
                  {s.imports.length === 0 ? <DeleteSearchButton slug={review.slug} searchId={s.id} database={s.database} /> : null}
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? <SearchForm slug={review.slug} /> : null}
    </section>
  );
}
