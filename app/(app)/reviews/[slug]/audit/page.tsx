import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { listAuditEvents } from "@/lib/audit/data";
import { auditFilterSchema } from "@/lib/audit/schema";
import { changedFields } from "@/lib/audit/diff";
import { resolveAuditNames } from "@/lib/audit/names";
import { AuditValue, eventRecordId } from "./audit-value";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { slug } = await params;
  const { review, user, roles } = await requireReviewAccess(slug, "manage");
  const filter = auditFilterSchema.parse(await searchParams);
  const { events, total, pages, actors, entities } = await listAuditEvents(review.id, filter, { id: user.id, roles });
  const names = await resolveAuditNames(review.id, review.slug, events);
  const pageHref = (page: number) => {
    const query = new URLSearchParams({ ...(filter.actor ? { actor: filter.actor } : {}), ...(filter.entity ? { entity: filter.entity } : {}), page: String(page) });
    return `/reviews/${review.slug}/audit?${query}`;
  };
  return (
    <section className="space-y-4">
      <h2 className="text-lg font-semibold">Audit log</h2>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the audit log">
        <label className="flex flex-col">
          Person
          <select name="actor" defaultValue={filter.actor ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Entity
          <select name="entity" defaultValue={filter.entity ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">All</option>
            {entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
          Filter
        </button>
      </form>
      <p className="text-sm text-slate-600">{total} events</p>
      <table className="w-full bg-white text-sm">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="px-2 py-1 font-medium">When (UTC)</th>
            <th className="px-2 py-1 font-medium">Who</th>
            <th className="px-2 py-1 font-medium">Entity</th>
            <th className="px-2 py-1 font-medium">Action</th>
            <th className="px-2 py-1 font-medium">Changes</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap px-2 py-1 tabular-nums">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="px-2 py-1">{e.actor?.name ?? "system"}</td>
              <td className="px-2 py-1">
                {e.entity}
                {(() => {
                  const recordId = eventRecordId(e);
                  const record = recordId ? names.get(recordId) : undefined;
                  return record?.href ? (
                    <Link href={record.href} className="block text-xs text-brand-700 underline" data-testid="audit-record-link">
                      {record.label}
                    </Link>
                  ) : null;
                })()}
              </td>
              <td className="px-2 py-1">{e.action}</td>
              <td className="px-2 py-1 text-xs">
                {e.redacted ? <p className="text-slate-500" data-testid="audit-redacted">Hidden: you screen in this review, and its screening is blinded.</p> : null}
                <ul className="space-y-0.5">
                  {changedFields(e.before, e.after).map((c) => (
                    <li key={c.field} className="break-words">
                      <span className="font-medium">{c.field}</span>: <span className="text-slate-500 line-through">
                        <AuditValue value={c.before} names={names} />
                      </span>{" "}
                      → <AuditValue value={c.after} names={names} />
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Audit pages" className="flex gap-3 text-sm">
        {filter.page > 1 ? <Link href={pageHref(filter.page - 1)}>← Newer</Link> : null}
        <span>
          Page {filter.page} of {pages}
        </span>
        {filter.page < pages ? <Link href={pageHref(filter.page + 1)}>Older →</Link> : null}
      </nav>
    </section>
  );
}
