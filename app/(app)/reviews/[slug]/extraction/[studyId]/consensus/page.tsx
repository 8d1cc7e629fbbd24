import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { getConsensusView, getStudyForExtraction } from "@/lib/extraction/data";
import { ConsensusForm } from "./consensus-form";

export const metadata: Metadata = { title: "Consensus" };

export default async function ConsensusPage({ params }: { params: Promise<{ slug: string; studyId: string }> }) {
  const { slug, studyId } = await params;
  const { review } = await requireReviewAccess(slug, "reconcile");
  const study = await getStudyForExtraction(review.id, studyId);
  if (!study) notFound();
  const view = await getConsensusView(review.id, studyId);
  return (
    <div className="space-y-3">
      <p className="text-sm">
        <Link className="underline" href={`/reviews/${review.slug}/extraction`}>Extraction</Link> › {study.label} › consensus
      </p>
      <h2 className="text-lg font-semibold">Consensus: {study.label}</h2>
      <p className="text-xs text-slate-600">
        Numbers agree within {(view.settings.numericTolerance * 100).toLocaleString("en")} % (relative). {view.consensus ? `Consensus ${view.consensus.status === "SUBMITTED" ? "final" : "in draft"}.` : "No consensus yet."}{" "}
        <Link className="underline" href={`/reviews/${review.slug}/figures/${study.id}?consensus=1`}>
          Digitised figures: both extractors&apos; clicks on the figure
        </Link>
      </p>
      {view.ready ? (
        <ConsensusForm slug={review.slug} studyId={study.id} rows={view.rows} reviewers={view.reviewers} saved={view.consensus?.decisions ?? {}} />
      ) : (
        <p className="text-sm">Waiting for {view.settings.extractorsPerStudy} submitted extractions ({view.reviewers.length} so far).</p>
      )}
    </div>
  );
}
