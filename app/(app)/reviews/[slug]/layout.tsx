import { ReviewNav } from "./review-nav";
import { requireReviewAccess } from "@/lib/auth/access";
import { hasCapability } from "@/lib/auth/roles";

export default async function ReviewLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { review, roles } = await requireReviewAccess(slug);
  const base = `/reviews/${review.slug}`;
  const links = [
    { href: base, label: "Dashboard" },
    { href: `${base}/protocol`, label: "Protocol" },
    { href: `${base}/identification`, label: "Identification" },
    { href: `${base}/records`, label: "Records" },
    { href: `${base}/duplicates`, label: "Duplicates" },
    { href: `${base}/screening`, label: "Screening" },
    { href: `${base}/studies`, label: "Studies" },
    { href: `${base}/extraction`, label: "Extraction" },
    { href: `${base}/risk-of-bias`, label: "Risk of bias" },
    { href: `${base}/results`, label: "Results" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/prisma`, label: "PRISMA flow" },
    ...(hasCapability(roles, "manage") ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <div>
      <p className="text-xs uppercase tracking-wide text-slate-500">Review</p>
      <h1 className="text-xl font-semibold">{review.title}</h1>
      <ReviewNav links={links} />
      <div className="pt-6">{children}</div>
    </div>
  );
}
