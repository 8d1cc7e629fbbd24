import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getRecordDetail } from "@/lib/records/detail";
import { resolveAuditNames } from "@/lib/audit/names";
import { STAGE_LABELS } from "@/lib/screening/schema";
import { ClampedText } from "@/app/components/clamped-text";
import { CorrectRecordForm } from "./correct-form";
import { RecordHistory } from "./record-history";
import { StageVotes } from "./stage-votes";
import { RecordNotes } from "./record-notes";

export const metadata: Metadata = { title: "Record" };

export default async function RecordPage({ params }: { params: Promise<{ slug: string; recordId: string }> }) {
  const { slug, recordId } = await params;
  const { review, roles, user } = await requireReviewAccess(slug);
  const record = await getRecordDetail(review.id, recordId, { id: user.id, roles });
  if (!record) notFound();
  const base = `/reviews/${review.slug}`;
  const names = record.history ? await resolveAuditNames(review.id, review.slug, record.history.map((e) => ({ ...e, entityId: null }))) : new Map();
  return (
    <article className="max-w-4xl space-y-6" data-testid="record-page">
      <div className="space-y-1">
        <Link href={`${base}/records`} className="text-sm text-brand-700 underline">
          ← All records
        </Link>
        <h2 className="break-words text-xl font-semibold leading-snug">
          <ClampedText text={record.title || "(no title)"} limit={300} />
        </h2>
        <p className="text-sm text-slate-700">{record.authors.join("; ") || "No authors listed"}</p>
        <p className="text-sm text-slate-600">
          {[record.journal, record.year, record.volume && `${record.volume}${record.issue ? `(${record.issue})` : ""}`, record.pages].filter(Boolean).join(", ")}
          {record.doi ? (
            <a href={`https://doi.org/${record.doi}`} className="ml-2 text-brand-700 underline" rel="noreferrer">
              doi:{record.doi}
            </a>
          ) : null}
          {record.pmid ? <span className="ml-2">PMID {record.pmid}</span> : null}
        </p>
        <p className="text-xs text-slate-500">
          From {record.source ?? "an unknown source"}
          {record.fileName ? ` (${record.fileName})` : ""}
          {record.isDuplicate ? " · a duplicate copy, removed before screening" : ""}
          {record.study ? (
            <>
              {" · report of "}
              <Link href={`${base}/studies`} className="text-brand-700 underline">
                {record.study.label}
              </Link>
            </>
          ) : null}
        </p>
      </div>

      <section aria-labelledby="abstract-heading" className="space-y-2">
        <h3 id="abstract-heading" className="font-medium">
          Abstract
        </h3>
        <p className="whitespace-pre-wrap break-words text-sm leading-relaxed">{record.abstract ? <ClampedText text={record.abstract} limit={3000} /> : <em className="text-slate-500">No abstract.</em>}</p>
        {record.keywords.length || record.mesh.length ? <p className="text-xs text-slate-600">Keywords: {[...record.keywords, ...record.mesh].join("; ")}</p> : null}
        <p className="text-sm">
          Full text:{" "}
          {record.fullText?.status === "RETRIEVED" && record.fullText.hasPdf ? (
            <a href={`${base}/screening/full-text/${record.id}/pdf`} className="text-brand-700 underline">
              PDF
            </a>
          ) : record.fullText?.status === "NOT_RETRIEVED" ? (
            <span>not retrieved{record.fullText.note ? ` (${record.fullText.note})` : ""}</span>
          ) : (
            <span className="text-slate-500">none yet</span>
          )}
        </p>
      </section>

      {record.copies.length > 1 ? (
        <section aria-labelledby="copies-heading" className="space-y-2">
          <h3 id="copies-heading" className="font-medium">
            Copies in the duplicate group ({record.copies.length})
          </h3>
          <ul className="space-y-1 text-sm" data-testid="record-copies">
            {record.copies.map((c) => (
              <li key={c.id}>
                {c.id === record.id ? (
                  <strong>This copy</strong>
                ) : (
                  <Link href={`${base}/records/${c.id}`} className="text-brand-700 underline">
                    <ClampedText text={c.title || "(no title)"} limit={120} />
                  </Link>
                )}{" "}
                <span className="text-slate-600">
                  — {c.source ?? "unknown source"}
                  {c.fileName ? ` (${c.fileName})` : ""}, {c.year ?? "no year"}
                  {c.doi ? `, doi:${c.doi}` : ""} · {c.isDuplicate ? "removed as duplicate" : "kept (primary)"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {record.stages.map((s) => (
        <StageVotes key={s.stage} label={STAGE_LABELS[s.stage]} stage={s} />
      ))}

      <RecordNotes slug={review.slug} recordId={record.id} notes={record.notes} hidden={record.notesHidden} />
      {hasCapability(roles, "manage") ? <CorrectRecordForm slug={review.slug} record={{ id: record.id, title: record.title, doi: record.doi ?? "", year: record.year ? String(record.year) : "" }} /> : null}
      {record.history ? <RecordHistory events={record.history} names={names} /> : null}
    </article>
  );
}
