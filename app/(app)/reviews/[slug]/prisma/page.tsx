import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { renderPrismaFlow } from "@/lib/charts/prisma-flow";
import { getReviewFlow } from "@/lib/flow/data";
import { ALL_FIELDS, FIELD_LABELS, isCountField } from "@/lib/flow/fields";
import type { Flow } from "@/lib/flow/model";
import { FlowCountsForm, FlowModeForm } from "./flow-forms";

export const metadata: Metadata = { title: "PRISMA flow" };

const EXPORTS = [
  { format: "svg", label: "SVG" },
  { format: "png", label: "PNG" },
  { format: "pdf", label: "PDF" },
  { format: "csv", label: "CSV (PRISMA2020)" },
] as const;

/** One row per box for the table beside the diagram: the same numbers, readable by screen readers and linkable. */
function boxRows(flow: Flow) {
  return ALL_FIELDS.map((field) => {
    if (isCountField(field)) return { field, label: FIELD_LABELS[field], value: flow.counts[field].n.toLocaleString("en-US"), source: flow.counts[field].source, href: flow.counts[field].href };
    const list = flow.lists[field];
    const value = list.items.map((i) => `${i.label}: ${i.n.toLocaleString("en-US")}`).join("; ") || "—";
    return { field, label: FIELD_LABELS[field], value, source: list.source, href: undefined };
  });
}

export default async function PrismaFlowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const { flow, checks, entries, manual } = await getReviewFlow(review.id, review.slug);
  const svg = renderPrismaFlow(flow, { links: !manual });
  const failed = checks.filter((c) => !c.ok).length;
  const base = `/reviews/${review.slug}/prisma/export`;
  return (
    <section className="space-y-6" aria-labelledby="prisma-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h2 id="prisma-heading" className="text-lg font-semibold">
            PRISMA 2020 flow diagram
          </h2>
          <p className="text-sm text-slate-600" data-testid="flow-mode">
            {manual
              ? "Manual mode: every number below was typed by an owner."
              : "Live from the review's searches, duplicates, screening, full texts and studies. Numbers marked † were entered by an owner."}
          </p>
        </div>
        <nav aria-label="Export the diagram" className="flex flex-wrap gap-2 text-sm">
          {EXPORTS.map((e) => (
            <a key={e.format} href={`${base}/${e.format}`} download className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100">
              Download {e.label}
            </a>
          ))}
        </nav>
      </div>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-2" data-testid="prisma-diagram">
          {/* Our own SVG builder escapes every text it writes (lib/charts/svg-text.ts). Scaled to the column; the exports keep full size. */}
          <div className="[&>svg]:h-auto [&>svg]:w-full" dangerouslySetInnerHTML={{ __html: svg }} />
        </figure>
        <aside aria-labelledby="checks-heading" className="space-y-2">
          <h3 id="checks-heading" className="font-medium">
            Consistency checks {failed ? <span className="text-red-700">({failed} failed)</span> : <span className="text-brand-700">(all pass)</span>}
          </h3>
          <ul className="space-y-2 text-sm" data-testid="flow-checks">
            {checks.map((check) => (
              <li key={check.id} data-check={check.id} data-ok={check.ok} className={`rounded border p-2 ${check.ok ? "border-slate-200 bg-white" : "border-red-300 bg-red-50"}`}>
                <span aria-hidden="true">{check.ok ? "✓ " : "✗ "}</span>
                <span className="sr-only">{check.ok ? "Passes: " : "Fails: "}</span>
                {check.label}
                {!check.ok ? (
                  <p className="mt-1 text-red-800">
                    Expected {check.expected.toLocaleString("en-US")}, the diagram shows {check.actual.toLocaleString("en-US")}.{check.detail ? ` ${check.detail}` : ""}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </aside>
      </div>

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">Every box and the records it counts</summary>
        <table className="mt-3 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left text-slate-600">
              <th className="px-2 py-1 font-medium">PRISMA2020 field</th>
              <th className="px-2 py-1 font-medium">Box</th>
              <th className="px-2 py-1 font-medium">Count</th>
              <th className="px-2 py-1 font-medium">Source</th>
            </tr>
          </thead>
          <tbody>
            {boxRows(flow).map((row) => (
              <tr key={row.field} className="border-b border-slate-100 align-top" data-testid={`box-${row.field}`}>
                <td className="px-2 py-1 font-mono text-xs">{row.field}</td>
                <td className="px-2 py-1">{row.label}</td>
                <td className="px-2 py-1 tabular-nums">{row.href ? <Link href={row.href} className="text-brand-700 underline">{row.value}</Link> : row.value}</td>
                <td className="px-2 py-1">{row.source === "manual" ? "entered by hand" : "records"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      {hasCapability(roles, "manage") ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <FlowCountsForm slug={review.slug} manual={manual} entries={entries} />
          <FlowModeForm slug={review.slug} manual={manual} />
        </div>
      ) : null}
    </section>
  );
}
