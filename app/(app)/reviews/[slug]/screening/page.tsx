import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { STAGES, type Stage } from "@/lib/reviews/schema";
import { getOutcomeCounts, getProgress, getStageContext } from "@/lib/screening/data";
import { countExclusionsByReason } from "@/lib/screening/conflict-data";
import { getAgreement } from "@/lib/screening/agreement-data";
import { getAssignmentPlan, memberNamesById } from "@/lib/screening/assignment-data";
import { ensureAssigned } from "@/lib/screening/assignment-mutations";
import { describeAssignment } from "@/lib/screening/assignment";
import { votesNeeded } from "@/lib/screening/rules";
import { listStudies } from "@/lib/screening/study-data";
import { STAGE_LABELS, STAGE_PATHS } from "@/lib/screening/schema";
import { ProgressBar } from "@/app/components/progress-bar";
import { AgreementTable } from "./agreement-table";
import { StudyLinks } from "./study-links";

export const metadata: Metadata = { title: "Screening" };

async function StageCard({ reviewId, slug, stage, userId, roles }: { reviewId: string; slug: string; stage: Stage; userId: string; roles: Parameters<typeof hasCapability>[0] }) {
  await ensureAssigned(reviewId, stage);
  const ctx = await getStageContext(reviewId, stage);
  const { blinded } = ctx.stageSettings;
  const required = votesNeeded(ctx.stageSettings);
  const canScreen = hasCapability(roles, "screen");
  const canAdjudicate = hasCapability(roles, "adjudicate");
  // Outcomes and agreement move when a colleague's vote lands; under blinding only those who see conflicts anyway get them.
  const seesOutcomes = canAdjudicate || !blinded;
  const [progress, outcomes, agreement, reasons, plan] = await Promise.all([
    getProgress(reviewId, stage, userId, required),
    seesOutcomes ? getOutcomeCounts(reviewId, stage) : null,
    seesOutcomes ? getAgreement(reviewId, stage) : null,
    seesOutcomes && stage === "FULL_TEXT" ? countExclusionsByReason(reviewId, stage) : null,
    ctx.stageSettings.assigned ? getAssignmentPlan(reviewId, stage) : null,
  ]);
  const planNames = plan ? await memberNamesById(reviewId, plan.reviewerIds) : [];
  const base = `/reviews/${slug}/screening`;
  return (
    <section aria-labelledby={`${stage}-heading`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid={`stage-${STAGE_PATHS[stage]}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${stage}-heading`} className="text-lg font-semibold">
          {STAGE_LABELS[stage]}
        </h2>
        <p className="text-xs text-slate-600">
          {describeAssignment(plan ? { ...plan, names: planNames } : null, ctx.stageSettings.reviewersPerRecord)} · {blinded ? "blinded" : "not blinded"} · maybe{" "}
          {ctx.stageSettings.allowMaybe ? "allowed" : "not allowed"}
        </p>
      </div>
      <div className="flex flex-wrap gap-3 text-sm">
        {canScreen ? (
          <Link className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white" href={`${base}/${STAGE_PATHS[stage]}`}>
            Screen {STAGE_LABELS[stage].toLowerCase()}
          </Link>
        ) : null}
        {canAdjudicate ? (
          <Link className="rounded border border-slate-300 px-3 py-1.5" href={`${base}/conflicts?stage=${stage}`}>
            Conflicts
          </Link>
        ) : null}
      </div>
      {canScreen ? (
        <div>
          <p className="text-xs text-slate-600">
            My votes: {progress.mine.done} of {progress.mine.total}
          </p>
          <ProgressBar done={progress.mine.done} total={progress.mine.total} label={`${STAGE_LABELS[stage]}: my progress`} />
        </div>
      ) : null}
      <div>
        <p className="text-xs text-slate-600">
          Team: {progress.team.complete} of {progress.team.total} records with all votes in
          {outcomes ? ` · ${outcomes.included} included, ${outcomes.excluded} excluded, ${progress.team.complete - outcomes.included - outcomes.excluded} awaiting adjudication` : ""}
        </p>
        <ProgressBar done={progress.team.complete} total={progress.team.total} label={`${STAGE_LABELS[stage]}: team progress`} />
      </div>
      {reasons && reasons.length ? (
        <div>
          <h3 className="text-sm font-semibold">Reports excluded, with reasons</h3>
          <ul className="text-sm">
            {reasons.map((r) => (
              <li key={r.reason}>
                {r.reason}: {r.count}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div>
        <h3 className="text-sm font-semibold">Agreement between reviewers</h3>
        {agreement ? (
          <AgreementTable rows={agreement} csvHref={`${base}/agreement?stage=${stage}`} />
        ) : (
          <p className="text-sm text-slate-600">While blinding is on, agreement is shown to adjudicators and owners only: it would reveal how a colleague voted.</p>
        )}
      </div>
    </section>
  );
}

export default async function ScreeningOverview({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles, user } = await requireReviewAccess(slug);
  const studies = hasCapability(roles, "manage") ? await listStudies(review.id) : null;
  return (
    <div className="space-y-6">
      <div className="flex items-baseline justify-between">
        <h2 className="sr-only">Screening</h2>
        {hasCapability(roles, "manage") ? (
          <Link href={`/reviews/${review.slug}/screening/settings`} className="text-sm text-brand-700 underline">
            Screening settings and highlight terms
          </Link>
        ) : null}
      </div>
      {STAGES.map((stage) => (
        <StageCard key={stage} reviewId={review.id} slug={review.slug} stage={stage} userId={user.id} roles={roles} />
      ))}
      {studies && studies.length ? <StudyLinks slug={review.slug} studies={studies} /> : null}
    </div>
  );
}
