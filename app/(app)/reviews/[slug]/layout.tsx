import Link from "next/link";
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
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/prisma`, label: "PRISMA flow" },
    ...(hasCapability(roles, "manage") ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];
  return (
    <div>
      <p className="text-xs uppercase tracking-wide text-slate-500">Review</p>
      <h1 className="text-xl font-semibold">{review.title}</h1>
      <nav aria-label="Review sections" className="mt-3 flex gap-1 border-b border-slate-200">
        {links.map((link) => (
          <Link key={link.href} href={link.href} className="rounded-t px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
            {link.label}
          </Link>
        ))}
      </nav>
      <div className="pt-6">{children}</div>
    </div>
  );
}
