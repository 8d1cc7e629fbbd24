import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getDigitiserContext, listVisibleDigitisations } from "@/lib/digitiser/data";
import { outcomeDataSchema } from "@/lib/extraction/schema";
import { Digitiser } from "./digitiser";
import type { StoredDigitisation } from "./evidence-list";

export const metadata: Metadata = { title: "Digitise a figure" };

/**
 * The figure digitiser for one study: extractors read values off the study's PDF (or an image)
 * into their own extraction; owners and adjudicators see every extractor's clicks and can digitise
 * for the consensus.
 */
export default async function FiguresPage({ params, searchParams }: { params: Promise<{ slug: string; studyId: string }>; searchParams: Promise<{ consensus?: string }> }) {
  const [{ slug, studyId }, query] = await Promise.all([params, searchParams]);
  const access = await requireReviewAccess(slug, "view");
  const canExtract = hasCapability(access.roles, "extract");
  const canReconcile = hasCapability(access.roles, "reconcile");
  if (!canExtract && !canReconcile) notFound();
  const asConsensus = canReconcile && (!canExtract || query.consensus === "1");
  const context = await getDigitiserContext(access.review.id, studyId, access.user.id, asConsensus);
  if (!context) notFound();
  const stored = await listVisibleDigitisations(access.review.id, studyId, access.user.id, access.roles);
  const outcomeData = outcomeDataSchema.safeParse(context.entry?.outcomeData ?? {});
  const experiments = (outcomeData.success ? outcomeData.data.experiments : []).map((e) => ({ id: e.id, label: e.label, groups: e.groups.map((g) => ({ id: g.id, name: g.name, n: g.n })) }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Digitise a figure: {context.study.label}</h1>
        <p className="text-sm text-stone-600">
          Click two points on the value axis and type their values, then per group the mean (bar top or marker) and the end of its error bar, or a box plot&apos;s five numbers.
          The values go into {asConsensus ? "the consensus" : "your extraction"} as reported, with the figure as their locator; the conversion to mean and SD then applies as for typed values.
          {" "}<Link className="underline" href={`/reviews/${slug}/extraction`}>Back to extraction</Link>
        </p>
      </div>
      <Digitiser
        slug={slug}
        studyId={studyId}
        pdfs={context.pdfs}
        outcomes={context.outcomes.map((o) => o.name)}
        experiments={experiments}
        stored={JSON.parse(JSON.stringify(stored)) as StoredDigitisation[]}
        asConsensus={asConsensus}
      />
    </div>
  );
}
