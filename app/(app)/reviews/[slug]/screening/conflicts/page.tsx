import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { listConflicts, listResolutions } from "@/lib/screening/conflict-data";
import { STAGE_LABELS, stageSchema } from "@/lib/screening/schema";
import { STAGES } from "@/lib/reviews/schema";
import { ConflictCard, ReopenForm } from "./conflict-forms";
import { ConflictKeys } from "./conflict-keys";

export const metadata: Metadata = { title: "Screening conflicts" };

const LABEL: Record<string, string> = { INCLUDE: "Include", EXCLUDE: "Exclude", MAYBE: "Maybe" };

/** Adjudicators and owners only: both votes of every conflict, and recent resolutions to reopen. */
export default async function ConflictsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ stage?: string }> }) {
  const { slug } = await params;
  const { review, user } = await requireReviewAccess(slug, "adjudicate");
  const stage = stageSchema.catch("TITLE_ABSTRACT").parse((await searchParams).stage);
  const [{ conflicts, reasons }, resolutions] = await Promise.all([listConflicts(review.id, stage, user.id), listResolutions(review.id, stage)]);
  const base = `/reviews/${review.slug}/screening/conflicts`;
  return (
    <div className="space-y-6">
      <nav aria-label="Stage" className="flex gap-2 text-sm">
        {STAGES.map((s) => (
          <Link key={s} href={`${base}?stage=${s}`} aria-current={s === stage ? "page" : undefined} className={`rounded px-3 py-1 ${s === stage ? "bg-slate-800 text-white" : "border border-slate-300"}`}>
            {STAGE_LABELS[s]}
          </Link>
        ))}
      </nav>
      <section aria-labelledby="conflicts-heading">
        <h2 id="conflicts-heading" className="text-lg font-semibold">
          Conflicts at {STAGE_LABELS[stage].toLowerCase()} ({conflicts.length})
        </h2>
        {conflicts.length === 0 ? <p className="text-sm text-slate-600">No conflicts: every record with all its votes in is resolved.</p> : <ConflictKeys />}
        <ul className="mt-3 space-y-4">
          {conflicts.map((c) => (
            <li key={c.id}>
              <ConflictCard slug={review.slug} stage={stage} conflict={c} reasons={reasons} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="resolved-heading">
        <h2 id="resolved-heading" className="text-lg font-semibold">
          Recently resolved
        </h2>
        <ul className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white">
          {resolutions.map((r) => (
            <li key={r.recordId} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                {r.record.title} {r.record.year ? `(${r.record.year})` : ""} — <strong>{LABEL[r.outcome]}</strong>
                {r.reason ? ` (${r.reason})` : ""} by {r.method === "AGREEMENT" ? "agreement" : "adjudication"}
                {r.note ? ` — “${r.note}”` : ""}
              </span>
              <ReopenForm slug={review.slug} stage={stage} recordId={r.recordId} title={r.record.title} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
