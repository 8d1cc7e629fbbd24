import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import type { Stage } from "@/lib/reviews/schema";
import { getMyHistory, getNextItems, getProgress, getStageContext } from "@/lib/screening/data";
import { STAGE_LABELS } from "@/lib/screening/schema";
import { votesNeeded } from "@/lib/screening/rules";
import { ensureAssigned } from "@/lib/screening/assignment-mutations";
import { ScreeningView } from "./screening-view";
import { BulkPanel } from "./bulk-panel";

const INITIAL_QUEUE = 3;

/** The screening page of one stage: resumes at the first record still needing my vote. */
export async function StagePage({ slug, stage }: { slug: string; stage: Stage }) {
  const { review, roles, user } = await requireReviewAccess(slug);
  const base = `/reviews/${review.slug}/screening`;
  if (!hasCapability(roles, "screen")) {
    return (
      <div className="max-w-2xl space-y-2">
        <h2 className="text-lg font-semibold">{STAGE_LABELS[stage]} screening</h2>
        <p className="text-sm text-slate-700">Screening needs the Reviewer role in this review. An owner can add it on the Members page.</p>
        <Link href={base} className="text-sm text-brand-700 underline">
          Back to the screening overview
        </Link>
      </div>
    );
  }
  // Records that arrived since the stage's assignment was drawn are assigned before the queue is read.
  await ensureAssigned(review.id, stage);
  const ctx = await getStageContext(review.id, stage);
  const { blinded } = ctx.stageSettings;
  const required = votesNeeded(ctx.stageSettings);
  const [history, queue, progress] = await Promise.all([
    getMyHistory(review.id, stage, user.id, blinded),
    getNextItems(review.id, stage, user.id, { required, blinded, limit: INITIAL_QUEUE }),
    getProgress(review.id, stage, user.id, required),
  ]);
  return (
    <div className="space-y-6">
    {ctx.stageSettings.assigned ? (
      <p className="text-sm text-slate-700" data-testid="assigned-share">
        Records are shared out at this stage: your queue holds the {progress.mine.total} {progress.mine.total === 1 ? "record" : "records"} assigned to you.
      </p>
    ) : null}
    <ScreeningView
      slug={review.slug}
      stage={stage}
      history={history}
      queue={queue}
      queueExhausted={queue.length < INITIAL_QUEUE}
      progress={progress}
      reasons={ctx.reasons}
      settings={{ ...ctx.stageSettings, highlightInclude: ctx.settings.highlightInclude, highlightExclude: ctx.settings.highlightExclude }}
      criteria={{ inclusion: ctx.criteria.inclusionCriteria, exclusion: ctx.criteria.exclusionCriteria }}
      canRetrieve={hasCapability(roles, "retrieve")}
    />
    <BulkPanel slug={review.slug} stage={stage} reasons={ctx.reasons.filter((r) => !r.retired)} />
    </div>
  );
}
