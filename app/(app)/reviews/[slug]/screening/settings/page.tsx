import type { Metadata } from "next";
import { requireReviewAccess } from "@/lib/auth/access";
import { getProtocol } from "@/lib/reviews/data";
import { listMembers } from "@/lib/members/data";
import { STAGES } from "@/lib/reviews/schema";
import { getAssignmentSummary } from "@/lib/screening/assignment-data";
import { STAGE_LABELS } from "@/lib/screening/schema";
import { SettingsForm } from "./settings-form";
import { AssignmentForm } from "./assignment-form";

export const metadata: Metadata = { title: "Screening settings" };

export default async function ScreeningSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review } = await requireReviewAccess(slug, "manage");
  const [{ settings }, members, summaries] = await Promise.all([
    getProtocol(review.id),
    listMembers(review.id),
    Promise.all(STAGES.map((stage) => getAssignmentSummary(review.id, stage))),
  ]);
  const reviewers = members.filter((m) => m.roles.includes("REVIEWER")).map((m) => ({ id: m.id, name: m.name }));
  return (
    <div className="space-y-6">
      <SettingsForm slug={review.slug} settings={settings} />
      <section className="max-w-3xl space-y-3" aria-labelledby="assignment-heading">
        <h2 id="assignment-heading" className="text-base font-semibold">
          Assignment
        </h2>
        <p className="text-sm text-slate-600">
          Share each stage&apos;s records among reviewers instead of everyone screening everything. A record assigned to one reviewer is settled by that vote; a record
          assigned to two needs both, and a disagreement goes to conflicts. Blinding is unchanged. Every draw is recorded in the audit log with its seed.
        </p>
        {reviewers.length === 0 ? <p className="text-sm text-slate-600">No member has the Reviewer role yet.</p> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {STAGES.map((stage, i) => (
            <AssignmentForm key={stage} slug={review.slug} stage={stage} legend={STAGE_LABELS[stage]} reviewers={reviewers} summary={summaries[i]} />
          ))}
        </div>
      </section>
    </div>
  );
}
