import type { Metadata } from "next";
import Link from "next/link";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { listStudies } from "@/lib/studies/data";
import { StudyCard } from "./study-card";

export const metadata: Metadata = { title: "Studies" };

export default async function StudiesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const studies = await listStudies(review.id);
  const reports = studies.reduce((n, s) => n + s.reports.length, 0);
  const canManage = hasCapability(roles, "manage");
  return (
    <section className="max-w-4xl space-y-4">
      <div>
        <h2 className="text-lg font-semibold">Studies</h2>
        <p className="text-sm text-slate-600" data-testid="studies-summary">
          {studies.length} stud{studies.length === 1 ? "y" : "ies"} from {reports} report{reports === 1 ? "" : "s"} included at full text. Each included report starts as its own
          study; link reports of the same study together (PRISMA counts studies and reports apart), split one off that was linked by mistake, and name each study as
          extraction and risk of bias will show it.
        </p>
      </div>
      {studies.length === 0 ? (
        <p className="text-sm text-slate-600">
          No studies yet: they appear when records are included at{" "}
          <Link href={`/reviews/${review.slug}/screening`} className="text-brand-700 underline">
            full-text screening
          </Link>
          .
        </p>
      ) : null}
      <ul className="space-y-3">
        {studies.map((study) => (
          <StudyCard key={study.id} slug={review.slug} study={study} others={studies.filter((s) => s.id !== study.id).map((s) => ({ id: s.id, label: s.label }))} canManage={canManage} />
        ))}
      </ul>
    </section>
  );
}
