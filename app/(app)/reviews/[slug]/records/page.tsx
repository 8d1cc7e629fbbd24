import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { listRecords } from "@/lib/records/data";
import { recordFilterSchema, type RecordFilter } from "@/lib/records/schema";

export const metadata: Metadata = { title: "Records" };

const SET_LABELS: Record<RecordFilter["set"], string> = {
  all: "All records",
  unique: "Unique (duplicates removed)",
  duplicates: "Removed duplicates",
  "included-ta": "Included at title/abstract",
  "excluded-ta": "Excluded at title/abstract",
  "included-ft": "Included at full text",
  "excluded-ft": "Excluded at full text",
};

export default async function RecordsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  const { review } = await requireReviewAccess(slug);
  const filter = recordFilterSchema.parse(await searchParams);
  const { rows, total, pages, searches } = await listRecords(review.id, filter);
  const base = `/reviews/${review.slug}/records`;
  const query = (patch: Partial<Record<keyof RecordFilter, string | number | undefined>>) => {
    const merged = { ...filter, ...patch };
    const entries = Object.entries(merged).filter(([, v]) => v !== undefined && v !== "" && v !== null).map(([k, v]) => [k, String(v)]);
    return `?${new URLSearchParams(entries)}`;
  };
  const sortLink = (key: RecordFilter["sort"], label: string) => (
    <Link href={`${base}${query({ sort: key, dir: filter.sort === key && filter.dir === "asc" ? "desc" : "asc", page: 1 })}`} className="hover:underline">
      {label}
      {filter.sort === key ? (filter.dir === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold">Records</h2>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter records">
        <label className="flex flex-col">
          Search
          <input name="q" defaultValue={filter.q ?? ""} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          Search in
          <select name="field" defaultValue={filter.field} className="rounded border border-slate-300 px-2 py-1">
            <option value="any">Title, abstract or author</option>
            <option value="title">Title</option>
            <option value="abstract">Abstract</option>
            <option value="author">Author</option>
          </select>
        </label>
        <label className="flex flex-col">
          Year from
          <input name="yearFrom" type="number" defaultValue={filter.yearFrom ?? ""} className="w-24 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          to
          <input name="yearTo" type="number" defaultValue={filter.yearTo ?? ""} className="w-24 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          Source
          <select name="search" defaultValue={filter.search ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">All sources</option>
            {searches.map((s) => (
              <option key={s.id} value={s.id}>
                {s.database}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Set
          <select name="set" defaultValue={filter.set} className="rounded border border-slate-300 px-2 py-1">
            {Object.entries(SET_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filter.box ? <input type="hidden" name="box" value={filter.box} /> : null}
        {filter.source ? <input type="hidden" name="source" value={filter.source} /> : null}
        {filter.reason ? <input type="hidden" name="reason" value={filter.reason} /> : null}
        <button type="submit" className="rounded bg-brand-700 px-3 py-1.5 text-white">
          Apply
        </button>
      </form>
      {filter.box ? (
        <p className="text-sm text-slate-600">
          Showing the records behind the PRISMA box <code>{filter.box}</code>
          {filter.source ? ` (${filter.source})` : ""}.{" "}
          <Link href={base} className="text-brand-700 underline">
            Show all
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p data-testid="records-total">
          {total} {total === 1 ? "record" : "records"}
        </p>
        <p className="space-x-3">
          Export this set:
          <a href={`${base}/export${query({ page: undefined })}&format=ris`} className="ml-2 text-brand-700 underline">
            RIS
          </a>
          <a href={`${base}/export${query({ page: undefined })}&format=csv`} className="text-brand-700 underline">
            CSV
          </a>
        </p>
      </div>
      <table className="w-full bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="px-2 py-1 font-medium">{sortLink("title", "Title")}</th>
            <th className="px-2 py-1 font-medium">{sortLink("author", "Authors")}</th>
            <th className="px-2 py-1 font-medium">{sortLink("year", "Year")}</th>
            <th className="px-2 py-1 font-medium">{sortLink("journal", "Journal")}</th>
            <th className="px-2 py-1 font-medium">Source</th>
            <th className="px-2 py-1 font-medium">IDs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100 align-top">
              <td className="max-w-xl break-words px-2 py-1">
                <Link href={`${base}/${r.id}`} className="hover:underline">
                  {r.title ? (r.title.length > 300 ? `${r.title.slice(0, 300)}…` : r.title) : <em className="text-slate-500">(no title)</em>}
                </Link>
              </td>
              <td className="px-2 py-1 text-slate-600">
                {(r.authors as { family: string }[]).slice(0, 3).map((a) => a.family).join(", ")}
                {(r.authors as unknown[]).length > 3 ? " et al." : ""}
              </td>
              <td className="px-2 py-1 tabular-nums">{r.year ?? ""}</td>
              <td className="px-2 py-1 text-slate-600">{r.journal || r.journalAbbrev}</td>
              <td className="px-2 py-1 text-slate-600">{r.import?.search.database ?? ""}</td>
              <td className="px-2 py-1 text-xs text-slate-500">
                {r.doi ? <div>doi:{r.doi}</div> : null}
                {r.pmid ? <div>PMID {r.pmid}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Record pages" className="flex gap-3 text-sm">
        {filter.page > 1 ? <Link href={`${base}${query({ page: filter.page - 1 })}`}>← Previous</Link> : null}
        <span>
          Page {filter.page} of {pages}
        </span>
        {filter.page < pages ? <Link href={`${base}${query({ page: filter.page + 1 })}`}>Next →</Link> : null}
      </nav>
    </section>
  );
}
