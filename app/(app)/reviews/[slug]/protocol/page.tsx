import type { Metadata } from "next";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";
import { getProtocol, getReasonsWithUse } from "@/lib/reviews/data";
import { ProtocolForm } from "./protocol-form";
import { ReasonsEditor } from "./reasons-editor";

export const metadata: Metadata = { title: "Protocol" };

const FIELDS = [
  ["question", "Review question"],
  ["population", "Population"],
  ["intervention", "Intervention"],
  ["comparator", "Comparator"],
  ["outcomes", "Outcomes"],
  ["studyDesigns", "Study designs"],
  ["registrationId", "Registration"],
  ["inclusionCriteria", "Inclusion criteria"],
  ["exclusionCriteria", "Exclusion criteria"],
] as const;

export default async function ProtocolPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const protocol = await getProtocol(review.id);
  const reasonsFor = (stage: string) =>
    protocol.reasons
      .filter((r) => (r.stage === stage || r.stage === "BOTH") && !r.retired)
      .map((r) => r.label);
  if (hasCapability(roles, "manage")) {
    return (
      <div className="space-y-10">
        <ProtocolForm protocol={protocol} />
        <ReasonsEditor slug={review.slug} reasons={await getReasonsWithUse(review.id)} />
      </div>
    );
  }
  return (
    <dl className="max-w-3xl space-y-4">
      {FIELDS.map(([key, label]) => (
        <div key={key}>
          <dt className="text-sm font-medium text-slate-600">{label}</dt>
          <dd className="whitespace-pre-wrap">{protocol[key] || "—"}</dd>
        </div>
      ))}
      <div>
        <dt className="text-sm font-medium text-slate-600">Exclusion reasons (title/abstract)</dt>
        <dd>{reasonsFor("TITLE_ABSTRACT").join("; ") || "—"}</dd>
      </div>
      <div>
        <dt className="text-sm font-medium text-slate-600">Exclusion reasons (full text)</dt>
        <dd>{reasonsFor("FULL_TEXT").join("; ") || "—"}</dd>
      </div>
    </dl>
  );
}
