import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getDedupOverview, listGroups, listOpenPairs } from "@/lib/dedup/data";
import { groupsPageSchema } from "@/lib/dedup/schema";
import { RunDetection } from "./run-detection";
import { PairReview } from "./pair-review";
import { BulkDecideForm } from "./bulk-decide-form";
import { MakePrimaryButton, UndoMergeButton } from "./group-actions";

export const metadata: Metadata = { title: "Duplicates" };

function Count({ label, value, detail, testId }: { label: string; value: number; detail?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
    </div>
  );
}

export default async function DuplicatesPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const { page } = groupsPageSchema.parse(await searchParams);
  const canManage = hasCapability(roles, "manage");
  const [overview, pairs, groups] = await Promise.all([getDedupOverview(review.id), listOpenPairs(review.id), listGroups(review.id, page)]);
  const base = `/reviews/${review.slug}/duplicates`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    <section className="space-y-8">
      <div>
        <h2 className="text-lg font-semibold">Duplicates</h2>
        <p className="text-sm text-slate-600">
          Certain duplicates are merged automatically; possible ones wait for a person. Merged records are kept with their source, so per-database counts stay
          right, and every merge can be undone.
        </p>
      </div>

      <dl className="grid gap-3 sm:grid-cols-4" aria-label="Duplicate counts">
        <Count label="Certain" value={overview.automaticGroups} testId="count-certain" detail={`groups merged automatically · ${plural(overview.automaticRemoved, "record")} removed`} />
        <Count label="Merged by a person" value={overview.manualGroups} testId="count-manual" detail={`groups · ${plural(overview.manualRemoved, "record")} removed`} />
        <Count label="Possible" value={overview.possible} testId="count-possible" detail="pairs queued for a decision" />
        <Count label="Resolved" value={overview.same + overview.different} testId="count-resolved" detail={`pairs: ${overview.same} same, ${overview.different} different`} />
      </dl>
      <p className="text-sm text-slate-600">
        {overview.records} records; {overview.records - overview.automaticRemoved - overview.manualRemoved} remain for screening.{" "}
        {overview.lastRun ? `Detection last ran ${overview.lastRun.at.toISOString().slice(0, 16).replace("T", " ")} UTC${overview.lastRun.actor ? ` by ${overview.lastRun.actor.name}` : ""}.` : "Detection has not run yet."}
      </p>

      {canManage ? <RunDetection slug={review.slug} unchecked={overview.unchecked} /> : null}

      <div className="space-y-3">
        <h3 className="font-semibold">Possible duplicates</h3>
        <PairReview slug={review.slug} pairs={pairs} total={overview.possible} canDecide={canManage} />
        {overview.possible > pairs.length ? <p className="text-xs text-slate-500">Showing the {pairs.length} strongest of {overview.possible} open pairs.</p> : null}
        {canManage && overview.possible > 0 ? <BulkDecideForm slug={review.slug} /> : null}
      </div>

      <div className="space-y-3">
        <h3 className="font-semibold">Merged groups ({groups.total})</h3>
        {groups.total === 0 ? <p className="text-slate-600">No records have been merged.</p> : null}
        <ul className="space-y-3">
          {groups.groups.map((g) => (
            <li key={g.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="duplicate-group">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <p className="text-xs text-slate-600">
                  <span className="font-medium">{g.origin === "AUTOMATIC" ? "Automatic" : "By a person"}</span> · score {g.score.toFixed(3)} · {g.reasons.join("; ")}
                  {g.filled.length ? ` · filled into the primary: ${g.filled.join(", ")}` : ""}
                </p>
                {canManage ? <UndoMergeButton slug={review.slug} groupId={g.id} label={g.members[0]?.title ?? g.id} /> : null}
              </div>
              <ul className="mt-2 space-y-1">
                {g.members.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      <span className={m.primary ? "font-medium" : "text-slate-600"}>{m.title}</span>{" "}
                      <span className="text-xs text-slate-500">
                        {[m.source, m.year, m.journal, m.doi ? `doi:${m.doi}` : null].filter(Boolean).join(" · ")}
                      </span>
                      {m.primary ? <span className="ml-2 rounded bg-brand-50 px-1 text-xs text-brand-700">primary</span> : null}
                    </span>
                    {canManage && !m.primary ? <MakePrimaryButton slug={review.slug} groupId={g.id} recordId={m.id} label={m.title} /> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {groups.pages > 1 ? (
          <nav aria-label="Merged groups pages" className="flex gap-3 text-sm">
            {page > 1 ? <Link href={`${base}?page=${page - 1}`}>Previous</Link> : null}
            <span>
              Page {page} of {groups.pages}
            </span>
            {page < groups.pages ? <Link href={`${base}?page=${page + 1}`}>Next</Link> : null}
          </nav>
        ) : null}
      </div>
    </section>
  );
}
