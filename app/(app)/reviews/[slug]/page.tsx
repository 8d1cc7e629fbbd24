import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getDashboard } from "@/lib/reviews/data";
import { ProgressBar } from "@/app/components/progress-bar";
import { getDemoNotice } from "@/lib/demo/data";
import { DemoNotice } from "./demo-notice";

export default async function ReviewDashboard({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const stages = await getDashboard(review.id, review.slug, { seesOutcomes: hasCapability(roles, "adjudicate") });
  const demo = await getDemoNotice(review.id);
  return (
    <>
    {demo && <DemoNotice notice={demo} />}
    <section aria-labelledby="workflow-heading">
      <h2 id="workflow-heading" className="text-lg font-semibold">
        Workflow
      </h2>
      <ol className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {stages.map((stage, index) => (
          <li key={stage.label} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`stage-${index + 1}`}>
            <div className="flex items-baseline justify-between">
              <h3 className="font-medium">
                {index + 1}. {stage.available ? <Link href={stage.href} className="hover:underline">{stage.label}</Link> : stage.label}
              </h3>
              <span className="text-sm tabular-nums text-slate-600">
                {stage.done}/{stage.total}
              </span>
            </div>
            <div className="mt-2">
              <ProgressBar done={stage.done} total={stage.total} label={`${stage.label} progress`} />
            </div>
            <p className="mt-2 text-xs text-slate-600">{stage.available ? stage.detail : "Not started: earlier stages come first."}</p>
          </li>
        ))}
      </ol>
    </section>
    </>
  );
}
