import type { ScreeningItem } from "@/lib/screening/data";
import { ClampedText } from "@/app/components/clamped-text";
import { HighlightedText } from "./highlighted-text";

const LABEL: Record<string, string> = { INCLUDE: "Include", EXCLUDE: "Exclude", MAYBE: "Maybe" };

/** The record as a reviewer reads it, with the review's terms highlighted. */
export function RecordPanel({
  item,
  reasons,
  include,
  exclude,
  position,
  slug,
}: {
  slug: string;
  item: ScreeningItem;
  reasons: { id: string; label: string }[];
  include: readonly string[];
  exclude: readonly string[];
  position: number;
}) {
  const reason = (id: string | null) => (id ? reasons.find((r) => r.id === id)?.label : undefined);
  return (
    <article aria-labelledby="record-title" className="min-w-0 break-words rounded-lg border border-slate-200 bg-white p-5" data-testid="record" data-record-id={item.id} data-position={position}>
      <h2 id="record-title" className="text-lg font-semibold leading-snug">
        <ClampedText key={item.id} text={item.title} limit={400}>
          {(shown) => <HighlightedText text={shown} include={include} exclude={exclude} />}
        </ClampedText>
      </h2>
      <p className="mt-1 text-sm text-slate-700">{item.authors.join("; ") || "No authors listed"}</p>
      <p className="text-sm text-slate-600">
        {[item.journal, item.year].filter(Boolean).join(", ")}
        {item.doi ? <span className="ml-2 text-slate-500">doi:{item.doi}</span> : null}
      </p>
      <div className="mt-4 whitespace-pre-wrap text-sm leading-relaxed text-slate-900">
        {item.abstract ? (
          <ClampedText key={item.id} text={item.abstract} limit={6000}>
            {(shown) => <HighlightedText text={shown} include={include} exclude={exclude} />}
          </ClampedText>
        ) : (
          <em className="text-slate-500">No abstract.</em>
        )}
      </div>
      {item.keywords.length ? (
        <p className="mt-3 text-xs text-slate-600">
          <span className="font-medium">Keywords: </span>
          <HighlightedText text={item.keywords.join("; ")} include={include} exclude={exclude} />
        </p>
      ) : null}
      <p className="mt-3 text-xs">
        <a href={`/reviews/${slug}/records/${item.id}`} target="_blank" rel="noreferrer" className="text-brand-700 underline">
          Open the record page (notes, labels, copies) ↗
        </a>
      </p>
      <div className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm" data-testid="votes">
        {item.myVote ? (
          <p data-testid="my-vote">
            Your vote: <strong>{LABEL[item.myVote.decision]}</strong>
            {reason(item.myVote.reasonId) ? ` (${reason(item.myVote.reasonId)})` : ""}
            {item.myVote.note ? ` — “${item.myVote.note}”` : ""}
          </p>
        ) : (
          <p className="text-slate-500">Not yet decided by you.</p>
        )}
        {item.otherVotes.map((v) => (
          <p key={v.reviewerId} data-testid="other-vote">
            {v.reviewerName}: <strong>{LABEL[v.decision]}</strong>
            {reason(v.reasonId) ? ` (${reason(v.reasonId)})` : ""}
            {v.note ? ` — “${v.note}”` : ""}
          </p>
        ))}
        {item.resolution ? (
          <p data-testid="resolution" className="text-slate-700">
            Resolved: <strong>{LABEL[item.resolution.outcome]}</strong> by {item.resolution.method === "AGREEMENT" ? "agreement" : "adjudication"}. Votes are now locked.
          </p>
        ) : null}
      </div>
    </article>
  );
}
